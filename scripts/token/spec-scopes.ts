/** The OAuth 2 scopes the generated operations ask for: the default scp of `conduit token`. */
import { UserError } from "../diagnostics.js";
import type { OperationSpec } from "../../src/runtime/contract.js";

export async function specScopes(): Promise<string[]> {
  let operations: Readonly<Record<string, OperationSpec>>;
  try {
    // Compiled beside this file (dist/generated or .out/<name>/generated): found relative to it, not to dist/.
    ({ operations } = (await import(new URL("../../generated/operations.js", import.meta.url).href)) as { operations: Readonly<Record<string, OperationSpec>> });
  } catch {
    throw new UserError("cannot read the generated operations to find the spec's scopes: run `conduit generate` and build, or pass --scope SCOPE");
  }
  const scopes = Object.values(operations).flatMap((operation) =>
    operation.security.flatMap((alternative) => alternative.filter((requirement) => requirement.type === "oauth2").flatMap((requirement) => requirement.scopes)),
  );
  return [...new Set(scopes)].sort();
}

/**
 * The spec as generate reads it, kept apart from the renderers (which load TypeScript and openapi-typescript) so
 * that `serve --mock` and `try` read a spec the same way without paying for them: references into other files
 * inlined, and what lint refuses as a name or parameter error refused.
 */
import path from "node:path";
import { resolveExternalRefs } from "../bundle/resolve.js";
import { toPlain } from "../bundle/ordered.js";
import { loadOrderedSource } from "../bundle/source.js";
import { Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { findReferenceProblems } from "../model/refs.js";
import { displayPath } from "../project.js";
import type { SourceDocument } from "../spec/document.js";
import { generationBlockers } from "./blockers.js";

/** Lint's errors that would make generated code wrong stop generate before it writes anything. */
export function refuseBlockedSpec(document: SourceDocument, data: unknown): void {
  const blockers = generationBlockers(document, data);
  if (blockers.length === 0) return;
  const count = blockers.length === 1 ? "1 error" : `${blockers.length} errors`;
  throw new UserError(`${document.source}: ${count} that lint reports too would make the generated code wrong; nothing was written`, {
    diagnostics: blockers.map((d) => ({ ...d, message: `${d.message} [${d.code}]` })),
    exitCode: 1,
  });
}

/**
 * The document with references into other files inlined (as `conduit bundle` does for Power Platform);
 * references that lead nowhere are the user's to fix, positioned.
 */
export async function selfContained(document: SourceDocument): Promise<unknown> {
  let data = document.data;
  if (findReferenceProblems(data).external.length > 0) {
    const load = (file: string) => loadOrderedSource(file, displayPath(file));
    data = toPlain(await resolveExternalRefs(await loadOrderedSource(path.resolve(document.source), document.source), load));
  }
  const { broken } = findReferenceProblems(data);
  if (broken.length > 0) {
    const diagnostics: Diagnostic[] = broken.map((site) => ({
      code: "conduit-unresolved-ref",
      message: `${site.ref} points to nothing in the document: fix the reference or add what it names`,
      path: site.path,
      severity: Severity.Error,
      source: document.source,
      range: document.rangeOf(site.path),
    }));
    throw new UserError(`${document.source}: ${broken.length} reference${broken.length === 1 ? "" : "s"} cannot be resolved`, { diagnostics, exitCode: 2 });
  }
  return data;
}

/** Security requirements (Swagger 2.0 §4.3.3.16): the operation's own, else the document's, with scheme types. */
import type { SecurityRequirementSpec } from "../../src/runtime/contract.js";
import type { JsonPath } from "./model.js";
import { isObject } from "./refs.js";

export interface SecurityProblem {
  readonly message: string;
  readonly location: JsonPath;
}

const TYPES = new Set(["oauth2", "apiKey", "basic"]);

export function toSecurity(
  definitions: unknown,
  requirements: unknown,
  at: JsonPath,
  problems: SecurityProblem[],
): SecurityRequirementSpec[][] {
  if (!Array.isArray(requirements)) return [];
  return requirements.filter(isObject).map((requirement) =>
    Object.entries(requirement).flatMap(([scheme, scopes]) => {
      const definition = isObject(definitions) ? definitions[scheme] : undefined;
      const type = isObject(definition) ? definition["type"] : undefined;
      if (typeof type !== "string" || !TYPES.has(type)) {
        problems.push({ message: `security scheme ${scheme} is not defined in securityDefinitions; it is left out`, location: at });
        return [];
      }
      return [{
        scheme,
        type: type as SecurityRequirementSpec["type"],
        scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string") : [],
      }];
    }),
  );
}

/** The extension that names the app roles an app-only token must hold (on an operation, or the document). */
export const APP_ROLES = "x-conduit-roles";

export function toAppRoles(value: unknown, at: JsonPath, problems: SecurityProblem[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((role) => typeof role === "string" && role.trim() !== "")) {
    problems.push({ message: `${APP_ROLES} must be a list of app role names, e.g. [WorkOrders.ReadWrite.All]; it is ignored`, location: at });
    return [];
  }
  return [...new Set(value as string[])];
}

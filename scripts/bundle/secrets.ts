/**
 * The secrets an apiProperties document can carry, recognised by where they stand, not by where they came from:
 * a conduit block, `conduit import`, or a hand-written `properties:` all end up in the same places. Import uses
 * the same predicates to decide what to take out, so the two never disagree. Pure.
 */
import { isJsonObject, type JsonPath, type JsonValue } from "./ordered.js";

/** Header and query parameter names whose literal value is a credential. */
const SECRET_NAME = /key|token|secret|password|passwd|auth|signature|credential|^code$/i;

export interface SecretUse {
  /** What it is, for messages: "the client secret", "the x-functions-key value of the policy …". */
  readonly what: string;
  readonly path: JsonPath;
  readonly value: string;
}

/** A setheader / setqueryparameter policy's parameters when it sets a credential to a literal value. */
export function credentialPolicyParameters(policy: JsonValue): { readonly name: string; readonly value: string; readonly template: string } | undefined {
  if (!isJsonObject(policy)) return undefined;
  const template = String(policy.get("templateId") ?? "").toLowerCase();
  if (template !== "setheader" && template !== "setqueryparameter") return undefined;
  const parameters = policy.get("parameters");
  if (!isJsonObject(parameters)) return undefined;
  const name = parameters.get("x-ms-apimTemplateParameter.name");
  const value = parameters.get("x-ms-apimTemplateParameter.value");
  // Expressions (@connectionParameters(...), @headers(...)) are wiring, not values.
  if (typeof name !== "string" || typeof value !== "string" || value === "" || value.includes("@") || !SECRET_NAME.test(name)) return undefined;
  return { name, value, template };
}

/** Every secret in an apiProperties document (`{ properties: … }`), in document order. */
export function findSecrets(document: JsonValue): SecretUse[] {
  const found: SecretUse[] = [];
  const inner = isJsonObject(document) ? document.get("properties") : undefined;
  if (!isJsonObject(inner)) return found;
  const inParameters = (parameters: JsonValue, at: JsonPath): void => {
    if (!isJsonObject(parameters)) return;
    for (const [name, parameter] of parameters) {
      if (!isJsonObject(parameter)) continue;
      const settings = parameter.get("oAuthSettings");
      const secret = isJsonObject(settings) ? settings.get("clientSecret") : undefined;
      if (typeof secret === "string" && secret !== "") {
        found.push({ what: "the client secret", path: [...at, name, "oAuthSettings", "clientSecret"], value: secret });
      }
      const fallback = parameter.get("defaultValue");
      if (parameter.get("type") === "securestring" && typeof fallback === "string" && fallback !== "") {
        found.push({ what: `the default value of the secure connection parameter ${name}`, path: [...at, name, "defaultValue"], value: fallback });
      }
    }
  };
  inParameters(inner.get("connectionParameters") ?? null, ["properties", "connectionParameters"]);
  const sets = inner.get("connectionParameterSets");
  const setValues = isJsonObject(sets) ? sets.get("values") : undefined;
  if (Array.isArray(setValues)) {
    setValues.forEach((set, i) => {
      if (isJsonObject(set)) inParameters(set.get("parameters") ?? null, ["properties", "connectionParameterSets", "values", i, "parameters"]);
    });
  }
  const policies = inner.get("policyTemplateInstances");
  if (Array.isArray(policies)) {
    policies.forEach((policy, i) => {
      const credential = credentialPolicyParameters(policy);
      if (credential === undefined) return;
      const title = isJsonObject(policy) && typeof policy.get("title") === "string" ? ` "${String(policy.get("title"))}"` : "";
      found.push({
        what: `the ${credential.name} value of the policy${title}`,
        path: ["properties", "policyTemplateInstances", i, "parameters", "x-ms-apimTemplateParameter.value"],
        value: credential.value,
      });
    });
  }
  return found;
}

import { isObject, isString, objectEntries, type JsonObject, type JsonPath } from "../../connector/json.js";
import { defineRule, type Finding } from "../../rule.js";

const P = "x-ms-apimTemplateParameter.";
// Header and query names that carry credentials.
const SECRET_NAMES = /^(x-functions-key|code|authorization|api[-_]?key|x-api-key|ocp-apim-subscription-key|subscription-key|.*(secret|token|password).*)$/i;

export const rule = defineRule({
  id: "pp-properties-secrets",
  description: "No client secret, function key or other credential is written into apiProperties; ${NAME} placeholders and @connectionParameters(...) are fine.",
  severity: "warn",
  document: "apiProperties",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const findings: Finding[] = isObject(root["conduit"]) ? conduitBlockSecrets(root["conduit"], ["conduit"]) : [];
    const properties = root["properties"];
    const path = ["properties"];
    if (!isObject(properties)) return findings;
    for (const [name, parameter] of objectEntries(properties["connectionParameters"])) {
      const at: JsonPath = [...path, "connectionParameters", name];
      const settings = parameter["oAuthSettings"];
      if (isObject(settings) && isLiteral(settings["clientSecret"])) {
        findings.push({ message: "oAuthSettings.clientSecret holds a literal secret: anyone who reads this file has it. Use a ${NAME} placeholder and supply it when publishing.", path: [...at, "oAuthSettings", "clientSecret"] });
      }
      if (parameter["type"] === "securestring" && isLiteral(parameter["defaultValue"])) {
        findings.push({ message: `Connection parameter '${name}' is a securestring with a literal defaultValue: that secret is shared with every connection and every reader of this file.`, path: [...at, "defaultValue"] });
      }
    }
    const instances = properties["policyTemplateInstances"];
    if (Array.isArray(instances)) {
      instances.forEach((instance: unknown, index) => {
        const parameters = isObject(instance) && isObject(instance["parameters"]) ? instance["parameters"] : undefined;
        const name = parameters?.[`${P}name`];
        if (!parameters || !isString(name) || !SECRET_NAMES.test(name) || !isLiteral(parameters[`${P}value`])) return;
        findings.push({
          message: `The policy sets '${name}' to a literal value, which anyone who can download the connector reads. Use "@connectionParameters('…')" with a securestring parameter, or a \${NAME} placeholder filled when publishing.`,
          path: [...path, "policyTemplateInstances", index, "parameters", `${P}value`],
        });
      });
    }
    return findings;
  },
});

/** The project's `conduit:` block: secret-named values and the function key's value must be placeholders. */
function conduitBlockSecrets(block: JsonObject, path: JsonPath): Finding[] {
  const findings: Finding[] = [];
  for (const [key, value] of Object.entries(block)) {
    const at = [...path, key];
    if (isObject(value)) findings.push(...conduitBlockSecrets(value, at));
    const secretValue = /secret|password|token/i.test(key) || (key === "value" && /key/i.test(String(path.at(-1))));
    if (secretValue && isLiteral(value)) {
      findings.push({ message: `${at.join(".")} holds a literal secret in a committed file: write a \${NAME} placeholder and keep the value in the environment or a git-ignored .env.<env> file.`, path: at });
    }
  }
  return findings;
}

/** A credential written out: not empty, not a ${NAME} placeholder, not a policy expression. */
function isLiteral(value: unknown): boolean {
  if (!isString(value) || value.trim() === "") return false;
  return !/\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}/.test(value) && !/@(connectionParameters|headers|queryParameters)\(/.test(value);
}

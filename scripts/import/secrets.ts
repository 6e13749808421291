import { cloneJson, isJsonObject, type JsonObject, type JsonPath, type JsonValue } from "../bundle/ordered.js";
import { credentialPolicyParameters } from "../bundle/secrets.js";

/** One value that import took out of apiProperties.json and replaced by `${name}`. */
export interface ExtractedValue {
  readonly name: string;
  readonly value: string;
  /** Secrets (client secret, keys) never go where git could track them. */
  readonly secret: boolean;
  /** Where the placeholder now stands (paths in apiProperties.json). */
  readonly paths: JsonPath[];
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Tenant segments that are the same everywhere, hence not environment-specific. */
const SHARED_TENANTS = new Set(["common", "organizations", "consumers"]);
const ENTRA_URL = /^(https:\/\/(?:login\.microsoftonline\.com|login\.windows\.net|sts\.windows\.net|login\.microsoft\.com)\/)([^/?#]+)(.*)$/i;

/** Names placeholders and keeps one name per distinct value. */
class Names {
  readonly values = new Map<string, ExtractedValue>();

  placeholder(base: string, value: string, secret: boolean, path: JsonPath): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}_${n}`;
      const known = this.values.get(name);
      if (known === undefined) {
        this.values.set(name, { name, value, secret, paths: [path] });
        return `\${${name}}`;
      }
      if (known.value === value) {
        known.paths.push(path);
        return `\${${name}}`;
      }
    }
  }
}

/**
 * apiProperties.json with every secret and environment-specific value replaced by a named `${PLACEHOLDER}`:
 * OAuth client ids and secrets, Entra tenants in URLs, app-registration resources and scopes, default values of
 * secure parameters, and literal credentials in setheader / setqueryparameter policies. Pure.
 */
export function extractEnvironmentValues(properties: JsonObject): { document: JsonObject; values: ExtractedValue[] } {
  const document = cloneJson(properties);
  const names = new Names();
  const inner = document.get("properties");
  if (isJsonObject(inner)) {
    const parameters = inner.get("connectionParameters");
    if (isJsonObject(parameters)) replaceInParameters(parameters, ["properties", "connectionParameters"], names);
    const sets = inner.get("connectionParameterSets");
    const setValues = isJsonObject(sets) ? sets.get("values") : undefined;
    if (Array.isArray(setValues)) {
      setValues.forEach((set, i) => {
        const setParameters = isJsonObject(set) ? set.get("parameters") : undefined;
        if (isJsonObject(setParameters)) replaceInParameters(setParameters, ["properties", "connectionParameterSets", "values", i, "parameters"], names);
      });
    }
    const policies = inner.get("policyTemplateInstances");
    if (Array.isArray(policies)) policies.forEach((policy, i) => replaceInPolicy(policy, ["properties", "policyTemplateInstances", i], names));
  }
  return { document, values: [...names.values.values()] };
}

function replaceInParameters(parameters: JsonObject, at: JsonPath, names: Names): void {
  for (const [name, parameter] of parameters) {
    if (!isJsonObject(parameter)) continue;
    const here = [...at, name];
    const settings = parameter.get("oAuthSettings");
    if (isJsonObject(settings)) replaceInOAuth(settings, [...here, "oAuthSettings"], names);
    const defaultValue = parameter.get("defaultValue");
    if (parameter.get("type") === "securestring" && typeof defaultValue === "string" && defaultValue !== "") {
      parameter.set("defaultValue", names.placeholder(`CONDUIT_${constantCase(name)}`, defaultValue, true, [...here, "defaultValue"]));
    }
  }
}

function replaceInOAuth(settings: JsonObject, at: JsonPath, names: Names): void {
  const clientId = settings.get("clientId");
  if (typeof clientId === "string" && clientId !== "") settings.set("clientId", names.placeholder("CONDUIT_CLIENT_ID", clientId, false, [...at, "clientId"]));
  const clientSecret = settings.get("clientSecret");
  if (typeof clientSecret === "string" && clientSecret !== "") {
    settings.set("clientSecret", names.placeholder("CONDUIT_CLIENT_SECRET", clientSecret, true, [...at, "clientSecret"]));
  }
  const scopes = settings.get("scopes");
  if (Array.isArray(scopes)) {
    settings.set(
      "scopes",
      scopes.map((scope, i) =>
        typeof scope === "string"
          ? scope
              .split(" ")
              .map((token) => (isAppSpecific(token) ? names.placeholder("CONDUIT_SCOPE", token, false, [...at, "scopes", i]) : token))
              .join(" ")
          : scope,
      ),
    );
  }
  const properties = settings.get("properties");
  if (isJsonObject(properties)) {
    const resource = properties.get("AzureActiveDirectoryResourceId");
    if (typeof resource === "string" && isResource(resource)) {
      properties.set("AzureActiveDirectoryResourceId", names.placeholder("CONDUIT_RESOURCE_URI", resource, false, [...at, "properties", "AzureActiveDirectoryResourceId"]));
    }
  }
  const custom = settings.get("customParameters");
  if (!isJsonObject(custom)) return;
  for (const [key, entry] of custom) {
    const value = isJsonObject(entry) ? entry.get("value") : undefined;
    if (!isJsonObject(entry) || typeof value !== "string") continue;
    const path = [...at, "customParameters", key, "value"];
    if (key === "tenantId") {
      if (!SHARED_TENANTS.has(value.toLowerCase()) && value !== "") entry.set("value", names.placeholder("CONDUIT_TENANT_ID", value, false, path));
    } else if (key === "resourceUri") {
      if (isResource(value)) entry.set("value", names.placeholder("CONDUIT_RESOURCE_URI", value, false, path));
    } else {
      const match = ENTRA_URL.exec(value);
      if (match && !SHARED_TENANTS.has((match[2] ?? "").toLowerCase())) {
        entry.set("value", `${match[1] ?? ""}${names.placeholder("CONDUIT_TENANT_ID", match[2] ?? "", false, path)}${match[3] ?? ""}`);
      }
    }
  }
}

function replaceInPolicy(policy: JsonValue, at: JsonPath, names: Names): void {
  // The same recognition as bundle's, so that whatever import leaves in place bundle does not take for a secret.
  const credential = credentialPolicyParameters(policy);
  const parameters = isJsonObject(policy) ? policy.get("parameters") : undefined;
  if (credential === undefined || !isJsonObject(parameters)) return;
  const { name, value, template } = credential;
  const isFunctionKey = name.toLowerCase() === "x-functions-key" || (template === "setqueryparameter" && name === "code");
  const base = isFunctionKey ? "CONDUIT_FUNCTION_KEY" : `CONDUIT_${constantCase(name)}`;
  parameters.set("x-ms-apimTemplateParameter.value", names.placeholder(base, value, true, [...at, "parameters", "x-ms-apimTemplateParameter.value"]));
}

/**
 * The audience of an `aad` connection: the API's app registration (GUID, api://…, or a placeholder such as
 * [[DUMMY]]), unless it is a shared Microsoft API such as https://graph.microsoft.com.
 */
function isResource(text: string): boolean {
  return text !== "" && (isAppSpecific(text) || !/^https:\/\//i.test(text));
}

/** An app registration's id or URI (a GUID, api://…): differs per tenant and environment. */
function isAppSpecific(text: string): boolean {
  return GUID.test(text) || /^api:\/\//i.test(text);
}

function constantCase(name: string): string {
  return (
    name
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toUpperCase() || "VALUE"
  );
}

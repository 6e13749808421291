import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from "./ordered.js";
import { isClientSecretPath, type FunctionKeyConfig, type PropertiesSpec, type SignInConfig } from "./config.js";

/** Where Entra ID sends the user back after sign-in, for every connector in Global redirect mode. */
export const GLOBAL_REDIRECT_URL = "https://global.consent.azure-apim.net/redirect";
export const ENTRA_LOGIN = "https://login.microsoftonline.com";
/** The connection parameter that holds a per-connection function key (`token:` so it sits beside OAuth). */
export const FUNCTION_KEY_PARAMETER = "token:functionKey";
export const FUNCTION_KEY_POLICY_TITLE = "Set api key in header";

export function entraAuthorizeUrl(tenantId: string): string {
  return `${ENTRA_LOGIN}/${tenantId}/oauth2/v2.0/authorize`;
}

export function entraTokenUrl(tenantId: string): string {
  return `${ENTRA_LOGIN}/${tenantId}/oauth2/v2.0/token`;
}

/** The audience for `aad`: given, or the scope without its permission name (api://<id>/user_impersonation → api://<id>). */
export function resourceUriOf(signIn: SignInConfig): string | undefined {
  if (signIn.resourceUri !== undefined) return signIn.resourceUri;
  const slash = signIn.scope.lastIndexOf("/");
  return slash > 0 && !signIn.scope.includes(" ") ? signIn.scope.slice(0, slash) : undefined;
}

export class RenderError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

/**
 * apiProperties.json for one environment from spec/apiProperties.yaml whose placeholders are already filled:
 * the conduit block becomes the `token` connection parameter and the function-key policy (both first, so the
 * connection dialog and policy list read in a fixed order); everything written under `properties` is kept as is.
 * A client secret is kept only when `includeSecrets` is set.
 */
export function renderApiProperties(spec: PropertiesSpec, options: { includeSecrets: boolean }): JsonObject {
  const document = cloneJson(spec.document);
  const properties = document.get("properties");
  if (!isJsonObject(properties)) throw new RenderError("`properties:` must be a mapping", ["properties"]);
  const { signIn, functionKey } = spec.config;

  if (signIn !== undefined || functionKey !== undefined) {
    const written = properties.get("connectionParameters");
    const parameters: JsonObject = new Map();
    if (signIn !== undefined) parameters.set("token", tokenParameter(signIn, options.includeSecrets));
    if (functionKey?.source === "connection") parameters.set(signIn ? FUNCTION_KEY_PARAMETER : "functionKey", functionKeyParameter(functionKey));
    if (written !== undefined && written !== null) {
      if (!isJsonObject(written)) throw new RenderError("connectionParameters must be a mapping", ["properties", "connectionParameters"]);
      for (const [name, parameter] of written) {
        if (parameters.has(name)) {
          throw new RenderError(
            `connectionParameters.${name} is also built from the conduit block (conduit.${name === "token" ? "signIn" : "functionKey"}): remove one of them`,
            ["properties", "connectionParameters", name],
          );
        }
        parameters.set(name, parameter);
      }
    }
    setFirst(properties, "connectionParameters", parameters, []);
  }

  if (functionKey !== undefined) {
    const written = properties.get("policyTemplateInstances");
    if (written !== undefined && written !== null && !Array.isArray(written)) {
      throw new RenderError("policyTemplateInstances must be a list", ["properties", "policyTemplateInstances"]);
    }
    const parameterName = signIn ? FUNCTION_KEY_PARAMETER : "functionKey";
    const policies: JsonValue[] = [functionKeyPolicy(functionKey, parameterName), ...(written ?? [])];
    setFirst(properties, "policyTemplateInstances", policies, ["connectionParameters"]);
  }

  return options.includeSecrets ? document : withoutClientSecrets(document);
}

function tokenParameter(signIn: SignInConfig, includeSecrets: boolean): JsonObject {
  const settings: JsonObject = new Map<string, JsonValue>([
    ["identityProvider", signIn.identityProvider],
    ["clientId", signIn.clientId],
  ]);
  if (includeSecrets && signIn.clientSecret !== undefined) settings.set("clientSecret", signIn.clientSecret);
  if (signIn.identityProvider === "oauth2") {
    // offline_access: the v2.0 endpoint issues a refresh token only when asked for one.
    settings.set("scopes", [`${signIn.scope} offline_access`]);
    settings.set("redirectMode", "Global");
    settings.set("redirectUrl", GLOBAL_REDIRECT_URL);
    settings.set("properties", new Map<string, JsonValue>([["IsFirstParty", "False"], ["IsOnbehalfofLoginSupported", false]]));
    settings.set(
      "customParameters",
      new Map<string, JsonValue>([
        ["authorizationUrl", value(entraAuthorizeUrl(signIn.tenantId))],
        ["tokenUrl", value(entraTokenUrl(signIn.tenantId))],
        ["refreshUrl", value(entraTokenUrl(signIn.tenantId))],
      ]),
    );
  } else {
    const resource = resourceUriOf(signIn);
    if (resource === undefined) {
      throw new RenderError(
        `identityProvider aad needs the function app's resource: set conduit.signIn.scope to api://<app id>/<permission> or add conduit.signIn.resourceUri`,
        ["conduit", "signIn", "scope"],
      );
    }
    const permission = signIn.scope.slice(resource.length).replace(/^\//, "") || "user_impersonation";
    settings.set("scopes", [permission]);
    settings.set("redirectMode", "Global");
    settings.set("redirectUrl", GLOBAL_REDIRECT_URL);
    settings.set(
      "properties",
      new Map<string, JsonValue>([
        ["IsFirstParty", "False"],
        ["AzureActiveDirectoryResourceId", resource],
        ["IsOnbehalfofLoginSupported", false],
      ]),
    );
    settings.set(
      "customParameters",
      new Map<string, JsonValue>([
        ["loginUri", value(ENTRA_LOGIN)],
        ["tenantId", value(signIn.tenantId)],
        ["resourceUri", value(resource)],
      ]),
    );
  }
  return new Map<string, JsonValue>([
    ["type", "oauthSetting"],
    ["oAuthSettings", settings],
  ]);
}

function functionKeyParameter(functionKey: FunctionKeyConfig): JsonObject {
  return new Map<string, JsonValue>([
    ["type", "securestring"],
    [
      "uiDefinition",
      new Map<string, JsonValue>([
        ["displayName", "Function key"],
        ["description", `The function app's host key, sent as ${functionKey.header} with every request`],
        ["tooltip", "Azure portal: the function app, App keys, a host key (default)"],
        ["constraints", new Map<string, JsonValue>([["required", "true"], ["clearText", false]])],
      ]),
    ],
  ]);
}

function functionKeyPolicy(functionKey: FunctionKeyConfig, parameterName: string): JsonObject {
  const keyValue = functionKey.source === "static" ? (functionKey.value ?? "") : `@connectionParameters('${parameterName}')`;
  return new Map<string, JsonValue>([
    ["templateId", "setheader"],
    ["title", FUNCTION_KEY_POLICY_TITLE],
    [
      "parameters",
      new Map<string, JsonValue>([
        ["x-ms-apimTemplateParameter.name", functionKey.header],
        ["x-ms-apimTemplateParameter.value", keyValue],
        ["x-ms-apimTemplateParameter.existsAction", "override"],
        ["x-ms-apimTemplate-policySection", "Request"],
      ]),
    ],
  ]);
}

function value(text: string): JsonObject {
  return new Map([["value", text]]);
}

/** Sets `key`, keeping its position when present, else right after the first of `after` that exists (or first). */
function setFirst(target: JsonObject, key: string, item: JsonValue, after: readonly string[]): void {
  if (target.has(key)) {
    target.set(key, item);
    return;
  }
  const anchor = after.find((k) => target.has(k));
  const entries = [...target];
  const index = anchor === undefined ? -1 : entries.findIndex(([k]) => k === anchor);
  entries.splice(index + 1, 0, [key, item]);
  target.clear();
  for (const [k, v] of entries) target.set(k, v);
}

/** The document without any `oAuthSettings.clientSecret`. */
export function withoutClientSecrets(document: JsonObject): JsonObject {
  const strip = (node: JsonValue, path: (string | number)[]): JsonValue => {
    if (Array.isArray(node)) return node.map((item, i) => strip(item, [...path, i]));
    if (!isJsonObject(node)) return node;
    const out: JsonObject = new Map();
    for (const [key, item] of node) {
      if (isClientSecretPath([...path, key])) continue;
      out.set(key, strip(item, [...path, key]));
    }
    return out;
  };
  return strip(document, []) as JsonObject;
}

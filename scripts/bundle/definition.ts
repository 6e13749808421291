import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from "./ordered.js";
import type { ConduitConfig } from "./config.js";
import { entraAuthorizeUrl, entraTokenUrl, RenderError } from "./properties.js";

/** Host names as Power Platform accepts them: no scheme, path or braces; an optional port. */
const HOST = /^[^{}/ :\\]+(?::\d+)?$/;

/**
 * The definition for one environment: `host` from conduit.host, and with conduit.signIn every oauth2 security
 * definition pointed at the tenant's v2.0 endpoints (the wizard fills its Security tab from them).
 */
export function applyEnvironment(definition: JsonObject, config: ConduitConfig): JsonObject {
  const out = cloneJson(definition);
  if (config.host !== undefined) {
    if (!HOST.test(config.host)) {
      throw new RenderError(`conduit.host must be a host name without scheme or path, e.g. myapp.azurewebsites.net; got "${config.host}"`, ["conduit", "host"]);
    }
    setAfter(out, "host", config.host, "info");
  }
  const signIn = config.signIn;
  if (signIn !== undefined) {
    const schemes = out.get("securityDefinitions");
    const oauth = isJsonObject(schemes) ? [...schemes.values()].filter((s): s is JsonObject => isJsonObject(s) && s.get("type") === "oauth2") : [];
    if (oauth.length === 0) {
      throw new RenderError(
        "conduit.signIn needs an oauth2 security definition in the spec (securityDefinitions: { oauth2_auth: { type: oauth2, flow: accessCode, ... } })",
        ["conduit", "signIn"],
      );
    }
    for (const scheme of oauth) {
      const flow = scheme.get("flow");
      if (flow === "accessCode" || flow === "implicit") scheme.set("authorizationUrl", entraAuthorizeUrl(signIn.tenantId));
      if (flow === "accessCode" || flow === "password" || flow === "application") scheme.set("tokenUrl", entraTokenUrl(signIn.tenantId));
    }
  }
  return out;
}

function setAfter(target: JsonObject, key: string, value: JsonValue, after: string): void {
  if (target.has(key) || !target.has(after)) {
    target.set(key, value);
    return;
  }
  const entries = [...target];
  entries.splice(entries.findIndex(([k]) => k === after) + 1, 0, [key, value]);
  target.clear();
  for (const [k, v] of entries) target.set(k, v);
}

import { isObject, isString } from "../../connector/json.js";
import { defineRule } from "../../rule.js";

// The pattern of Microsoft's published schema: a host name and an optional port, nothing else.
const HOST = /^[^{}/ :\\]+(?::\d+)?$/;
// What pp-host refuses at error.
const REFUSED = /^[a-z][a-z0-9+.-]*:\/\/|[\s\\]|:(?!\d+(\/|$))/i;

export const rule = defineRule({
  id: "pp-host-name",
  description: "host is a host name with an optional port: no path and no {placeholder}.",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const host = root["host"];
    if (!isString(host) || host === "" || HOST.test(host) || REFUSED.test(host)) return [];
    const what = /[{}]/.test(host) ? "a placeholder" : "a path";
    return [{
      message: `'host' holds ${what}: documented as HostNameNotValid; accepted connectors have it, but calls go to the host as written unless a policy (dynamichosturl) replaces it. Put a path in 'basePath'.`,
      path: ["host"],
    }];
  },
});

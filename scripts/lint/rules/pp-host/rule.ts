import { isObject, isString } from "../../connector/json.js";
import { defineRule } from "../../rule.js";

// What no accepted connector has: a scheme, spaces, a backslash, a colon that is not a port.
const REFUSED = /^[a-z][a-z0-9+.-]*:\/\/|[\s\\]|:(?!\d+(\/|$))/i;

export const rule = defineRule({
  id: "pp-host",
  description: "host is given, with no scheme, spaces or backslash.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const host = root["host"];
    if (host === undefined) return [{ message: "'host' is required: Power Platform sends every call to schemes[0]://host/basePath.", path: [] }];
    if (!isString(host) || host === "" || REFUSED.test(host)) {
      const hint = isString(host) && /^[a-z]+:\/\//i.test(host) ? "; put the scheme in 'schemes' and the path in 'basePath'" : "";
      return [{ message: `'host' must be a host name with an optional port, e.g. contoso.azurewebsites.net (HostNameNotValid)${hint}.`, path: ["host"] }];
    }
    return [];
  },
});

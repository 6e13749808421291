import { isObject, isString } from "../../connector/json.js";
import { defineRule } from "../../rule.js";

// The pattern of Microsoft's published schema: a host name and an optional port, nothing else.
const HOST = /^[^{}/ :\\]+(?::\d+)?$/;

export const rule = defineRule({
  id: "pp-host",
  description: "host is a host name with an optional port: no scheme, path or template.",
  severity: "error",
  document: "swagger",
  given: "$",
  check(root) {
    if (!isObject(root)) return [];
    const host = root["host"];
    if (host === undefined) return [{ message: "'host' is required: Power Platform sends every call to schemes[0]://host/basePath.", path: [] }];
    if (!isString(host) || !HOST.test(host)) {
      const hint = isString(host) && /^[a-z]+:\/\//i.test(host) ? "; put the scheme in 'schemes' and the path in 'basePath'" : "";
      return [{ message: `'host' must be a host name with an optional port, e.g. contoso.azurewebsites.net (HostNameNotValid)${hint}.`, path: ["host"] }];
    }
    return [];
  },
});

import { isObject, isString } from "../../connector/json.js";
import { defineRule } from "../../rule.js";

export const rule = defineRule({
  id: "conduit-base-path-route-prefix",
  description: "The project's basePath is the route prefix of its Azure Functions host (host.json extensions.http.routePrefix).",
  severity: "warn",
  document: "swagger",
  given: "$",
  check(root, { options, source }) {
    const prefix = options.routePrefix;
    if (!isObject(root) || prefix === undefined || source === undefined || source !== options.projectSpec) return [];
    const expected = prefix === "" ? "/" : `/${prefix}`;
    const basePath = isString(root["basePath"]) ? root["basePath"] : "/";
    if (basePath.replace(/\/+$/, "") === expected.replace(/\/+$/, "")) return [];
    return [
      {
        message: `basePath is '${basePath}' but host.json serves the functions under '${expected}' (extensions.http.routePrefix): every call would miss its function. Make them agree.`,
        path: "basePath" in root ? ["basePath"] : [],
      },
    ];
  },
});

import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const query = (extra: Record<string, unknown>) => swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "size", in: "query", ...extra }] }) } } });
const at = ["paths", "/widgets", "get", "parameters", 0, "default"];

export const cases: RuleCase[] = [
  { name: "a default in the enum passes", document: query({ type: "string", enum: ["a", "b"], default: "a" }), findings: [] },
  { name: "a converted default matches its enum value", document: query({ type: "integer", enum: [1, 2], default: "2" }), findings: [] },
  { name: "a default outside the enum", document: query({ type: "string", enum: ["a", "b"], default: "c" }), findings: [{ path: at, message: /not one of the enum's values \("a", "b"\)/ }] },
];

import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const q = (name: string) => ({ name, in: "query", type: "string" });
const body = (name: string) => ({ name, in: "body", schema: { type: "object" } });
const post = (parameters: unknown[]) => swagger({ paths: { "/widgets": { post: listWidgets({ operationId: "CreateWidget", parameters }) } } });
const at = (i: number) => ["paths", "/widgets", "post", "parameters", i];

export const cases: RuleCase[] = [
  { name: "distinct parameters pass", document: post([q("top"), { ...q("top"), in: "header" }, body("body")]), findings: [] },
  {
    name: "an operation parameter overriding the path item's passes",
    document: swagger({ paths: { "/widgets": { parameters: [q("top")], post: listWidgets({ operationId: "CreateWidget", parameters: [{ ...q("top"), description: "Other." }] }) } } }),
    findings: [],
  },
  { name: "the same query parameter twice", document: post([q("top"), q("top")]), findings: [{ path: at(1), message: /'top' \(in: query\) is listed twice/ }] },
  { name: "two bodies", document: post([body("a"), body("b")]), findings: [{ path: at(1), message: /at most one body/ }] },
  { name: "body and formData", document: post([body("a"), { name: "file", in: "formData", type: "file" }]), findings: [{ path: at(1), message: /both a body and formData/ }] },
];

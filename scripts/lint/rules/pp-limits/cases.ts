import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const paths = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`/w${i}`, { get: listWidgets({ operationId: `Op${i}` }) }]));
// A binary tree of definitions: Node<n> has two children of Node<n+1>, so Node0 expands to 2^(depth+1) - 1 schemas.
const tree = (depth: number) =>
  Object.fromEntries(
    Array.from({ length: depth + 1 }, (_, n) => [
      `Node${n}`,
      n === depth ? { type: "string" } : { type: "object", properties: { left: { $ref: `#/definitions/Node${n + 1}` }, right: { $ref: `#/definitions/Node${n + 1}` } } },
    ]),
  );
const withBody = (depth: number) =>
  swagger({ definitions: tree(depth), paths: { "/widgets": { post: listWidgets({ operationId: "Create", parameters: [{ name: "body", in: "body", schema: { $ref: "#/definitions/Node0" } }] }) } } });

export const cases: RuleCase[] = [
  { name: "256 operations pass", document: swagger({ paths: paths(256) }), findings: [] },
  { name: "257 operations", document: swagger({ paths: paths(257) }), findings: [{ path: ["paths"], message: /257 operations/ }] },
  { name: "a body of 511 schemas passes", document: withBody(8), findings: [] },
  { name: "a body of 1023 schemas", document: withBody(9), findings: [{ path: ["paths", "/widgets", "post", "parameters", 0, "schema"], message: /BodySchemaCountExceedsMaxAllowed/ }] },
  {
    name: "a recursive schema is counted once",
    document: swagger({ definitions: { Folder: { type: "object", properties: { children: { type: "array", items: { $ref: "#/definitions/Folder" } } } } }, paths: { "/f": { post: listWidgets({ operationId: "F", parameters: [{ name: "body", in: "body", schema: { $ref: "#/definitions/Folder" } }] }) } } }),
    findings: [],
  },
  { name: "over 1 MB", document: swagger({ definitions: { Big: { type: "string", description: "x".repeat(1024 * 1024) } } }), findings: [{ path: [], message: /less than 1 MB/ }] },
];

import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const withExamples = (examples: unknown, produces?: string[]) =>
  swagger({
    paths: {
      "/widgets": {
        get: listWidgets({
          ...(produces ? { produces } : {}),
          responses: { "200": { description: "The widgets.", schema: { type: "array", items: { type: "string" } }, examples } },
        }),
      },
    },
  });
const at = ["paths", "/widgets", "get", "responses", "200", "examples"];

export const cases: RuleCase[] = [
  { name: "application/json from the document's produces passes", document: withExamples({ "application/json": ["a"] }), findings: [] },
  { name: "the operation's own produces passes", document: withExamples({ "text/plain": "a" }, ["text/plain"]), findings: [] },
  { name: "a named example", document: withExamples({ GENERAL_LIST: ["a"] }), findings: [{ path: [...at, "GENERAL_LIST"], message: /keyed by MIME type/ }] },
  { name: "a type not produced", document: withExamples({ "application/xml": "<a/>" }), findings: [{ path: [...at, "application/xml"], message: /produces application\/json/ }] },
];

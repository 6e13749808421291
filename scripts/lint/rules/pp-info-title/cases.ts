import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const titled = (title: string) => swagger({ info: { ...(swagger()["info"] as object), title } });

export const cases: RuleCase[] = [
  { name: "a short product name passes", document: titled("Contoso Widgets"), findings: [] },
  { name: "exactly 30 characters passes", document: titled("A".repeat(30)), findings: [] },
  { name: "a word that merely contains 'api' passes", document: titled("Rapid Widgets"), findings: [] },
  { name: "31 characters is too long", document: titled("A".repeat(31)), findings: [{ path: ["info", "title"], message: /character limit '30'/ }] },
  { name: "'API' is a restricted word", document: titled("Contoso API"), findings: [{ path: ["info", "title"], message: /restricted words: 'api'/ }] },
  { name: "'Connector' is a restricted word", document: titled("Contoso Connector"), findings: [{ path: ["info", "title"], message: /restricted words: 'connector'/ }] },
  { name: "a product name is restricted", document: titled("Widgets for Power Apps"), findings: [{ path: ["info", "title"], message: /'Power Apps'/ }] },
  { name: "a trailing period", document: titled("Contoso Widgets."), findings: [{ path: ["info", "title"], message: /end with a letter or digit/ }] },
];

import type { RuleCase } from "../../rule-cases.js";
import { swagger } from "../../rule-cases.js";

const status = (entries: unknown, enumValues: unknown[] | null = ["new", "done"]) =>
  swagger({ definitions: { Status: { type: "string", ...(enumValues ? { enum: enumValues } : {}), "x-ms-enum-values": entries } } });
const at = ["definitions", "Status", "x-ms-enum-values"];

export const cases: RuleCase[] = [
  { name: "names for enum values pass", document: status([{ value: "new", displayName: "New" }, { value: "done", displayName: "Done" }]), findings: [] },
  { name: "a value outside the enum", document: status([{ value: "open", displayName: "Open" }]), findings: [{ path: [...at, 0, "value"], message: /not one of the enum's values/ }] },
  { name: "no display name", document: status([{ value: "new" }]), findings: [{ path: [...at, 0], message: /needs a 'value' and a 'displayName'/ }] },
  { name: "a value twice", document: status([{ value: "new", displayName: "New" }, { value: "new", displayName: "Fresh" }]), findings: [{ path: [...at, 1, "value"], message: /already/ }] },
  { name: "no enum", document: status([{ value: "new", displayName: "New" }], null), findings: [{ path: [...at, 0, "value"], message: /needs an 'enum'/ }] },
];

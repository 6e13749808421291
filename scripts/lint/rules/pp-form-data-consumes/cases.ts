import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const upload = (consumes: string[]) =>
  swagger({ paths: { "/files": { post: listWidgets({ operationId: "Upload", consumes, parameters: [{ name: "file", in: "formData", type: "file" }] }) } } });

export const cases: RuleCase[] = [
  { name: "multipart passes", document: upload(["multipart/form-data"]), findings: [] },
  { name: "urlencoded with a charset passes", document: upload(["application/x-www-form-urlencoded; charset=utf-8"]), findings: [] },
  { name: "consuming JSON only", document: upload(["application/json"]), findings: [{ path: ["paths", "/files", "post"], message: /documented as ConsumesMissing; accepted connectors have it/ }] },
];

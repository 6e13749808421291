import type { RuleCase } from "../../rule-cases.js";
import { listWidgets, swagger } from "../../rule-cases.js";

const upload = (consumes: string[], name = "file", type = "file") =>
  swagger({ paths: { "/files": { post: listWidgets({ operationId: "Upload", consumes, parameters: [{ name, in: "formData", type }] }) } } });

export const cases: RuleCase[] = [
  { name: "multipart passes", document: upload(["multipart/form-data"]), findings: [] },
  { name: "urlencoded strings pass", document: upload(["application/x-www-form-urlencoded"], "name", "string"), findings: [] },
  { name: "consuming JSON only is pp-form-data-consumes'", document: upload(["application/json"]), findings: [] },
  { name: "a non-ASCII field name", document: upload(["multipart/form-data"], "fichier-é"), findings: [{ path: ["paths", "/files", "post", "parameters", 0, "name"], message: /US-ASCII/ }] },
  { name: "a file in a urlencoded form", document: upload(["application/x-www-form-urlencoded"]), findings: [{ path: ["paths", "/files", "post", "parameters", 0, "type"], message: /urlencoded form cannot carry a file/ }] },
];

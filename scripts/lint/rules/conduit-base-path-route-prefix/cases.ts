import type { RuleCase } from "../../rule-cases.js";
import { CASE_SOURCE, swagger } from "../../rule-cases.js";

const project = (routePrefix: string) => ({ routePrefix, projectSpec: CASE_SOURCE });

export const cases: RuleCase[] = [
  { name: "/api with the default prefix passes", document: swagger({ basePath: "/api" }), options: project("api"), findings: [] },
  { name: "no basePath with an empty prefix passes", document: swagger({ basePath: undefined }), options: project(""), findings: [] },
  { name: "another file of the project is not judged", document: swagger({ basePath: "/v1" }), options: { routePrefix: "api", projectSpec: "other.yaml" }, findings: [] },
  { name: "/v1 against the default prefix", document: swagger({ basePath: "/v1" }), options: project("api"), findings: [{ path: ["basePath"], message: /host\.json serves the functions under '\/api'/ }] },
  { name: "/api against an empty prefix", document: swagger({ basePath: "/api" }), options: project(""), findings: [{ path: ["basePath"], message: /under '\/'/ }] },
];

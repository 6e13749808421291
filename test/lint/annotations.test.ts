import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { stringify } from "yaml";
import { listWidgets, swagger } from "../../scripts/lint/rule-cases.js";
import { lint, lineOf, writeFiles } from "./run-lint.js";

// Pull-request annotations from Power Platform findings, in YAML and JSON sources: the text GitHub and SARIF
// viewers read must point at the offending key's line.
const document = swagger({
  info: { ...(swagger()["info"] as object), title: "Contoso Widgets for every single team" },
  paths: { "/widgets": { get: listWidgets({ operationId: "list-widgets" }) } },
});
const yamlText = stringify(document);
const jsonText = JSON.stringify(document, null, 2);

const expected = [
  { code: "pp-info-title", level: "warning", yaml: lineOf(yamlText, "title: Contoso Widgets for"), json: lineOf(jsonText, `"title": "Contoso Widgets for`) },
  { code: "pp-operation-id-form", level: "warning", yaml: lineOf(yamlText, "operationId: list-widgets"), json: lineOf(jsonText, `"operationId": "list-widgets"`) },
];

describe("annotations for pull requests", () => {
  test("github-actions: one ::warning per finding, at the file and line of the key", async () => {
    const [yamlFile, jsonFile] = await writeFiles({ "connector.yaml": yamlText, "connector.json": jsonText });
    const run = await lint("--format", "github-actions", yamlFile!, jsonFile!);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split("\n");
    for (const [file, which] of [[yamlFile!, "yaml"], [jsonFile!, "json"]] as const) {
      for (const finding of expected) {
        const line = lines.find((l) => l.includes(`title=${finding.code},`) && l.includes(`file=${path.relative(process.cwd(), file)},`));
        assert.match(line ?? "", new RegExp(`^::${finding.level} title=${finding.code},file=[^,]+,col=\\d+,endColumn=\\d+,line=${finding[which]},endLine=\\d+::`), `${which} ${finding.code}`);
      }
    }
  });

  test("sarif: a result per finding with the rule, the file and the region", async () => {
    const [yamlFile, jsonFile] = await writeFiles({ "connector.yaml": yamlText, "connector.json": jsonText });
    const run = await lint("--format", "sarif", yamlFile!, jsonFile!);
    type Sarif = { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const [sarifRun] = (JSON.parse(run.stdout) as Sarif).runs;
    for (const [file, which] of [[yamlFile!, "yaml"], [jsonFile!, "json"]] as const) {
      for (const finding of expected) {
        const result = sarifRun?.results.find((r) => r.ruleId === finding.code && r.locations[0]?.physicalLocation.artifactLocation.uri === path.relative(process.cwd(), file));
        assert.equal(result?.level, finding.level);
        assert.equal(result?.locations[0]?.physicalLocation.region.startLine, finding[which], `${which} ${finding.code}`);
      }
    }
    const rule = sarifRun?.tool.driver.rules.find((r) => r.id === "pp-info-title");
    assert.match(rule?.helpUri ?? "", /scripts\/lint\/rules\/pp-info-title\/README\.md$/, "each rule links its doc page");
  });
});

// conduit diff against git refs, in temporary repositories: the spec and the files it $refs are read with
// `git show ref:path`; the working tree is the default head.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { stringify } from "yaml";
import { connector, obj, type Doc } from "./fixtures.js";
import { git, runCli, tempDir, writeTree } from "./harness.js";

const SPEC = "spec/apiDefinition.swagger.yaml";
const DEFINITIONS = "spec/definitions.yaml";

/** The fixture connector as the project keeps it: YAML, with its definitions in a file of their own. */
function splitConnector(edit: (spec: Doc, definitions: Doc) => void = () => undefined): Record<string, string> {
  const spec = connector();
  const definitions = obj(spec, "definitions");
  delete spec["definitions"];
  const text = JSON.stringify(spec).replace(/"#\/definitions\//g, '"./definitions.yaml#/');
  const parsed = JSON.parse(text) as Doc;
  edit(parsed, definitions);
  return { [SPEC]: stringify(parsed), [DEFINITIONS]: stringify(definitions) };
}

function repository(files: Record<string, string>): string {
  const root = tempDir();
  writeTree(root, files);
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "base");
  return root;
}

const json = (stdout: string) => JSON.parse(stdout) as { summary: Record<string, number>; newConnector: boolean; findings: { code: string; operation: string; base?: { file: string; revision?: string; range: { start: { line: number } } }; head?: { file: string; revision?: string; range: { start: { line: number } } } }[] };

describe("conduit diff with git refs", () => {
  test("a field removed from a $ref'd file in the working tree, against HEAD: found, with lines in that file on both sides", () => {
    const root = repository(splitConnector());
    writeTree(root, splitConnector((_, definitions) => void delete obj(definitions, "WorkOrder", "properties")["dueDate"]));
    const run = runCli(["diff", "HEAD", "--format", "json"], root);
    assert.equal(run.code, 1, run.stderr);
    const report = json(run.stdout);
    const removed = report.findings.filter((f) => f.code === "output-removed");
    assert.deepEqual(removed.map((f) => f.operation).sort(), ["CreateWorkOrder", "GetWorkOrder", "ListWorkOrders"]);
    const base = removed[0]!.base!;
    assert.equal(base.file, DEFINITIONS);
    assert.equal(base.revision, "HEAD");
    const before = git(root, "show", `HEAD:${DEFINITIONS}`).split("\n");
    assert.match(before[base.range.start.line]!, /^\s+dueDate:/, "the base line is the removed field's, at HEAD");
    const head = removed[0]!.head!;
    assert.equal(head.revision, undefined);
    assert.equal(head.file, DEFINITIONS);
  });

  test("two refs; the default spec path; branch names", () => {
    const root = repository(splitConnector());
    git(root, "branch", "-q", "release");
    writeTree(root, splitConnector((spec) => void delete obj(spec, "paths", "/workorders/{workOrderId}")["delete"]));
    git(root, "commit", "-q", "-am", "drop delete");
    const run = runCli(["diff", "release", "main", "--format", "json"], root);
    assert.equal(run.code, 1);
    assert.deepEqual(json(run.stdout).findings.map((f) => [f.code, f.operation]), [["operation-removed", "DeleteWorkOrder"]]);
    assert.deepEqual(runCli(["diff", "main", "HEAD"], root).code, 0);
  });

  test("run from a subfolder: refs still read the project's spec", () => {
    const root = repository({ ...splitConnector(), "src/README.md": "x\n" });
    writeTree(root, splitConnector((spec) => void (obj(spec, "info")["title"] = "Field Service Plus")));
    const run = runCli(["diff", "HEAD", "--spec", `../${SPEC}`, "--format", "json"], path.join(root, "src"));
    assert.equal(run.code, 0, run.stderr);
  });

  test("a base without the spec is a new connector: everything is new and nothing breaks", () => {
    const root = repository({ "README.md": "new connector\n" });
    writeTree(root, splitConnector());
    const run = runCli(["diff", "HEAD", "--format", "json"], root);
    assert.equal(run.code, 0, run.stderr);
    const report = json(run.stdout);
    assert.equal(report.newConnector, true);
    assert.equal(report.summary["breaking"], 0);
    assert.deepEqual(new Set(report.findings.map((f) => f.code)), new Set(["operation-added"]));
    assert.equal(report.findings.length, 5);
    const stylish = runCli(["diff", "HEAD"], root);
    assert.match(stylish.stdout, /HEAD has no spec\/apiDefinition\.swagger\.yaml: a new connector, so nothing can break/);
  });

  test("a ref that does not exist: a clear message and exit 2", () => {
    const root = repository(splitConnector());
    const run = runCli(["diff", "no-such-branch"], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /base "no-such-branch": no such file, and git knows no commit, branch or tag by that name/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    const remote = runCli(["diff", "origin/main"], root);
    assert.match(remote.stderr, /git fetch origin main/, "a shallow-checkout hint for remote branches");
  });

  test("outside a repository, a ref is a usage error", () => {
    const root = tempDir();
    writeTree(root, splitConnector());
    const run = runCli(["diff", "main"], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /"main" is neither a file nor a git revision \(.* is not in a git repository\)/);
  });

  test("a $ref'd file missing at the ref names the $ref's line", () => {
    const root = repository(splitConnector());
    rmSync(path.join(root, DEFINITIONS));
    git(root, "commit", "-q", "-am", "lose the definitions");
    writeTree(root, splitConnector());
    const run = runCli(["diff", "HEAD"], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /HEAD:spec\/apiDefinition\.swagger\.yaml:\d+:\d+ +\$ref \.\/definitions\.yaml#\/\w+ names spec\/definitions\.yaml, which does not exist at HEAD/);
  });

  test("the working tree's spec missing: exit 2", () => {
    const root = repository(splitConnector());
    rmSync(path.join(root, SPEC));
    const run = runCli(["diff", "HEAD"], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot read spec\/apiDefinition\.swagger\.yaml: no such file/);
  });

  test("--summary appends the Markdown report (a GitHub job summary)", () => {
    const root = repository(splitConnector());
    writeTree(root, splitConnector((spec) => void (obj(spec, "paths", "/workorders", "get", "parameters", 1)["required"] = true)));
    const summary = path.join(root, "summary.md");
    writeFileSync(summary, "# earlier step\n");
    const run = runCli(["diff", "HEAD", "--format", "github-actions", "--summary", summary], root);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error file=spec\/apiDefinition\.swagger\.yaml,line=\d+,col=\d+/);
    const text = readFileSync(summary, "utf8");
    assert.ok(text.startsWith("# earlier step\n### conduit diff: 🔴 **1 breaking change**"), text);
    assert.equal(runCli(["diff", "HEAD", "--allow-breaking"], root).code, 0);
  });
});

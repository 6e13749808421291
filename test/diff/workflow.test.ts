// The pull-request workflow and `npm run check` promise the same checks; these keep them in step, and check how
// `npm run check` picks the branch to compare with.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { defaultBase } from "../../scripts/diff/check.js";
import { git, tempDir, writeTree } from "./harness.js";

interface Workflow {
  on: { pull_request: { types: string[] } };
  jobs: Record<string, { steps: { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] }>;
}

const root = process.cwd();
const workflow = parse(readFileSync(path.join(root, ".github/workflows/contract.yml"), "utf8")) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.map((s) => s.run ?? "").join("\n");

describe("the contract workflow", () => {
  test("installs from the lockfile on Node 20 with the history the diff needs", () => {
    assert.equal(steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version"], 20);
    assert.equal(steps.find((s) => s.uses?.startsWith("actions/checkout"))?.with?.["fetch-depth"], 0);
    assert.match(runs, /^npm ci\b/m);
  });

  test("runs lint with annotations, generate --check, diff against the base branch into the job summary, the tests", () => {
    assert.match(runs, /conduit\.js lint --format github-actions/);
    assert.match(runs, /conduit\.js generate --check/);
    assert.match(runs, /conduit\.js diff "origin\/\$BASE_REF" --format github-actions --summary "\$GITHUB_STEP_SUMMARY"/);
    assert.match(runs, /^npm test$/m);
  });

  test("reads 'conduit: allow-breaking' from the description through the environment, and re-runs when it is edited", () => {
    const diff = steps.find((s) => s.run?.includes("conduit.js diff"))!;
    assert.equal(diff.env?.["PR_BODY"], "${{ github.event.pull_request.body }}");
    assert.doesNotMatch(diff.run!, /\$\{\{/, "no expression pasted into the script");
    assert.match(diff.run!, /grep -qiF 'conduit: allow-breaking'/);
    assert.ok(workflow.on.pull_request.types.includes("edited"));
  });

  test("npm run check runs the same commands", () => {
    const check = readFileSync(path.join(root, "scripts/diff/check.ts"), "utf8");
    for (const expected of ['conduit("lint")', 'conduit("generate", "--check")', 'conduit("diff", base', 'npm("test")']) assert.ok(check.includes(expected), expected);
    const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    assert.match(manifest.scripts["check"]!, /node dist\/scripts\/diff\/check\.js/);
  });
});

describe("npm run check: the branch to compare with", () => {
  function repo(): string {
    const dir = tempDir();
    writeTree(dir, { "a.txt": "a\n" });
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "first");
    return dir;
  }

  test("origin/main when the clone has it", async () => {
    const upstream = repo();
    const clone = tempDir();
    git(clone, "clone", "-q", upstream, ".");
    assert.equal(await defaultBase(clone), "origin/main");
  });

  test("else main", async () => {
    assert.equal(await defaultBase(repo()), "main");
  });

  test("else nothing: the check says so and skips the diff", async () => {
    const dir = repo();
    git(dir, "branch", "-q", "-m", "trunk");
    assert.equal(await defaultBase(dir), undefined);
    assert.equal(await defaultBase(tempDir()), undefined, "not a repository at all");
  });
});

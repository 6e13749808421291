import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import type { ISpectralDiagnostic } from "@stoplight/spectral-core";
import { stringify } from "yaml";
import { runLint } from "../../scripts/lint/command.js";
import { UserError } from "../../scripts/diagnostics.js";
import { listWidgets, swagger } from "../../scripts/lint/rule-cases.js";
import { newFindings } from "../../scripts/lint/since.js";
import { writeFiles } from "./run-lint.js";

const RULESET = path.resolve(process.cwd(), ".spectral.yaml");

function finding(code: string, path: (string | number)[], message: string, line: number): ISpectralDiagnostic {
  return { code, path, message, severity: 1, range: { start: { line, character: 0 }, end: { line, character: 1 } } };
}

describe("newFindings", () => {
  test("a finding that moved is not new; one that appears once more is", () => {
    const base = [finding("a", ["paths", "/x"], "m", 3), finding("b", ["info"], "n", 1)];
    const current = [finding("a", ["paths", "/x"], "m", 9), finding("b", ["info"], "n", 1), finding("b", ["info"], "n", 2), finding("c", ["host"], "o", 4)];
    assert.deepEqual(newFindings(current, base).map((f) => [f.code, f.range.start.line]), [["b", 2], ["c", 4]]);
  });

  test("the same path and rule with another message is new; array indexes match as numbers or strings", () => {
    const base = [finding("a", ["parameters", 0], "m", 1)];
    assert.deepEqual(newFindings([finding("a", ["parameters", "0"], "m", 5)], base), []);
    assert.equal(newFindings([finding("a", ["parameters", 0], "other", 1)], base).length, 1);
  });
});

describe("conduit lint --since", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });

  async function repository() {
    const [spec] = await writeFiles({ "connector.yaml": stringify(swagger({ paths: { "/widgets": { get: listWidgets({ operationId: "list-widgets" }) } } })) });
    const root = path.dirname(spec!);
    git(root, "init", "-q");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "base");
    return { root, spec: spec! };
  }

  async function lintIn(root: string, ...args: string[]) {
    let stdout = "";
    const code = await runLint(["--ruleset", RULESET, "--format", "json", ...args], { cwd: root, stdout: (t) => void (stdout += t), stderr: () => undefined });
    return { code, results: JSON.parse(stdout || "[]") as { code: string; path: string[]; range: { start: { line: number } } }[] };
  }

  test("reports only what the change added, though the old finding moved down", async () => {
    const { root, spec } = await repository();
    const before = await lintIn(root, spec);
    assert.deepEqual(before.results.map((r) => r.code), ["pp-operation-id-form"]);

    const changed = swagger({
      info: { ...(swagger()["info"] as object), termsOfService: "https://contoso.example.com/terms", "x-ms-keywords": ["widgets", "gadgets"] },
      paths: { "/widgets": { get: listWidgets({ operationId: "list-widgets" }), post: listWidgets({ operationId: "CreateWidget", summary: "Create a widget/gadget" }) } },
    });
    writeFileSync(spec, stringify(changed));
    const after = await lintIn(root, spec);
    const moved = after.results.find((r) => r.code === "pp-operation-id-form");
    assert.notEqual(moved?.range.start.line, before.results[0]?.range.start.line, "the old finding moved");

    const since = await lintIn(root, "--since", "HEAD", spec);
    assert.equal(since.code, 1);
    assert.deepEqual(since.results.map((r) => [r.code, r.path.join("/")]), [["pp-operation-summary", "paths//widgets/post/summary"]]);
  });

  test("a clean change exits 0 though old findings remain", async () => {
    const { root, spec } = await repository();
    assert.deepEqual(await lintIn(root, "--since", "HEAD", spec), { code: 0, results: [] });
  });

  test("a file that did not exist at the ref: all its findings are new", async () => {
    const { root } = await repository();
    const added = path.join(root, "added.yaml");
    writeFileSync(added, stringify(swagger({ info: { ...(swagger()["info"] as object), title: "Contoso Widgets and Gadgets Service" } })));
    const since = await lintIn(root, "--since", "HEAD", added);
    assert.deepEqual(since.results.map((r) => r.code), ["pp-info-title"]);
  });

  test("an unknown ref is a usage error (exit 2)", async () => {
    const { root, spec } = await repository();
    await assert.rejects(lintIn(root, "--since", "no-such-branch", spec), (e: unknown) => e instanceof UserError && e.exitCode === 2 && /no-such-branch/.test(e.message));
  });
});

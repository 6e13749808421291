import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parse, stringify } from "yaml";
import { listWidgets, swagger } from "../../scripts/lint/rule-cases.js";
import { SAMPLE_VALUES, sampleProject } from "../bundle/project.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";
import { temporaryFolder } from "../helpers/temp.js";

// Hostile and broken spec files through the real commands, each in its own node process with a 256 MB heap: a
// file that made a command grow without bound would crash it here instead of passing. Lint, generate and bundle
// must each give one finding at the same line, exit 2, and no stack trace.
const CLI = path.resolve(process.cwd(), "bin/conduit.js");
// The temporary projects hold spec/ only: lint reads this repository's ruleset.
const RULESET = path.resolve(process.cwd(), ".spectral.yaml");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function conduit(args: readonly string[], cwd: string): Run {
  const result = spawnSync(process.execPath, ["--max-old-space-size=256", CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...SAMPLE_VALUES },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `"${needle}" is not in the text`);
  return index + 1;
}

/** Where a command reported the problem: `file:line:col` lines on stderr (generate, bundle). */
function reportedLines(run: Run, file: string): number[] {
  const name = path.basename(file).replace(/\./g, "\\.");
  return [...run.stderr.matchAll(new RegExp(`${name}:(\\d+):\\d+`, "g"))].map((m) => Number(m[1]));
}

/** A 20 KB "billion laughs": ten levels of lists of aliases to the level below. */
function aliasBomb(): string {
  const lines = ['swagger: "2.0"', "info: {title: Bomb, version: '1'}", "x-laughs:", `  l0: &l0 [${Array(60).fill('"lol"').join(", ")}]`];
  for (let level = 1; level < 10; level++) lines.push(`  l${level}: &l${level} [${Array(60).fill(`*l${level - 1}`).join(", ")}]`);
  lines.push("paths: {}");
  return `${lines.join("\n")}\n`;
}

const widget = (definitions: Record<string, unknown>) =>
  stringify(
    swagger({
      paths: { "/widgets": { get: listWidgets({ responses: { "200": { description: "The widget.", schema: { $ref: "#/definitions/Widget" } } } }) } },
      definitions,
    }),
  );

interface Hostile {
  readonly name: string;
  readonly text: string;
  /** The code of lint's one finding. */
  readonly code: string;
  /** Text on the line the finding must point at; "key:\n" for the line after the key; none where the parser decides. */
  readonly at?: string;
  readonly message: RegExp;
}

const HOSTILE: Hostile[] = [
  { name: "a 20 KB YAML alias bomb", text: aliasBomb(), code: "yaml-aliases", at: "l9: &l9", message: /alias bomb/ },
  {
    name: "a $ref cycle A → B → A",
    text: widget({ Widget: { $ref: "#/definitions/Part" }, Part: { $ref: "#/definitions/Widget" } }),
    code: "ref-cycle",
    at: "#/definitions/Part",
    message: /\$ref cycle: #\/definitions\/Widget → #\/definitions\/Part → #\/definitions\/Widget/,
  },
  { name: "a $ref to itself", text: widget({ Widget: { $ref: "#/definitions/Widget" } }), code: "ref-cycle", at: "  Widget:\n", message: /\$ref cycle: #\/definitions\/Widget → #\/definitions\/Widget/ },
  {
    name: "values nested 20,000 deep (the parsers would overflow the stack)",
    text: `swagger: "2.0"\ninfo: {title: Deep, version: '1'}\nx-deep: ${"[".repeat(20_000)}${"]".repeat(20_000)}\npaths: {}\n`,
    code: "nesting",
    at: "x-deep:",
    message: /nested more than 256 levels deep/,
  },
  {
    name: "one YAML typo",
    text: widget({ Widget: { type: "object" } }).replace("summary: List widgets", 'summary: "List widgets'),
    code: "parser",
    message: /./,
  },
];

describe("hostile and broken spec files: one finding from lint, generate and bundle alike, exit 2", { timeout: 600_000 }, () => {
  for (const hostile of HOSTILE) {
    test(hostile.name, async () => {
      const project = await sampleProject({ "spec/apiDefinition.swagger.yaml": hostile.text });
      try {
        const spec = path.join(project.root, "spec", "apiDefinition.swagger.yaml");
        const lint = conduit(["lint", "--ruleset", RULESET, "--format", "json", spec], project.root);
        assert.equal(lint.code, 2, lint.stdout + lint.stderr);
        const results = JSON.parse(lint.stdout) as { code: string; message: string; range: { start: { line: number } } }[];
        assert.equal(results.length, 1, lint.stdout);
        assert.equal(results[0]!.code, hostile.code);
        assert.match(results[0]!.message, hostile.message);
        const expected = hostile.at === undefined ? results[0]!.range.start.line + 1 : hostile.at.endsWith("\n") ? lineOf(hostile.text, hostile.at.trimEnd()) + 1 : lineOf(hostile.text, hostile.at);
        assert.equal(results[0]!.range.start.line + 1, expected, results[0]!.message);

        const generate = conduit(["generate", "--spec", spec, "--out", path.join(project.root, "generated"), "--handlers", path.join(project.root, "src", "handlers")], project.root);
        const bundle = conduit(["bundle", "--out", path.join(project.root, "out")], project.root);
        for (const [command, run] of [["generate", generate], ["bundle", bundle]] as const) {
          assert.equal(run.code, 2, `${command}: ${run.stderr}`);
          assert.doesNotMatch(run.stderr, /internal error|\n\s+at .+:\d+:\d+/, `${command} printed a stack trace`);
          assert.deepEqual(reportedLines(run, spec), [expected], `${command}: ${run.stderr}`);
          assert.ok(run.stderr.includes(results[0]!.message), `${command} says what lint says: ${run.stderr}`);
        }
      } finally {
        await project.dispose();
      }
    });
  }

  test("a file over the size limit is refused before it is read, by each command", async () => {
    // 9 MB of valid YAML: a long description.
    const text = widget({ Widget: { type: "object", description: "x".repeat(9 * 1024 * 1024) } });
    const project = await sampleProject({ "spec/apiDefinition.swagger.yaml": text });
    try {
      const spec = path.join(project.root, "spec", "apiDefinition.swagger.yaml");
      const lint = conduit(["lint", "--ruleset", RULESET, "--format", "json", spec], project.root);
      assert.equal(lint.code, 2);
      const results = JSON.parse(lint.stdout) as { code: string; message: string }[];
      assert.deepEqual(results.map((r) => r.code), ["file-size"]);
      assert.match(results[0]!.message, /The file is 9\.0 MB; conduit reads spec files up to 8\.0 MB/);
      for (const args of [["generate", "--spec", spec, "--out", path.join(project.root, "g"), "--handlers", path.join(project.root, "h")], ["bundle", "--out", path.join(project.root, "out")]]) {
        const run = conduit(args, project.root);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /conduit reads spec files up to 8\.0 MB/);
      }
    } finally {
      await project.dispose();
    }
  });

  test("diff refuses a $ref cycle on a JSON side too (its fast JSON reader shares the guards)", () => {
    const dir = temporaryFolder("conduit-cycle-");
    const cyclic = swagger({ definitions: { A: { $ref: "#/definitions/B" }, B: { $ref: "#/definitions/A" } } });
    writeFileSync(path.join(dir, "base.json"), JSON.stringify(swagger(), null, 2));
    writeFileSync(path.join(dir, "head.json"), JSON.stringify(cyclic, null, 2));
    const run = conduit(["diff", "base.json", "head.json"], dir);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /head\.json:\d+:\d+ {2}\$ref cycle: #\/definitions\/A → #\/definitions\/B → #\/definitions\/A/);
  });

  test("example on a query parameter: one warning, not a cascade of schema errors", () => {
    const dir = temporaryFolder("conduit-example-");
    const file = path.join(dir, "apiDefinition.swagger.yaml");
    const text = stringify(swagger({ paths: { "/widgets": { get: listWidgets({ parameters: [{ name: "top", in: "query", type: "integer", "x-ms-summary": "Top", description: "How many.", example: 10 }] }) } } }));
    writeFileSync(file, text);
    const lint = conduit(["lint", "--ruleset", RULESET, "--format", "json", file], dir);
    const results = JSON.parse(lint.stdout) as { code: string; severity: number; range: { start: { line: number } } }[];
    assert.deepEqual(results.map((r) => [r.code, r.severity, r.range.start.line + 1]), [["pp-parameter-example", 1, lineOf(text, "example: 10")]]);
    assert.equal(lint.code, 1);
  });
});

describe("recursive schemas real connectors use keep working everywhere", { timeout: 600_000 }, () => {
  // The sample plus a folder tree: a node whose children are nodes, and a parent link back.
  const tree = (description: string) => {
    const spec = parse(readFileSync(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"), "utf8")) as Record<string, Record<string, unknown>>;
    spec["definitions"]!["Folder"] = {
      type: "object",
      description,
      properties: {
        name: { type: "string", "x-ms-summary": "Name" },
        children: { type: "array", "x-ms-summary": "Children", items: { $ref: "#/definitions/Folder" } },
        parent: { $ref: "#/definitions/FolderLink" },
      },
    };
    spec["definitions"]!["FolderLink"] = { type: "object", properties: { folder: { $ref: "#/definitions/Folder" } } };
    const list = (spec["paths"]!["/technicians"] as Record<string, Record<string, unknown>>)["get"]!;
    spec["paths"]!["/folders"] = {
      get: { ...list, operationId: "GetFolderTree", summary: "Get the folder tree", description: "Gets the folders, each with its subfolders.", parameters: [], responses: { "200": { description: "The tree.", schema: { $ref: "#/definitions/Folder" } } } },
    };
    return stringify(spec);
  };

  test("lint, generate, bundle and diff", async () => {
    const project = await sampleProject({ "spec/apiDefinition.swagger.yaml": tree("A folder and its subfolders.") });
    try {
      const spec = path.join(project.root, "spec", "apiDefinition.swagger.yaml");
      const lint = conduit(["lint", "--ruleset", RULESET, "--format", "json", spec], project.root);
      assert.ok(lint.code === 0 || lint.code === 1, lint.stdout + lint.stderr);
      const codes = (JSON.parse(lint.stdout) as { code: string; severity: number }[]).filter((r) => r.severity === 0).map((r) => r.code);
      assert.deepEqual(codes, []);
      const generate = conduit(["generate", "--spec", spec, "--out", path.join(project.root, "generated"), "--handlers", path.join(project.root, "src", "handlers")], project.root);
      assert.equal(generate.code, 0, generate.stderr);
      const bundle = conduit(["bundle", "--out", path.join(project.root, "out")], project.root);
      assert.equal(bundle.code, 0, bundle.stderr);
      const head = path.join(project.root, "head.yaml");
      writeFileSync(head, tree("A folder, its subfolders and its parent."));
      const diff = conduit(["diff", spec, head], project.root);
      assert.equal(diff.code, 0, diff.stdout + diff.stderr);
    } finally {
      await project.dispose();
    }
  });
});

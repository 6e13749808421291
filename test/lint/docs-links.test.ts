/**
 * Every link conduit gives to its own repository leads to a file that is there: each lint rule's documentationUrl
 * (shown beside each finding), the ruleset's, and the sample's links in x-ms-connector-metadata (its privacy
 * policy, which Power Platform shows to makers and certification requires).
 */
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { createRuleset, REPOSITORY_FILES_URL } from "../../scripts/lint/ruleset.js";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

const REPOSITORY = process.cwd();

/** The repository file a link names, or why it names none. */
function linkedFile(url: string): { file: string } | { problem: string } {
  if (!url.startsWith(`${REPOSITORY_FILES_URL}/`)) return { problem: `does not point into ${REPOSITORY_FILES_URL}/` };
  const relative = decodeURIComponent(url.slice(REPOSITORY_FILES_URL.length + 1).replace(/#.*$/, ""));
  const file = path.join(REPOSITORY, ...relative.split("/"));
  if (!existsSync(file)) return { problem: `${relative} does not exist` };
  if (!statSync(file).isFile()) return { problem: `${relative} is a folder, not a page` };
  return { file };
}

test("every lint rule's documentationUrl, and the ruleset's, is a file in this repository", () => {
  const ruleset = createRuleset() as { documentationUrl?: string; rules: Record<string, { documentationUrl?: string }> };
  const problems: string[] = [];
  const links: [string, string | undefined][] = [["the ruleset", ruleset.documentationUrl], ...Object.entries(ruleset.rules).map(([id, rule]): [string, string | undefined] => [id, rule.documentationUrl])];
  assert.ok(links.length > 50, "the rules are found");
  for (const [id, url] of links) {
    if (url === undefined) {
      problems.push(`${id}: no documentationUrl`);
      continue;
    }
    const found = linkedFile(url);
    if ("problem" in found) problems.push(`${id}: ${url} ${found.problem}`);
  }
  assert.deepEqual(problems, []);
});

test("the sample's links into this repository (its privacy policy) lead to files that are there", async () => {
  const spec = parse(await readFile(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"), "utf8")) as { "x-ms-connector-metadata"?: { propertyName: string; propertyValue: string }[] };
  const metadata = spec["x-ms-connector-metadata"] ?? [];
  const privacy = metadata.find((m) => m.propertyName === "Privacy policy");
  assert.ok(privacy, "the sample names a privacy policy");
  const found = linkedFile(privacy.propertyValue);
  assert.ok("file" in found, `${privacy.propertyValue}: ${"problem" in found ? found.problem : ""}`);
  const text = await readFile(found.file, "utf8");
  assert.match(text, /^# Privacy policy/, "a privacy policy");
  assert.match(text, /replace/i, "it tells a team adopting the template to replace it");
  for (const { propertyValue } of metadata) {
    if (!propertyValue.startsWith(`${REPOSITORY_FILES_URL}/`)) continue;
    assert.ok("file" in linkedFile(propertyValue), propertyValue);
  }
});

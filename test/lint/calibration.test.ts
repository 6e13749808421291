import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { calibrate, falseErrors, formatCalibration } from "../../scripts/lint/calibrate.js";
import { inProcessRuleset, loadRulesetFile } from "../../scripts/lint/load-ruleset.js";
import { createRuleset } from "../../scripts/lint/ruleset.js";

// The calibration run (npm run bench:calibrate) on a fixed sample of accepted connectors: each shape that moved
// from an error to a warning because accepted connectors have it, one damaged file, and a few plain ones. The
// error column must be all zeros; the whole table is a reviewed snapshot.
const SHARED = path.resolve(process.cwd(), "../shared");
const SNAPSHOT = path.resolve(process.cwd(), "test/lint/calibration-sample.snap.md");
const SAMPLE = [
  ["corpus", "certified-connectors_Cloudmersive_PDF"], // $ref siblings
  ["corpus", "independent-publisher-connectors_Readwise"], // path variables with spaces
  ["corpus-wide", "certified-connectors_JotForm_Enterprise"], // a placeholder host
  ["corpus-wide", "certified-connectors_LawVu"], // optional internal inputs with defaults
  ["corpus-wide", "certified-connectors_NetDocuments"], // form data without consumes, unknown OAuth custom parameters, overlapping paths
  ["corpus-wide", "certified-connectors_Nosco"], // boolean connection constraints
  ["corpus-wide", "certified-connectors_PPM_Express"], // GET with a body
  ["corpus-wide", "certified-connectors_Peakboard"], // responses: {} on a webhook registration
  ["corpus-wide", "certified-connectors_Revelation_helpdesk"], // string defaults on integers and booleans
  ["corpus-wide", "certified-connectors_Revizto_Ireland"], // a trailing comma
  ["corpus-wide", "certified-connectors_SurveyMonkey"], // capitalised OAuth custom parameters, entries without value
  ["corpus-wide", "certified-connectors_USB4SAP"], // an unknown top-level key (basepath)
  ["corpus-wide", "certified-connectors_Zellis"], // aad without resourceUri
  ["corpus-wide", "independent-publisher-connectors_Coupa"], // a trailing-slash duplicate path
  ["corpus-wide", "independent-publisher-connectors_Hashify"], // duplicate JSON keys
  ["corpus-wide", "independent-publisher-connectors_Icon_Horse"], // not JSON (a brace short): read as YAML, warned
] as const;

test("calibration on a fixed sample of accepted connectors: no false error, and the reviewed table", { skip: !existsSync(path.join(SHARED, "corpus-wide")) && "no ../shared/corpus-wide", timeout: 300_000 }, async () => {
  const ruleset = await loadRulesetFile(path.resolve(".spectral.yaml"), [inProcessRuleset("calibration-test", createRuleset({ routePrefix: "api" }))], "calibration-test");
  const result = await calibrate(SAMPLE.map(([set, name]) => ({ name, folder: path.join(SHARED, set, name) })), ruleset);
  assert.deepEqual(falseErrors(result).map((r) => r.rule), [], "rules with an error on a connector Power Platform accepted");
  assert.deepEqual(result.unreadable.map((u) => u.file), [], "every accepted connector's files are read, damaged ones leniently");
  const snapshot = `# Lint calibration on a fixed sample\n\nWritten by test/lint/calibration.test.ts (UPDATE_SNAPSHOTS=1 to rewrite); the full run is \`npm run bench:calibrate\`.\n\n${formatCalibration(result, { timing: false })}`;
  if (process.env["UPDATE_SNAPSHOTS"] === "1") writeFileSync(SNAPSHOT, snapshot);
  assert.equal(snapshot, readFileSync(SNAPSHOT, "utf8"), "the calibration changed: review it, then rerun with UPDATE_SNAPSHOTS=1");
});

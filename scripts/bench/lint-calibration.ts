/**
 * `npm run bench:calibrate`: conduit lint on every connector Power Platform accepted that this machine has
 * (../shared/corpus and ../shared/corpus-wide), in one process, with the project's .spectral.yaml; prints per rule
 * the connectors with a finding at each severity, and the time taken. Exit 1 when a rule has an error on any of
 * them: an error means "the platform refuses this", and these were accepted.
 * Usage: node dist/scripts/bench/lint-calibration.js [connector-directories...]
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { calibrate, connectorsIn, falseErrors, formatCalibration } from "../lint/calibrate.js";
import { inProcessRuleset, loadRulesetFile } from "../lint/load-ruleset.js";
import { createRuleset } from "../lint/ruleset.js";
import { summary } from "./stats.js";

const given = process.argv.slice(2);
const directories = (given.length > 0 ? given : ["../shared/corpus", "../shared/corpus-wide"]).map((d) => path.resolve(d)).filter((d) => {
  if (existsSync(d)) return true;
  process.stderr.write(`lint calibration: ${d} is not there, skipped\n`);
  return false;
});
if (directories.length === 0) {
  process.stderr.write("lint calibration: no connector directory to lint (../shared/corpus, ../shared/corpus-wide)\n");
  process.exit(2);
}

const loadStarted = performance.now();
const options = { routePrefix: "api" };
const ruleset = await loadRulesetFile(path.resolve(".spectral.yaml"), [inProcessRuleset("calibration", createRuleset(options))], "calibration");
const loadMs = performance.now() - loadStarted;
const connectors = connectorsIn(...directories);
process.stderr.write(`lint calibration: ${connectors.length} connectors from ${directories.join(", ")}\n`);
const result = await calibrate(connectors, ruleset, (done) => {
  if (done % 50 === 0 || done === connectors.length) process.stderr.write(`  ${done}/${connectors.length}\n`);
});
process.stdout.write(formatCalibration(result));
process.stdout.write(`\nruleset loaded in ${(loadMs / 1000).toFixed(2)} s\n`);
const wrong = falseErrors(result);
summary(`${result.connectors} accepted connectors in ${(result.milliseconds / 1000).toFixed(1)} s: ${wrong.length === 0 ? "no rule has an error on any of them" : `errors from ${wrong.map((r) => `${r.rule} (${r.connectors[0]})`).join(", ")}`}; ${result.unreadable.length} files no JSON reader takes`);
if (wrong.length > 0) process.exitCode = 1;

import path from "node:path";
import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { displayPath, projectLayout } from "../project.js";
import { loadEnvironment } from "./environment.js";
import { isTrackedByGit } from "./git.js";
import { buildConnectorPackage, DEFINITION_SIZE_LIMIT, formatBytes, type SecretFile } from "./package.js";
import { removeKilledBundleLeftovers, stagingFolder, writePackageAtomically } from "./write.js";

const HELP = `Usage: conduit bundle [--env NAME] [--out DIR] [--include-secrets]

Writes the connector package (apiDefinition.swagger.json, apiProperties.json, icon.png, settings.json,
UPLOAD.md) for one environment into dist/connector/, replacing it whole.

Per-environment values (\${NAME} in spec/apiProperties.yaml) come from environment variables, else from the
git-ignored file .env.NAME (.env without --env).

Options:
  --env NAME          read .env.NAME
  --out DIR           where to write the package (default: dist/connector)
  --include-secrets   write the client secret into apiProperties.json (for pac connector, which has no
                      secret flag); the package must then stay out of git and be deleted after upload
  --allow-example-values  bundle even with .env.example's sample values or <placeholders> (refused
                      otherwise): a package to look at, not to upload
  -h, --help          show this help
`;

export const bundleCommand: Command = {
  summary: "write the connector package into dist/connector/",
  help: HELP,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        env: { type: "string" },
        out: { type: "string" },
        "include-secrets": { type: "boolean", default: false },
        "allow-example-values": { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length > 0) throw new UserError(`bundle takes no file arguments (got ${positionals.join(" ")}): it reads spec/; see --help`);
    const started = performance.now();
    const layout = projectLayout();
    const out = path.resolve(values.out ?? path.join(layout.dist, "connector"));
    const environment = await loadEnvironment(layout.root, values.env);
    const includeSecrets = values["include-secrets"] === true;
    const pkg = await buildConnectorPackage({ layout, environment, includeSecrets, allowExampleValues: values["allow-example-values"] === true });
    await refuseTrackableSecrets(out, pkg.secretFiles, layout.root);
    const leftovers = await removeKilledBundleLeftovers(out);
    await writePackageAtomically(out, pkg.files);
    const shown = displayPath(out, layout.root);
    for (const leftover of leftovers) {
      process.stdout.write(`removed ${displayPath(leftover, layout.root)}/, left by a bundle that was stopped half-way (it may have held a secret)\n`);
    }
    const percent = ((pkg.definitionBytes / DEFINITION_SIZE_LIMIT) * 100).toFixed(1);
    process.stdout.write(`wrote ${shown}/ for ${environment.name ? `environment "${environment.name}"` : "the default environment"}:\n`);
    for (const file of pkg.files) {
      const size = typeof file.content === "string" ? Buffer.byteLength(file.content) : file.content.length;
      const extra = file.name === "apiDefinition.swagger.json" ? ` (${percent}% of the ${formatBytes(DEFINITION_SIZE_LIMIT)} limit)` : "";
      process.stdout.write(`  ${file.name.padEnd(28)} ${formatBytes(size)}${extra}\n`);
    }
    for (const note of pkg.notes) process.stdout.write(`note: ${note}\n`);
    process.stdout.write(`next: ${shown}/UPLOAD.md (${Math.round(performance.now() - started)} ms)\n`);
    return 0;
  },
};

/**
 * A file that holds a secret goes nowhere git could track it: neither its place in the package nor the temporary
 * folder it is written in first (a sibling, which an ignore rule for the package folder alone does not cover).
 */
async function refuseTrackableSecrets(out: string, secretFiles: readonly SecretFile[], root: string): Promise<void> {
  for (const file of secretFiles) {
    for (const place of [path.join(out, file.name), path.join(stagingFolder(out, "0"), file.name)]) {
      if (!(await isTrackedByGit(place, root))) continue;
      const what = [...new Set(file.secrets.map((use) => use.what))].join(", ");
      throw new UserError(
        `${displayPath(place, root)} is not ignored by git, and it would hold ${what}: write the package under dist/ (the default) or add ${displayPath(path.dirname(out), root)}/ to .gitignore`,
      );
    }
  }
}

import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { formatLocation, Severity, UserError } from "../diagnostics.js";
import { displayPath } from "../project.js";
import { importConnector } from "./import.js";
import { SAMPLE_MANIFEST } from "./sample.js";

const HELP = `Usage: conduit import <apiDefinition.swagger.json> [apiProperties.json] [--out spec/] [--force]

Brings a connector built by hand (exported with paconn download, pac connector download or the wizard) into
this project: writes spec/apiDefinition.swagger.yaml and spec/apiProperties.yaml as readable YAML, with every
secret and environment-specific value of the properties replaced by a \${NAME} placeholder whose imported
value goes into the git-ignored .env.imported, then runs \`conduit generate\` (types and handler stubs).

apiProperties.json and icon.png beside the definition are picked up when not given.

Options:
  --out DIR      where the spec files go (default: spec)
  --env NAME     name of the env file for the imported values: .env.NAME (default: imported)
  --force        replace existing spec files (and the env file)
  --replace-sample  take the Work orders sample out: its handlers, storage, seed and tests (conduit.sample.json)
                 are removed where unchanged; changed ones are kept and named. Its unchanged spec files are
                 replaced without --force
  --no-generate  skip \`conduit generate\`
  -h, --help     show this help
`;

export const importCommand: Command = {
  summary: "bring an existing connector (apiDefinition.swagger.json, apiProperties.json) into spec/",
  help: HELP,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string" },
        env: { type: "string" },
        force: { type: "boolean", default: false },
        "replace-sample": { type: "boolean", default: false },
        "no-generate": { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const [definition, properties, ...extra] = positionals;
    if (definition === undefined || extra.length > 0) {
      throw new UserError(`import takes the definition and, optionally, the properties file; see \`conduit import --help\``);
    }
    if (values.env !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(values.env)) throw new UserError(`--env "${values.env}": use letters, digits, "-", "_" or "."`);
    const result = await importConnector({
      definition,
      ...(properties === undefined ? {} : { properties }),
      ...(values.out === undefined ? {} : { out: values.out }),
      ...(values.env === undefined ? {} : { envName: values.env }),
      force: values.force === true,
      replaceSample: values["replace-sample"] === true,
      generate: values["no-generate"] !== true,
    });
    const out = process.stdout;
    for (const w of result.warnings) out.write(`${formatLocation(w.source, w.range)}  warning  ${w.message}\n`);
    out.write(`imported ${result.operations} operation${result.operations === 1 ? "" : "s"} into ${displayPath(result.specFile)} and ${displayPath(result.propertiesFile)}${result.iconFile ? ` (+ ${displayPath(result.iconFile)})` : ""}\n`);
    if (result.values.length > 0) {
      out.write(`placeholders (imported values in ${displayPath(result.envFile)}):\n`);
      for (const v of result.values) out.write(`  \${${v.name}}${v.secret ? "  secret" : ""}\n`);
    }
    if (result.secretsWithheld.length > 0) {
      out.write(`note: ${displayPath(result.envFile)} is not ignored by git, so these secrets were left out of it: ${result.secretsWithheld.join(", ")}\n`);
    }
    if (result.sample !== undefined) {
      out.write(`sample: removed ${result.sample.removed.length} unchanged file${result.sample.removed.length === 1 ? "" : "s"} of the Work orders sample\n`);
      if (result.sample.kept.length > 0) {
        out.write(`sample: kept ${result.sample.kept.length} file${result.sample.kept.length === 1 ? "" : "s"} that differ from the sample (yours now: adapt them to the new spec or delete them):\n`);
        for (const file of result.sample.kept) out.write(`  ${file}\n`);
      }
    } else if (result.sampleLeft) {
      out.write(`note: the Work orders sample's handlers, storage and tests are still here and will not compile against this spec: run again with --replace-sample (see ${SAMPLE_MANIFEST})\n`);
    }
    if (result.sampleIcon) out.write(`note: spec/icon.png is still the sample's icon: replace it with your connector's icon (PNG, its background the colour of iconBrandColor in spec/apiProperties.yaml)\n`);
    let code = 0;
    if (result.generated) {
      const g = result.generated;
      const problems = g.diagnostics.filter((d) => d.severity === Severity.Error);
      for (const d of g.diagnostics) out.write(`${formatLocation(d.source, d.range)}  ${d.severity === Severity.Error ? "error" : "warning"}  ${d.message}\n`);
      out.write(`generated ${g.files.length} files and ${g.stubs.length} handler stub${g.stubs.length === 1 ? "" : "s"}\n`);
      if (problems.length > 0) code = 1;
    }
    const env = displayPath(result.envFile).replace(/^\.env\./, "");
    out.write(`next: conduit lint, then conduit bundle --env ${env} (${Math.round(result.elapsedMs)} ms)\n`);
    return code;
  },
};

/** `conduit generate [--check] [--spec FILE] [--out DIR] [--handlers DIR]`: flags, printing, exit codes. */
import path from "node:path";
import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { formatLocation, Severity } from "../diagnostics.js";
import { displayPath } from "../project.js";
import { generate, type GenerateResult } from "./generate.js";

const HELP = `Usage: conduit generate [--check] [--spec FILE] [--out DIR] [--handlers DIR]

Writes generated/ (types.ts, handlers.ts, operations.ts, validators.ts with validators/<Operation>.cts,
registrations.ts, and for webhook triggers webhooks.ts with events/<Trigger>.cts) from the spec and creates src/handlers/<Operation>.ts for operations that have no handler yet
(existing files are never touched).

Options:
  --check           write nothing; exit 1 and name each stale, missing or extra file
  --spec FILE       the OpenAPI 2.0 definition (default: spec/apiDefinition.swagger.yaml)
  --out DIR         where generated files go (default: generated/)
  --handlers DIR    where handler files live (default: src/handlers/)
`;

export const generateCommand: Command = {
  summary: "write generated/ (types, routes, validators) and missing handler stubs",
  help: HELP,
  async run(args: string[]): Promise<number> {
    const { values } = parseArgs({
      args,
      options: {
        check: { type: "boolean", default: false },
        spec: { type: "string" },
        out: { type: "string" },
        handlers: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const result = await generate({
      check: values.check,
      ...(values.spec === undefined ? {} : { spec: values.spec }),
      ...(values.out === undefined ? {} : { out: values.out }),
      ...(values.handlers === undefined ? {} : { handlers: values.handlers }),
    });
    printWarnings(result);
    printOrphans(result);
    return values.check ? reportCheck(result) : reportWrite(result);
  },
};

function printWarnings(result: GenerateResult): void {
  for (const d of result.diagnostics) {
    const level = d.severity === Severity.Error ? "error" : d.severity === Severity.Warning ? "warning" : "info";
    process.stderr.write(`${formatLocation(d.source, d.range)}  ${level}  ${d.message}\n`);
  }
}

function printOrphans(result: GenerateResult): void {
  for (const file of result.orphans) {
    const name = path.basename(file, ".ts");
    process.stderr.write(
      `${displayPath(file)}:1:1  warning  no operation is named ${name} any more: this handler is not registered, and its type ${name}Handler is no longer ` +
        `generated, so the build fails on it. Move its code to the operation that replaced it, or delete the file.\n`,
    );
  }
}

function reportWrite(result: GenerateResult): number {
  const written = result.files.filter((f) => f.status !== "unchanged");
  const unchanged = result.files.length - written.length;
  process.stdout.write(
    `conduit generate: ${result.operations} operation${result.operations === 1 ? "" : "s"} in ${Math.round(result.elapsedMs)} ms; ` +
      `${written.length} file${written.length === 1 ? "" : "s"} written, ${unchanged} unchanged\n`,
  );
  for (const f of written) process.stdout.write(`  ${f.status.padEnd(8)} ${displayPath(f.file)}\n`);
  for (const stub of result.stubs) process.stdout.write(`  stub     ${displayPath(stub)} (new handler, yours to edit: its comment says what it does until you do)\n`);
  return 0;
}

function reportCheck(result: GenerateResult): number {
  if (result.upToDate) {
    process.stdout.write(`conduit generate --check: generated files are up to date (${Math.round(result.elapsedMs)} ms)\n`);
    return 0;
  }
  process.stderr.write("conduit generate --check: generated files are out of date:\n");
  for (const f of result.files) {
    if (f.status !== "unchanged") process.stderr.write(`  ${f.status.padEnd(8)} ${displayPath(f.file)}\n`);
  }
  for (const stub of result.stubs) process.stderr.write(`  missing  ${displayPath(stub)} (handler)\n`);
  process.stderr.write("Run `npm run generate` to update them.\n");
  return 1;
}

/**
 * Power Platform's checks that can run offline, for tests: Microsoft's published JSON schemas (read from
 * ../shared/schemas, never shipped) and the project's Spectral ruleset.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Ajv04Module from "ajv-draft-04";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import { Severity } from "../../scripts/diagnostics.js";
import { runLint } from "../../scripts/lint/command.js";

const Ajv = defaultExport(AjvModule);
const Ajv04 = defaultExport(Ajv04Module);
const addFormats = defaultExport(addFormatsModule);

function defaultExport<T>(module: T): T extends { default: infer D } ? D : T {
  const inner = (module as { default?: unknown }).default;
  return (inner ?? module) as T extends { default: infer D } ? D : T;
}

export const SHARED = path.resolve(process.cwd(), "../shared");
export const CORPUS = path.join(SHARED, "corpus");

/** A schema as published; `stripId` drops the legacy top-level `id`, which draft-07 Ajv refuses. */
function readSchema(name: string, stripId = false): Record<string, unknown> {
  const errors: ParseError[] = [];
  // Microsoft's files carry // comments: JSONC.
  const schema = parseJsonc(readFileSync(path.join(SHARED, "schemas", name), "utf8"), errors, { allowTrailingComma: true }) as Record<string, unknown>;
  if (errors.length > 0) throw new Error(`${name}: ${errors.length} JSONC errors`);
  if (stripId) delete schema["id"];
  return schema;
}

let validators: { definition: ValidateFunction; properties: ValidateFunction; settings: ValidateFunction } | undefined;

function compiled(): NonNullable<typeof validators> {
  if (validators) return validators;
  const draft07 = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(draft07);
  const draft04 = new Ajv04({ strict: false, allErrors: true, logger: false });
  addFormats(draft04);
  validators = {
    definition: draft04.compile(readSchema("apiDefinition.swagger.schema.json")),
    properties: draft07.compile(readSchema("paconn-apiProperties.schema.json", true)),
    settings: draft07.compile(readSchema("paconn-settings.schema.json", true)),
  };
  return validators;
}

export type SchemaName = "definition" | "properties" | "settings";

/** Schema errors as "instancePath message" lines; empty when valid. */
export function schemaErrors(which: SchemaName, document: unknown): string[] {
  const validate = compiled()[which];
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

/**
 * Lint findings through `conduit lint`'s own entry (runLint, JSON output) with the project's .spectral.yaml:
 * the errors as "file:line:col code message", and how many findings were below error.
 */
export async function lintErrors(text: string, name: string): Promise<{ errors: string[]; warnings: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-lint-"));
  try {
    const file = path.join(dir, name);
    await writeFile(file, text);
    let stdout = "";
    await runLint([file, "--format", "json", "--fail-severity", "error"], { cwd: process.cwd(), stdout: (t) => void (stdout += t), stderr: () => undefined });
    const results = JSON.parse(stdout || "[]") as { code: string; message: string; severity: number; range: { start: { line: number; character: number } } }[];
    const errors = results
      .filter((r) => r.severity === (Severity.Error as number))
      .map((r) => `${name}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.code} ${r.message}`);
    return { errors, warnings: results.length - errors.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

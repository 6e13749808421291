/** The sample's spec as tests read it: its examples are the requests, its schemas (via generated/) the judge. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export const SAMPLE_SPEC = path.resolve(process.cwd(), "spec/apiDefinition.swagger.yaml");

type Json = Record<string, unknown>;

let cached: Json | undefined;

export function sampleSpec(): Json {
  cached ??= parse(readFileSync(SAMPLE_SPEC, "utf8")) as Json;
  return cached;
}

/** A definition's `example`, copied so a test may change it. */
export function definitionExample(name: string): Json {
  const definitions = sampleSpec()["definitions"] as Record<string, { example?: unknown }> | undefined;
  const example = definitions?.[name]?.example;
  if (typeof example !== "object" || example === null) throw new Error(`the spec's definition ${name} has no example`);
  return structuredClone(example) as Json;
}

/** The `application/json` example of an operation's response. */
export function responseExample(operationId: string, status: string): unknown {
  for (const item of Object.values(sampleSpec()["paths"] as Record<string, Record<string, unknown>>)) {
    for (const operation of Object.values(item)) {
      const op = operation as { operationId?: string; responses?: Record<string, { examples?: Record<string, unknown> }> };
      if (op.operationId === operationId) {
        const example = op.responses?.[status]?.examples?.["application/json"];
        if (example === undefined) throw new Error(`${operationId} ${status} has no application/json example`);
        return structuredClone(example);
      }
    }
  }
  throw new Error(`the spec has no operation ${operationId}`);
}

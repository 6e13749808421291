// The sample's development data. `conduit serve` calls `seedDevelopment` (when this module exists) after it
// started a fresh Azurite, never against a storage account someone configured. It is part of the sample:
// `conduit import --replace-sample` removes it with the sample's handlers.
import { hasTechnicians, saveTechnicians, type Technician } from "./storage/technicians.js";

/**
 * The technicians drop-down needs someone to show: when the table is empty, fill it from the spec's own example
 * of the ListTechnicians response. `spec` is the parsed apiDefinition; returns a line for the banner, if any.
 */
export async function seedDevelopment(spec: unknown): Promise<string | undefined> {
  if (await hasTechnicians()) return undefined;
  const technicians = exampleTechnicians(spec);
  if (technicians.length === 0) return undefined;
  await saveTechnicians(technicians);
  return `Seeded ${technicians.length} technicians from the spec's ListTechnicians example (development only).`;
}

export function exampleTechnicians(spec: unknown): Technician[] {
  const operation = findOperation(spec, "ListTechnicians");
  const examples = (operation?.["responses"] as Record<string, { examples?: Record<string, unknown> }> | undefined)?.["200"]?.examples;
  const value = (examples?.["application/json"] as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (t): t is Technician =>
      typeof t === "object" && t !== null && typeof (t as Technician).id === "string" && typeof (t as Technician).displayName === "string" && typeof (t as Technician).available === "boolean",
  );
}

function findOperation(spec: unknown, operationId: string): Record<string, unknown> | undefined {
  const paths = (spec as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation === "object" && operation !== null && (operation as { operationId?: unknown }).operationId === operationId) {
        return operation as Record<string, unknown>;
      }
    }
  }
  return undefined;
}

import { loadSwagger } from "../spec/load.js";
import { hasTechnicians, saveTechnicians, type Technician } from "../../src/storage/technicians.js";

/**
 * In development the technicians drop-down needs someone to show: when the table is empty, fill it from the
 * spec's own example of the ListTechnicians response. Returns how many were added.
 */
export async function seedTechniciansFromSpec(specFile: string): Promise<number> {
  if (await hasTechnicians()) return 0;
  const spec = await loadSwagger(specFile);
  const technicians = exampleTechnicians(spec.data);
  if (technicians.length > 0) await saveTechnicians(technicians);
  return technicians.length;
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

import { odata } from "@azure/data-tables";
import type { components, Readable } from "../../generated/types.js";
import { table } from "./tables.js";

export type Technician = Readable<components["schemas"]["Technician"]>;

export const TECHNICIANS_TABLE = "technicians";
const PARTITION = "technician";

interface TechnicianEntity {
  partitionKey: string;
  rowKey: string;
  displayName: string;
  email?: string;
  /** Table storage has no array type: the skills are kept as a JSON array in a string. */
  skills?: string;
  available: boolean;
}

export async function listTechnicians(filter: { readonly available?: boolean } = {}): Promise<Technician[]> {
  const client = await table(TECHNICIANS_TABLE);
  const clauses = [odata`PartitionKey eq ${PARTITION}`];
  if (filter.available !== undefined) clauses.push(odata`available eq ${filter.available}`);
  const out: Technician[] = [];
  for await (const entity of client.listEntities<TechnicianEntity>({ queryOptions: { filter: clauses.join(" and ") } })) {
    out.push(toTechnician(entity));
  }
  return out;
}

/** Adds or replaces technicians (the sample has no operation for it; `conduit serve` seeds them in development). */
export async function saveTechnicians(technicians: readonly Technician[]): Promise<void> {
  const client = await table(TECHNICIANS_TABLE);
  for (const technician of technicians) {
    const entity: TechnicianEntity = {
      partitionKey: PARTITION,
      rowKey: technician.id,
      displayName: technician.displayName,
      available: technician.available,
    };
    if (technician.email !== undefined) entity.email = technician.email;
    if (technician.skills !== undefined) entity.skills = JSON.stringify(technician.skills);
    await client.upsertEntity(entity, "Replace");
  }
}

export async function hasTechnicians(): Promise<boolean> {
  const client = await table(TECHNICIANS_TABLE);
  const first = await client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}`, select: ["RowKey"] } }).byPage({ maxPageSize: 1 }).next();
  return first.done !== true && (first.value?.length ?? 0) > 0;
}

function toTechnician(entity: TechnicianEntity & { rowKey?: string }): Technician {
  const technician: Technician = { id: entity.rowKey ?? "", displayName: entity.displayName, available: entity.available };
  if (entity.email !== undefined) technician.email = entity.email;
  const skills = parseSkills(entity.skills);
  if (skills !== undefined) technician.skills = skills;
  return technician;
}

function parseSkills(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : undefined;
  } catch {
    return undefined;
  }
}

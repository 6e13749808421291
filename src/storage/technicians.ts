import type { TransactionAction } from "@azure/data-tables";
import type { components, Readable } from "../../generated/types.js";
import { isTableMissing, storageStatus } from "./errors.js";
import { isUsableKey, tablesSdk, withTable } from "./tables.js";

export type Technician = Readable<components["schemas"]["Technician"]>;

export const TECHNICIANS_TABLE = "technicians";
const PARTITION = "technician";

// A type, not an interface: the SDK's transaction actions want a record, which interfaces are not assignable to.
type TechnicianEntity = {
  partitionKey: string;
  rowKey: string;
  displayName: string;
  email?: string;
  /** Table storage has no array type: the skills are kept as a JSON array in a string. */
  skills?: string;
  available: boolean;
};

export async function listTechnicians(filter: { readonly available?: boolean } = {}): Promise<Technician[]> {
  const { odata } = await tablesSdk();
  const clauses = [odata`PartitionKey eq ${PARTITION}`];
  if (filter.available !== undefined) clauses.push(odata`available eq ${filter.available}`);
  return withTable(TECHNICIANS_TABLE, async (client) => {
    const out: Technician[] = [];
    for await (const entity of client.listEntities<TechnicianEntity>({ queryOptions: { filter: clauses.join(" and ") } })) {
      out.push(toTechnician(entity));
    }
    return out;
  });
}

export async function getTechnician(id: string): Promise<Technician | undefined> {
  if (!isUsableKey(id)) return undefined;
  return withTable(TECHNICIANS_TABLE, async (client) => {
    try {
      return toTechnician(await client.getEntity<TechnicianEntity>(PARTITION, id));
    } catch (error) {
      if (storageStatus(error) === 404 && !isTableMissing(error)) return undefined;
      throw error;
    }
  });
}

/** The Table service takes at most 100 operations per transaction (all in one partition). */
const BATCH = 100;

/** Adds or replaces technicians (the sample has no operation for it; `conduit serve` seeds them in development). */
export async function saveTechnicians(technicians: readonly Technician[]): Promise<void> {
  await withTable(TECHNICIANS_TABLE, async (client) => {
    for (let start = 0; start < technicians.length; start += BATCH) {
      const batch = technicians.slice(start, start + BATCH);
      await client.submitTransaction(batch.map((technician): TransactionAction => ["upsert", toEntity(technician), "Replace"]));
    }
  });
}

export async function hasTechnicians(): Promise<boolean> {
  const { odata } = await tablesSdk();
  return withTable(TECHNICIANS_TABLE, async (client) => {
    const pages = client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}`, select: ["RowKey"] } }).byPage({ maxPageSize: 1 });
    // A page may be empty and still have a continuation: only the end of the listing says the table is empty.
    for await (const page of pages) {
      if (page.length > 0) return true;
    }
    return false;
  });
}

function toEntity(technician: Technician): TechnicianEntity {
  const entity: TechnicianEntity = {
    partitionKey: PARTITION,
    rowKey: technician.id,
    displayName: technician.displayName,
    available: technician.available,
  };
  if (technician.email !== undefined) entity.email = technician.email;
  if (technician.skills !== undefined) entity.skills = JSON.stringify(technician.skills);
  return entity;
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

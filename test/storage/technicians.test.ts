/** Technicians in a real Table service (Azurite): skills as a JSON string, the available filter, batches. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { table } from "../../src/storage/tables.js";
import { hasTechnicians, listTechnicians, saveTechnicians, TECHNICIANS_TABLE, type Technician } from "../../src/storage/technicians.js";
import { useAzurite } from "../helpers/azurite.js";
import { responseExample } from "../helpers/spec.js";

const byId = (list: readonly Technician[]): Technician[] => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe("technicians in Table storage", () => {
  useAzurite();
  const examples = (responseExample("ListTechnicians", "200") as { value: Technician[] }).value;

  test("an empty table has none; the spec's example round-trips; skills are kept as a JSON string", async () => {
    assert.equal(await hasTechnicians(), false);
    assert.deepEqual(await listTechnicians(), []);
    await saveTechnicians(examples);
    assert.equal(await hasTechnicians(), true);
    assert.deepEqual(byId(await listTechnicians()), byId(examples));
    const raw = await (await table(TECHNICIANS_TABLE)).getEntity("technician", "tech-ana-lopez");
    assert.equal(raw["skills"], '["boilers","plumbing"]');
  });

  test("available filters on the stored boolean", async () => {
    await saveTechnicians(examples);
    assert.deepEqual((await listTechnicians({ available: true })).map((t) => t.id).sort(), ["tech-ana-lopez", "tech-ben-okafor"]);
    assert.deepEqual((await listTechnicians({ available: false })).map((t) => t.id), ["tech-chen-wei"]);
  });

  test("saving again replaces (an emptied optional field goes), and more than one transaction's worth is saved", async () => {
    await saveTechnicians([{ id: "tech-chen-wei", displayName: "Chen Wei", available: true, skills: [] }]);
    const chen = (await listTechnicians()).find((t) => t.id === "tech-chen-wei");
    assert.deepEqual(chen, { id: "tech-chen-wei", displayName: "Chen Wei", available: true, skills: [] });

    const many = Array.from({ length: 230 }, (_, i): Technician => ({ id: `bulk-${String(i).padStart(3, "0")}`, displayName: `Bulk ${i}`, available: i % 2 === 0 }));
    await saveTechnicians(many);
    const listed = (await listTechnicians()).filter((t) => t.id.startsWith("bulk-"));
    assert.deepEqual(byId(listed), many);
  });

  test("a skills value that is not a JSON array of strings is read leniently, not as a crash", async () => {
    const client = await table(TECHNICIANS_TABLE);
    await client.upsertEntity({ partitionKey: "technician", rowKey: "odd-1", displayName: "Odd", available: true, skills: "not json" }, "Replace");
    await client.upsertEntity({ partitionKey: "technician", rowKey: "odd-2", displayName: "Odd", available: true, skills: '["a",2,null,"b"]' }, "Replace");
    const odd = (await listTechnicians()).filter((t) => t.id.startsWith("odd-"));
    assert.deepEqual(byId(odd), [
      { id: "odd-1", displayName: "Odd", available: true },
      { id: "odd-2", displayName: "Odd", available: true, skills: ["a", "b"] },
    ]);
  });
});

// The outbox's rows as stored: a helper of the webhook runtime's tests, apart from the sample's app (test/webhooks/app.ts).
import { table } from "../../src/storage/tables.js";
import { OUTBOX_TABLE } from "../../src/webhooks/outbox.js";

export async function outboxRows(): Promise<Record<string, unknown>[]> {
  const client = await table(OUTBOX_TABLE);
  const rows: Record<string, unknown>[] = [];
  for await (const entity of client.listEntities()) rows.push(entity);
  return rows;
}

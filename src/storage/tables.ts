/**
 * Azure Table Storage as a function app reaches it: the account in the `AzureWebJobsStorage` app setting, one client
 * per table per process, the table created on first use.
 *
 * @azure/data-tables is loaded on first use, not when the app starts: importing it takes about 0.2 s, which would
 * otherwise be added to every cold start, before any request needs storage.
 */
import type { TableClient, TableServiceClientOptions } from "@azure/data-tables";
import { asCallerError, isTableMissing } from "./errors.js";

/** Where the function app keeps its data: the storage account of the `AzureWebJobsStorage` app setting. */
export const STORAGE_SETTING = "AzureWebJobsStorage";

/** The setting is missing, or would send the account key where it must not go. */
export class StorageSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StorageSettingError";
  }
}

export type TablesModule = typeof import("@azure/data-tables");

let tablesModule: Promise<TablesModule> | undefined;

/** @azure/data-tables, imported once, when storage is first needed. */
export function tablesSdk(): Promise<TablesModule> {
  tablesModule ??= import("@azure/data-tables");
  return tablesModule;
}

// A caller waits while storage is retried: a few quick retries, not the SDK's default back-off of up to a minute.
const RETRY = { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 } as const;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

interface CachedTable {
  readonly connection: string;
  readonly ready: Promise<TableClient>;
  /** The client, once `ready` has resolved. */
  client?: TableClient;
}

// One client per table per process: a client holds its HTTP pipeline, and the table needs creating only once.
const tables = new Map<string, CachedTable>();

/**
 * A client for one table, created on first use (the table too). A failure is not kept: the next request tries
 * again, since storage may only have been unreachable for a moment.
 */
export function table(name: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<TableClient> {
  let connection: string;
  try {
    connection = connectionString(env);
  } catch (error) {
    // A rejection like any other storage failure, not a throw from a function that promises.
    return Promise.reject(error);
  }
  const cached = tables.get(name);
  if (cached && cached.connection === connection) return cached.ready;
  const ready = open(connection, name);
  const entry: CachedTable = { connection, ready };
  tables.set(name, entry);
  ready.then(
    (client) => {
      entry.client = client;
    },
    () => {
      if (tables.get(name) === entry) tables.delete(name);
    },
  );
  return ready;
}

async function open(connection: string, name: string): Promise<TableClient> {
  // Checked before the SDK sees the string, so a bad setting fails with a message instead of sending the key over http.
  const options = clientOptions(connection);
  const { TableClient } = await tablesSdk();
  const client = TableClient.fromConnectionString(connection, name, options);
  await client.createTable(); // an existing table is fine
  return client;
}

function connectionString(env: Readonly<Record<string, string | undefined>>): string {
  const value = env[STORAGE_SETTING]?.trim();
  if (!value) {
    throw new StorageSettingError(
      `the ${STORAGE_SETTING} app setting is not set: set it to the storage account's connection string (locally, conduit serve sets it to Azurite)`,
    );
  }
  return value;
}

/** Plain HTTP is allowed to the emulator on loopback only; everything else must be https. */
export function clientOptions(connection: string): TableServiceClientOptions {
  // The SDK expands the documented emulator shortcut itself (to 127.0.0.1:10002, over http).
  if (/(^|;)\s*UseDevelopmentStorage\s*=\s*true\s*(;|$)/i.test(connection)) return { retryOptions: RETRY };
  const endpoint = settingOf(connection, "TableEndpoint");
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new StorageSettingError(`${STORAGE_SETTING}: TableEndpoint "${endpoint}" is not a URL`);
    }
    if (url.protocol === "https:") return { retryOptions: RETRY };
    if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return { retryOptions: RETRY, allowInsecureConnection: true };
    throw new StorageSettingError(
      `${STORAGE_SETTING}: TableEndpoint ${url.origin} is not https; plain http is only for the emulator on 127.0.0.1 or localhost`,
    );
  }
  if (settingOf(connection, "DefaultEndpointsProtocol")?.toLowerCase() === "http") {
    throw new StorageSettingError(`${STORAGE_SETTING}: DefaultEndpointsProtocol=http would reach Azure unencrypted; use https`);
  }
  return { retryOptions: RETRY };
}

function settingOf(connection: string, name: string): string | undefined {
  for (const part of connection.split(";")) {
    const equals = part.indexOf("=");
    if (equals !== -1 && part.slice(0, equals).trim().toLowerCase() === name.toLowerCase()) return part.slice(equals + 1).trim();
  }
  return undefined;
}

export { storageStatus } from "./errors.js";

/**
 * Runs one storage operation on a table, as callers should: a table deleted under the running app is made again
 * and the operation tried once more (instead of 500 until a restart), and storage that does not answer becomes a
 * 503 with Retry-After (ServiceUnavailableError). Other failures pass through as they are.
 */
export async function withTable<T>(name: string, operation: (client: TableClient) => Promise<T>): Promise<T> {
  try {
    const client = await table(name);
    try {
      return await operation(client);
    } catch (error) {
      if (!isTableMissing(error)) throw error;
      forget(name, client);
      return await operation(await table(name));
    }
  } catch (error) {
    throw asCallerError(error);
  }
}

/** Drops the cached client of a table that is gone, so that the next use creates the table again. */
function forget(name: string, client: TableClient): void {
  if (tables.get(name)?.client === client) tables.delete(name);
}

/**
 * Whether a value can be a PartitionKey or RowKey at all. An id from a URL that cannot be a key names no stored
 * entity, so it is simply not found, instead of the service's 400 surfacing as a 500.
 */
export function isUsableKey(value: string): boolean {
  // The Table service refuses / \ # ? and control characters in keys, and keys over 1 KiB.
  return value.length > 0 && Buffer.byteLength(value) <= 1024 && !/[/\\#?\u0000-\u001f\u007f-\u009f]/.test(value);
}

import { TableClient, type TableServiceClientOptions } from "@azure/data-tables";

/** Where the function app keeps its data: the storage account of the `AzureWebJobsStorage` app setting. */
export const STORAGE_SETTING = "AzureWebJobsStorage";

// The documented shortcut for the local emulator; @azure/data-tables wants the full form.
const DEVELOPMENT_STORAGE =
  "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

export class StorageSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StorageSettingError";
  }
}

interface CachedTable {
  readonly connection: string;
  readonly client: TableClient;
  readonly ready: Promise<TableClient>;
}

// One client per table per process: a client holds its HTTP pipeline, and the table needs creating only once.
const tables = new Map<string, CachedTable>();

/** A client for one table, created on first use (the table too). */
export function table(name: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<TableClient> {
  const connection = connectionString(env);
  const cached = tables.get(name);
  if (cached && cached.connection === connection) return cached.ready;
  const client = TableClient.fromConnectionString(connection, name, clientOptions(connection));
  const ready = client.createTable().then(
    () => client,
    (error: unknown) => {
      tables.delete(name);
      throw error;
    },
  );
  tables.set(name, { connection, client, ready });
  return ready;
}

function connectionString(env: Readonly<Record<string, string | undefined>>): string {
  const value = env[STORAGE_SETTING]?.trim();
  if (!value) {
    throw new StorageSettingError(
      `the ${STORAGE_SETTING} app setting is not set: set it to the storage account's connection string (locally, conduit serve sets it to Azurite)`,
    );
  }
  return value === "UseDevelopmentStorage=true" ? DEVELOPMENT_STORAGE : value;
}

/** Plain HTTP is allowed for the emulator on loopback only. */
function clientOptions(connection: string): TableServiceClientOptions {
  const endpoint = /TableEndpoint=([^;]+)/i.exec(connection)?.[1];
  if (endpoint === undefined) return {};
  const url = new URL(endpoint);
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  return url.protocol === "http:" && loopback ? { allowInsecureConnection: true } : {};
}

/** The HTTP status of a storage error, when it has one. */
export function storageStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

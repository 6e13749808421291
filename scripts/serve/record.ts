/**
 * Where the running `conduit serve`s (and `conduit dev`s) can be found: `.conduit/serve.json`, one entry per
 * running app, added once it listens and removed when it stops. `conduit token` signs for the issuer that is
 * actually running (whatever --issuer-port chose) and `conduit try` calls the app wherever --port put it. Several
 * serves may run at once (another port, another terminal): each keeps its own entry. An entry whose process is
 * gone (a crash, kill -9) is treated as absent and dropped at the next write.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";

export const SERVE_RECORD_FILE = path.join(".conduit", "serve.json");

export type ServeMode = "serve" | "mock" | "dev";

export interface ServeRecord {
  readonly version: 1;
  readonly pid: number;
  readonly mode: ServeMode;
  /** The app's root URL, route prefix included: `http://127.0.0.1:7071/api`. */
  readonly url: string;
  /** The local issuer this app trusts, when serve started one. */
  readonly issuer?: {
    /** The `iss` of its tokens: `http://127.0.0.1:<port>/<tenant>/v2.0`. */
    readonly issuer: string;
    readonly tenantId: string;
  };
  readonly startedAt: string;
}

/** The file: every running app's entry (version 1 of the file held a single record, read as a list of one). */
interface ServeRecordFile {
  readonly version: 2;
  readonly apps: readonly ServeRecord[];
}

export function serveRecordPath(root: string): string {
  return path.join(root, SERVE_RECORD_FILE);
}

/** Adds this process's entry (replacing an older one of it), dropping those whose process is gone. */
export async function writeServeRecord(root: string, record: Omit<ServeRecord, "version" | "pid" | "startedAt">): Promise<ServeRecord> {
  const full: ServeRecord = { version: 1, pid: process.pid, ...record, startedAt: new Date().toISOString() };
  await mkdir(path.dirname(serveRecordPath(root)), { recursive: true });
  await withLock(root, async () => {
    const others = (await readRecordFile(root)).filter((r) => r.pid !== full.pid && isAlive(r.pid));
    await writeRecords(root, [...others, full]);
  });
  return full;
}

/** Removes this process's entry (the others stay); the file goes with the last one. */
export async function removeServeRecord(root: string, pid: number = process.pid): Promise<void> {
  await withLock(root, async () => {
    const records = await readRecordFile(root);
    if (!records.some((r) => r.pid === pid)) return;
    const rest = records.filter((r) => r.pid !== pid && isAlive(r.pid));
    if (rest.length === 0) await rm(serveRecordPath(root), { force: true });
    else await writeRecords(root, rest);
  });
}

/** Removes this process's entry synchronously: for the `exit` event, when async work can no longer run. */
export function removeServeRecordSync(root: string, pid: number = process.pid): void {
  const file = serveRecordPath(root);
  const locked = tryLock(root);
  try {
    const records = parseRecords(readFileSync(file, "utf8"));
    if (!records.some((r) => r.pid === pid)) return;
    const rest = records.filter((r) => r.pid !== pid && isAlive(r.pid));
    if (rest.length === 0) {
      rmSync(file, { force: true });
    } else {
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, serialize(rest), { mode: 0o600 });
      renameSync(temporary, file);
    }
  } catch {
    // Absent or unreadable: nothing of ours to remove.
  } finally {
    if (locked) rmSync(lockPath(root), { force: true });
  }
}

/** A lock older than this is one its holder left behind (killed between taking and freeing it). */
const STALE_LOCK_MS = 5_000;

function lockPath(root: string): string {
  return `${serveRecordPath(root)}.lock`;
}

/** Takes the lock file if it is free (or stale); false when another process holds it. */
function tryLock(root: string): boolean {
  const lock = lockPath(root);
  try {
    closeSync(openSync(lock, "wx"));
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
    } catch {
      // Freed meanwhile: the next try takes it.
    }
    return false;
  }
}

/**
 * Read, change and write the file under a lock: serves starting or stopping together would otherwise each
 * write the list they read, and one entry would be lost. Without the lock after a few seconds, it goes on.
 */
async function withLock(root: string, change: () => Promise<void>): Promise<void> {
  let locked = false;
  for (let attempt = 0; attempt < 100 && !(locked = tryLock(root)); attempt++) await sleep(20 + Math.random() * 30);
  try {
    await change();
  } finally {
    if (locked) await rm(lockPath(root), { force: true });
  }
}

/** Every app still running, oldest first. */
export async function readServeRecords(root: string): Promise<ServeRecord[]> {
  return (await readRecordFile(root)).filter((r) => isAlive(r.pid));
}

/** The most recently started app still running, or undefined. */
export async function readServeRecord(root: string): Promise<ServeRecord | undefined> {
  return (await readServeRecords(root)).at(-1);
}

async function writeRecords(root: string, records: readonly ServeRecord[]): Promise<void> {
  const file = serveRecordPath(root);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, serialize(records), { mode: 0o600 });
  await rename(temporary, file);
}

function serialize(records: readonly ServeRecord[]): string {
  const content: ServeRecordFile = { version: 2, apps: records };
  return `${JSON.stringify(content, null, 2)}\n`;
}

async function readRecordFile(root: string): Promise<ServeRecord[]> {
  let text: string;
  try {
    text = await readFile(serveRecordPath(root), "utf8");
  } catch {
    return [];
  }
  return parseRecords(text);
}

function parseRecords(text: string): ServeRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const candidates = (parsed as Partial<ServeRecordFile> | null)?.version === 2 ? (parsed as ServeRecordFile).apps : [parsed];
  return (Array.isArray(candidates) ? candidates : []).filter(isRecord);
}

function isRecord(value: unknown): value is ServeRecord {
  const record = value as Partial<ServeRecord> | null;
  return record?.version === 1 && typeof record.pid === "number" && typeof record.url === "string";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The same app: same scheme, port and path; localhost, 127.0.0.1 and [::1] count as one host. */
export function sameApp(a: string, b: string): boolean {
  const parse = (url: string): string | undefined => {
    try {
      const u = new URL(url);
      const host = ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname) ? "loopback" : u.hostname;
      return `${u.protocol}//${host}:${u.port}${u.pathname.replace(/\/+$/, "").toLowerCase()}`;
    } catch {
      return undefined;
    }
  };
  const left = parse(a);
  return left !== undefined && left === parse(b);
}

/** One line per running app, for messages that ask the user to choose. */
export function listApps(records: readonly ServeRecord[]): string {
  return records.map((r) => `  ${r.url}  (${r.mode}, pid ${r.pid}, started ${r.startedAt})`).join("\n");
}

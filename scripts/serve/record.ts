/**
 * Where a running `conduit serve` (or `conduit dev`) can be found: `.conduit/serve.json`, written once the app
 * listens and removed when it stops. `conduit token` signs for the issuer that is actually running (whatever
 * --issuer-port chose) and `conduit try` calls the app wherever --port put it. A record whose process is gone
 * (a crash, kill -9) is treated as absent.
 */
import { readFileSync, rmSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
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

export function serveRecordPath(root: string): string {
  return path.join(root, SERVE_RECORD_FILE);
}

export async function writeServeRecord(root: string, record: Omit<ServeRecord, "version" | "pid" | "startedAt">): Promise<ServeRecord> {
  const full: ServeRecord = { version: 1, pid: process.pid, ...record, startedAt: new Date().toISOString() };
  const file = serveRecordPath(root);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return full;
}

/** Removes the record if it is this process's (another serve may have started since and written its own). */
export async function removeServeRecord(root: string, pid: number = process.pid): Promise<void> {
  const current = await readRecordFile(root);
  if (current?.pid === pid) await rm(serveRecordPath(root), { force: true });
}

/** Removes this process's record synchronously: for the `exit` event, when async work can no longer run. */
export function removeServeRecordSync(root: string, pid: number = process.pid): void {
  try {
    const text = readFileSync(serveRecordPath(root), "utf8");
    if ((JSON.parse(text) as { pid?: unknown }).pid === pid) rmSync(serveRecordPath(root), { force: true });
  } catch {
    // Absent or unreadable: nothing of ours to remove.
  }
}

/** The record of a serve that is still running, or undefined. */
export async function readServeRecord(root: string): Promise<ServeRecord | undefined> {
  const record = await readRecordFile(root);
  return record !== undefined && isAlive(record.pid) ? record : undefined;
}

async function readRecordFile(root: string): Promise<ServeRecord | undefined> {
  let text: string;
  try {
    text = await readFile(serveRecordPath(root), "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ServeRecord> | null;
    if (parsed?.version !== 1 || typeof parsed.pid !== "number" || typeof parsed.url !== "string") return undefined;
    return parsed as ServeRecord;
  } catch {
    return undefined;
  }
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

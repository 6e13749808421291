/**
 * The flow's end of a webhook, for `conduit try`: an HTTP server on 127.0.0.1 (a free port) that gives each trigger
 * a callback URL of its own and keeps what is posted there. It answers 202 as Power Automate's callbacks do; once
 * a trigger's subscription is deleted, its URL answers 410 Gone (a flow turned off), and an event that still
 * arrives there is kept as late: the app sent it to a subscription that no longer exists.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

export interface ReceivedEvent {
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** performance.now() when it arrived. */
  readonly at: number;
}

export interface Callback {
  readonly url: string;
  /** The first event not yet taken (already arrived, or arriving within `timeoutMs`), else undefined. */
  next(timeoutMs: number): Promise<ReceivedEvent | undefined>;
  /** The subscription is gone: later events are late, unless they repeat one already taken (same webhook-id). */
  close(): void;
}

export interface LateEvent extends ReceivedEvent {
  readonly name: string;
}

export interface TryReceiver {
  callback(name: string): Callback;
  /** Events that arrived at a callback after its subscription was deleted. */
  late(): readonly LateEvent[];
  close(): Promise<void>;
}

interface Slot {
  readonly name: string;
  readonly queue: ReceivedEvent[];
  readonly taken: Set<string>;
  waiter?: (event: ReceivedEvent) => void;
  closed: boolean;
}

export async function startReceiver(): Promise<TryReceiver> {
  const secret = randomBytes(12).toString("hex");
  const slots = new Map<string, Slot>();
  const late: LateEvent[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const slot = req.method === "POST" ? slots.get(new URL(req.url ?? "/", "http://receiver").pathname) : undefined;
      if (slot === undefined) {
        res.writeHead(404).end();
        return;
      }
      const event: ReceivedEvent = { headers: req.headers, text: Buffer.concat(chunks).toString("utf8"), at: performance.now() };
      const id = String(req.headers["webhook-id"] ?? "");
      if (slot.closed) {
        if (id === "" || !slot.taken.has(id)) late.push({ ...event, name: slot.name });
        res.writeHead(410).end();
        return;
      }
      res.writeHead(202).end();
      if (id !== "" && slot.taken.has(id)) return; // a repeat of an event already taken (at least once)
      if (id !== "") slot.taken.add(id);
      const waiter = slot.waiter;
      if (waiter !== undefined) {
        slot.waiter = undefined;
        waiter(event);
      } else slot.queue.push(event);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    callback(name) {
      const path = `/conduit-try/${secret}/${encodeURIComponent(name)}`;
      const slot: Slot = { name, queue: [], taken: new Set(), closed: false };
      slots.set(path, slot);
      return {
        url: `${base}${path}`,
        next(timeoutMs) {
          const queued = slot.queue.shift();
          if (queued !== undefined) return Promise.resolve(queued);
          return new Promise((resolve) => {
            const timer = setTimeout(() => {
              slot.waiter = undefined;
              resolve(undefined);
            }, timeoutMs);
            slot.waiter = (event) => {
              clearTimeout(timer);
              resolve(event);
            };
          });
        },
        close() {
          slot.closed = true;
        },
      };
    },
    late: () => late,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

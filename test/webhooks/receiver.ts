/**
 * A webhook receiver on 127.0.0.1 standing in for a flow's callback: it records every POST and answers as the test
 * says (a status, Retry-After, or no answer at all), so that the app's deliveries go over real HTTP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: unknown;
  readonly at: number;
}

/** What to answer: a status (and headers, after a delay), or "hang" to never answer. */
export type Answer = { readonly status: number; readonly headers?: Record<string, string>; readonly delayMs?: number } | "hang";

export interface Receiver {
  readonly port: number;
  /** A callback URL on this receiver; the query stands for the signature a real callback carries. */
  url(path?: string): string;
  readonly received: Received[];
  /** The most requests it held open at once. */
  readonly maxInFlight: () => number;
  /** How to answer the next requests (one entry per request; the last one repeats). */
  answer(...answers: Answer[]): void;
  /** Resolves with the first request (from now or already received beyond `after`) that matches, or rejects after `timeoutMs`. */
  next(predicate?: (r: Received) => boolean, timeoutMs?: number, after?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const received: Received[] = [];
  let answers: Answer[] = [{ status: 202 }];
  const waiters: { predicate: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  const hanging = new Set<ServerResponse>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      const entry: Received = { path: req.url ?? "/", headers: req.headers, body, at: Date.now() };
      received.push(entry);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(entry)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(entry);
        }
      }
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      const send = (): void => {
        res.writeHead(answer.status, answer.headers);
        res.end();
      };
      if (answer.delayMs === undefined) send();
      else setTimeout(send, answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: (path = "/hook") => `http://127.0.0.1:${actual}${path}?sig=${"s".repeat(8)}`,
    received,
    maxInFlight: () => maxInFlight,
    answer: (...next) => {
      answers = next.length > 0 ? next : [{ status: 202 }];
    },
    next: (predicate = () => true, timeoutMs = 5_000, after = 0) => {
      const already = received.slice(after).find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (r: Received) => (clearTimeout(timer), resolve(r)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching callback within ${timeoutMs} ms (received ${received.length})`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

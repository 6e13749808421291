/**
 * One delivery attempt: POST a JSON body to a callback URL, with node:http(s) rather than fetch, because the
 * connection must go to an address the callback policy allowed: the name is resolved here and every address is
 * checked before connecting (a rebinding name cannot slip a private address in between the check and the
 * connection), redirects are never followed, and the whole attempt has a deadline.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { addressAllowed, type CallbackPolicy } from "./callback-policy.js";

export type PostOutcome =
  | { readonly kind: "answered"; readonly status: number; readonly retryAfterMs?: number }
  | { readonly kind: "timeout" }
  /** Could not connect, or the connection broke: worth trying again. */
  | { readonly kind: "network"; readonly detail: string }
  /** The name resolves only to addresses the policy does not allow: trying again would not help. */
  | { readonly kind: "refused-address"; readonly detail: string };

export interface PostOptions {
  readonly timeoutMs: number;
  readonly policy: CallbackPolicy;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a callback answers is not read beyond this: only the status and Retry-After matter. */
const MAX_ANSWER_BYTES = 64 * 1024;

export class AddressRefusedError extends Error {
  readonly code = "ECONDUITADDRESS";
  constructor(host: string) {
    super(`${host} resolves only to addresses callbacks may not reach (private, loopback or reserved)`);
    this.name = "AddressRefusedError";
  }
}

// Keep-alive: a burst of events to the same flows reuses connections instead of a TLS handshake per delivery.
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect that only ever hands back addresses the policy allows for this host. */
export function guardedLookup(policy: CallbackPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = addresses.filter((entry) => addressAllowed(entry.address, hostname, policy));
      if (allowed.length === 0) return callback(new AddressRefusedError(hostname), []);
      if (options.all) return callback(null, allowed);
      const first = allowed[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export function postJson(url: URL, body: string, options: PostOptions): Promise<PostOutcome> {
  // net.connect skips `lookup` for an address written in the URL: check that one here.
  const literal = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(literal) !== 0 && !addressAllowed(literal, literal, options.policy)) {
    return Promise.resolve({ kind: "refused-address", detail: new AddressRefusedError(literal).message });
  }
  return new Promise((resolve) => {
    const secure = url.protocol === "https:";
    let settled = false;
    const finish = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const request = (secure ? https : http).request(
      url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        lookup: guardedLookup(options.policy) as never,
        headers: { ...options.headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        const done = (): void => {
          const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
          finish({ kind: "answered", status: response.statusCode ?? 0, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
        };
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ kind: "timeout" });
    }, options.timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof AddressRefusedError || error.code === "ECONDUITADDRESS") finish({ kind: "refused-address", detail: error.message });
      else finish({ kind: "network", detail: error.code ?? error.message });
    });
    request.end(body);
  });
}

/** `Retry-After: 120` or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === "") return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

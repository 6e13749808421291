import { randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import functions from "@azure/functions";
import type { HttpHandler, HttpRequest as AzureHttpRequest, HttpResponseInit, InvocationContext as AzureInvocationContext } from "@azure/functions";
import type { HttpRegistration } from "../../src/runtime/register.js";
import { problem, PROBLEM_CONTENT_TYPE } from "../../src/runtime/problem.js";
import { redactUrl, scrubSecrets } from "./redact.js";
import { RouteTable } from "./routes.js";

const { HttpRequest, HttpResponse, InvocationContext } = functions;

export interface LocalHostOptions {
  readonly registrations: readonly HttpRegistration[];
  /** host.json's extensions.http.routePrefix. */
  readonly routePrefix: string;
  /** The key callers must send (authLevel `function`), as `x-functions-key` or `?code=`. */
  readonly functionKey: string;
  /** Bodies larger than this are refused with 413 before they are read whole. */
  readonly maxBodyBytes: number;
  /** Where request and function logs go. */
  readonly log?: (line: string) => void;
}

interface Target {
  readonly name: string;
  readonly handler: HttpHandler;
  readonly authLevel: string;
}

/**
 * A stand-in for the Functions host on loopback: it routes as the host does, checks the function key for
 * authLevel `function`, and calls the registered handlers with real @azure/functions request and context objects.
 */
export function createLocalHost(options: LocalHostOptions): Server {
  const table = new RouteTable<Target>(
    options.routePrefix,
    options.registrations.map((r) => ({
      template: r.options.route ?? r.name,
      methods: (r.options.methods ?? ["GET", "POST"]).map((m) => m.toUpperCase()),
      target: { name: r.name, handler: r.options.handler, authLevel: r.options.authLevel ?? "anonymous" },
    })),
  );
  if (options.functionKey.trim() === "") throw new Error("the local host needs a function key: an empty one would let every caller in");
  const key = Buffer.from(options.functionKey);
  const write = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  // Every line, the function's own included: a log is read by more people than may call the API.
  const log = (line: string): void => write(scrubSecrets(line, [options.functionKey]));

  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method} ${redactUrl(req.url ?? "/")} ${res.statusCode} ${ms.toFixed(1)} ms`);
    });
    dispatch(req, res).catch((error: unknown) => {
      log(`host error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendProblem(res, 500, "The local host failed to handle the request.");
      else res.destroy();
    });
  });

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    if (url === undefined) return sendProblem(res, 400, "The request line or Host header is not a valid URL.");
    const method = (req.method ?? "GET").toUpperCase();
    const match = table.match(method, url.pathname);
    if (match.kind === "not-found") return sendProblem(res, 404, `No function answers ${url.pathname}.`);
    if (match.kind === "method-not-allowed") {
      return sendProblem(res, 405, `${method} is not allowed on ${url.pathname}; use ${match.allow.join(", ")}.`, { allow: match.allow.join(", ") });
    }
    const { target, params } = match;
    if (target.authLevel !== "anonymous" && !hasKey(req, url)) {
      return sendProblem(res, 401, "Send the function key in the x-functions-key header (or the code query parameter).");
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > options.maxBodyBytes) {
      req.resume();
      return sendProblem(res, 413, `The request body is larger than the ${options.maxBodyBytes} bytes this API accepts.`);
    }
    const bytes = await readLimited(req, options.maxBodyBytes);
    if (bytes === undefined) return sendProblem(res, 413, `The request body is larger than the ${options.maxBodyBytes} bytes this API accepts.`);

    const request: AzureHttpRequest = new HttpRequest({
      method,
      url: url.toString(),
      headers: flattenHeaders(req),
      query: hostQuery(url.searchParams),
      params,
      ...(bytes.byteLength > 0 && method !== "GET" && method !== "HEAD" ? { body: { bytes } } : {}),
    });
    const invocationId = randomUUID();
    const context: AzureInvocationContext = new InvocationContext({
      functionName: target.name,
      invocationId,
      logHandler: (level, ...args) => log(`  [${level}] ${target.name} (${invocationId}): ${args.map(formatArg).join(" ")}`),
    });
    const init = (await target.handler(request, context)) as HttpResponseInit;
    await send(res, init);
  }

  function hasKey(req: IncomingMessage, url: URL): boolean {
    // The header wins over the query parameter, as in the Functions host.
    const header = req.headers["x-functions-key"];
    const given = typeof header === "string" ? header : url.searchParams.get("code");
    if (given === null || given === undefined) return false;
    const candidate = Buffer.from(given);
    return candidate.length === key.length && timingSafeEqual(candidate, key);
  }
}

async function send(res: ServerResponse, init: HttpResponseInit): Promise<void> {
  const response = new HttpResponse(init);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

function sendProblem(res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": PROBLEM_CONTENT_TYPE, ...headers });
  res.end(JSON.stringify(problem(status, detail)));
}

function readLimited(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? undefined : new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

/** The absolute URL the function sees, from the Host header as the Functions host does (loopback when absent). */
function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  } catch {
    return undefined;
  }
}

/**
 * request.query as the Functions host fills it: one value per name, a repeated name's values joined with commas
 * (?a=1&a=2 gives a=1,2), so that code reading request.query behaves here as it will in Azure.
 */
function hostQuery(search: URLSearchParams): Record<string, string> {
  const query = new Map<string, string>();
  for (const [name, value] of search) {
    const before = query.get(name);
    query.set(name, before === undefined ? value : `${before},${value}`);
  }
  return Object.fromEntries(query);
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function formatArg(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.stack ?? value.message;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

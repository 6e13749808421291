/**
 * Hostile requests, made from the contract: a request the spec accepts, then one thing broken (a wrong type, a
 * missing or extra field, a value out of range, a huge or deeply nested value, `__proto__` and `constructor`
 * keys, bytes that are not UTF-8, a wrong content type, a bad query or collection value, a bad path id, a wrong
 * method or route or key). Each case says whether the contract must refuse it (`invalid`: a 4xx problem that
 * names what is wrong) or may accept it (`any`: anything but a 5xx, and a problem if it is refused).
 */
import { isObject, type JsonObject } from "../../scripts/model/refs.js";
import { resolve, validValue, type FuzzOperation, type FuzzParameter } from "./contract.js";
import type { Random } from "./prng.js";

export interface FuzzCase {
  readonly kind: string;
  readonly operationId: string;
  readonly method: string;
  /** The request target as sent: /api/... with the query. */
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  readonly expect: "invalid" | "any";
  /** Text the problem must contain (the field or parameter at fault). */
  readonly names?: string;
}

export interface FuzzContext {
  readonly spec: JsonObject;
  readonly random: Random;
  readonly key: string;
  readonly maxBodyBytes: number;
  /** Ids of work orders that exist (some requests use them, some are deleted along the way). */
  readonly ids: readonly string[];
}

type Mutation = (op: FuzzOperation, base: BaseRequest, ctx: FuzzContext) => FuzzCase | undefined;

interface BaseRequest {
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
}

const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "", " ", "ümlaut", "😀", "a.b", "$where", "../x"];

const HOSTILE_IDS = [
  "..", "%2E%2E", "%2F", "a%2Fb", "%5C", "%00", "%01", "%7F", "%FF", "%E0%A4%A", "%ZZ", "%", "%25", "%3F", "%23", "%20", "a%20b", "~", "()", "*",
  "'%3B%20DROP%20TABLE%20x", "%3Cscript%3E", "PartitionKey%20eq%20'x'", "%F0%9F%98%80", "%EF%BF%BF", "null", "undefined", "0", "-1", "true",
  "__proto__", "constructor", "prototype", "x".repeat(2000), "%E2%80%AE", "%C0%AF",
];

function baseRequest(op: FuzzOperation, ctx: FuzzContext): BaseRequest {
  const { random, spec } = ctx;
  const base: BaseRequest = { path: {}, query: [], headers: {}, body: undefined };
  for (const p of op.parameters) {
    if (p.in === "path") base.path[p.name] = ctx.ids.length > 0 && random.chance(0.8) ? random.pick(ctx.ids) : random.string(random.int(1, 20), "abcdef0123456789-");
    else if (p.in === "query" && (p.required || random.chance(0.5)) && resolve(spec, p.schema)["x-ms-visibility"] !== "internal") {
      base.query.push([p.name, wireValue(validValue(spec, p.schema, random))]);
    }
  }
  if (op.body !== undefined) base.body = validValue(spec, op.body.schema, random);
  return base;
}

function wireValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(",") : String(value);
}

function target(op: FuzzOperation, base: BaseRequest, rawPath?: string): string {
  const path = rawPath ?? op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(base.path[name] ?? ""));
  const query = base.query.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join("&");
  return `/api${path}${query ? `?${query}` : ""}`;
}

function make(
  kind: string,
  op: FuzzOperation,
  base: BaseRequest,
  ctx: FuzzContext,
  expect: FuzzCase["expect"],
  options: { body?: Buffer | null; contentType?: string | null; names?: string; rawPath?: string; target?: string; method?: string; key?: string | null } = {},
): FuzzCase {
  const headers: Record<string, string> = { ...base.headers };
  if (options.key !== null) headers["x-functions-key"] = options.key ?? ctx.key;
  let body: Buffer | undefined;
  if (options.body !== undefined) body = options.body ?? undefined;
  else if (op.body !== undefined && base.body !== undefined) body = Buffer.from(JSON.stringify(base.body));
  const contentType = options.contentType === undefined ? (body !== undefined ? "application/json" : null) : options.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  return {
    kind,
    operationId: op.operationId,
    method: options.method ?? op.method,
    target: options.target ?? target(op, base, options.rawPath),
    headers,
    ...(body === undefined ? {} : { body }),
    expect,
    ...(options.names === undefined ? {} : { names: options.names }),
  };
}

/** The body schema's top-level properties (resolved), for mutations that break one field. */
function bodyProperties(op: FuzzOperation, ctx: FuzzContext): [string, JsonObject][] {
  if (op.body === undefined) return [];
  const schema = resolve(ctx.spec, op.body.schema);
  const properties = isObject(schema["properties"]) ? schema["properties"] : {};
  return Object.entries(properties)
    .map(([name, value]): [string, JsonObject] => [name, resolve(ctx.spec, value)])
    .filter(([, s]) => s["readOnly"] !== true);
}

function withField(base: BaseRequest, name: string, value: unknown): BaseRequest {
  const body = isObject(base.body) ? { ...base.body } : {};
  Object.defineProperty(body, name, { value, enumerable: true, writable: true, configurable: true });
  return { ...base, body };
}

function wrongTypeValue(schema: JsonObject, random: Random): unknown {
  switch (schema["type"]) {
    case "string":
      return random.pick([123, -1.5, true, false, null, {}, [], ["a"], { value: "x" }]);
    case "number":
    case "integer":
      return random.pick(["12", "", "NaN", true, null, {}, [], [1]]);
    case "boolean":
      return random.pick(["true", 1, 0, null, {}, []]);
    case "array":
      return random.pick(["a,b", 1, {}, null, true]);
    default:
      return random.pick(["x", 1, [], true, null]);
  }
}

function nested(depth: number, random: Random): string {
  const open = random.chance(0.5) ? "[" : '{"a":';
  const close = open === "[" ? "]" : "}";
  return open.repeat(depth) + "1" + close.repeat(depth);
}

const bodyMutations: Record<string, Mutation> = {
  "body: a field of the wrong type": (op, base, ctx) => {
    const fields = bodyProperties(op, ctx);
    if (fields.length === 0) return undefined;
    const [name, schema] = ctx.random.pick(fields);
    return make("body: a field of the wrong type", op, withField(base, name, wrongTypeValue(schema, ctx.random)), ctx, "invalid", { names: name });
  },
  "body: a required field missing": (op, base, ctx) => {
    const schema = op.body === undefined ? {} : resolve(ctx.spec, op.body.schema);
    const required = Array.isArray(schema["required"]) ? schema["required"].map(String) : [];
    if (required.length === 0 || !isObject(base.body)) return undefined;
    const name = ctx.random.pick(required);
    const body = { ...base.body };
    delete body[name];
    return make("body: a required field missing", op, { ...base, body }, ctx, "invalid", { names: name });
  },
  "body: an empty object": (op, base, ctx) => {
    const schema = op.body === undefined ? {} : resolve(ctx.spec, op.body.schema);
    const constrained = (Array.isArray(schema["required"]) && schema["required"].length > 0) || typeof schema["minProperties"] === "number";
    return constrained ? make("body: an empty object", op, { ...base, body: {} }, ctx, "invalid") : undefined;
  },
  "body: a string too long or too short": (op, base, ctx) => {
    const fields = bodyProperties(op, ctx).filter(([, s]) => typeof s["maxLength"] === "number" || (typeof s["minLength"] === "number" && s["minLength"] > 0));
    if (fields.length === 0) return undefined;
    const [name, schema] = ctx.random.pick(fields);
    const max = schema["maxLength"];
    const shortest = typeof schema["minLength"] === "number" && schema["minLength"] > 0 ? "x".repeat(schema["minLength"] - 1) : undefined;
    const value = typeof max === "number" && (shortest === undefined || ctx.random.chance(0.7)) ? "x".repeat(max + ctx.random.int(1, 3000)) : shortest;
    return make("body: a string too long or too short", op, withField(base, name, value), ctx, "invalid", { names: name });
  },
  "body: a number out of range": (op, base, ctx) => {
    const fields = bodyProperties(op, ctx).filter(([, s]) => typeof s["minimum"] === "number" || typeof s["maximum"] === "number");
    if (fields.length === 0) return undefined;
    const [name, schema] = ctx.random.pick(fields);
    const value = typeof schema["maximum"] === "number" && ctx.random.chance(0.5) ? schema["maximum"] + ctx.random.int(1, 1e6) : Number(schema["minimum"] ?? 0) - ctx.random.int(1, 1e6);
    return make("body: a number out of range", op, withField(base, name, value), ctx, "invalid", { names: name });
  },
  "body: a value outside the enum": (op, base, ctx) => {
    const fields = bodyProperties(op, ctx).filter(([, s]) => Array.isArray(s["enum"]));
    if (fields.length === 0) return undefined;
    const [name, schema] = ctx.random.pick(fields);
    const value = ctx.random.pick([String((schema["enum"] as unknown[])[0]).toUpperCase(), "bogus", "", " new", "new ", "\u0000"]);
    return make("body: a value outside the enum", op, withField(base, name, value), ctx, "invalid", { names: name });
  },
  "body: a date-time that is not one": (op, base, ctx) => {
    const fields = bodyProperties(op, ctx).filter(([, s]) => s["format"] === "date-time");
    if (fields.length === 0) return undefined;
    const [name] = ctx.random.pick(fields);
    const value = ctx.random.pick(["yesterday", "2026-13-45T99:00:00Z", "2026-12-02", "12/02/2026 09:00", "2026-02-30T10:00:00Z", "T", "9".repeat(400)]);
    return make("body: a date-time that is not one", op, withField(base, name, value), ctx, "invalid", { names: name });
  },
  "body: not an object": (op, base, ctx) => {
    const text = ctx.random.pick(["[]", "[{}]", '"text"', "42", "null", "true", "-0", "1e400"]);
    return make("body: not an object", op, base, ctx, "invalid", { body: Buffer.from(text) });
  },
  "body: malformed JSON": (op, base, ctx) => {
    const valid = JSON.stringify(base.body ?? {});
    const text = ctx.random.pick([
      valid.slice(0, Math.max(1, ctx.random.int(1, valid.length - 1))),
      valid.replace(/}$/, ",}"),
      valid.replace(/"/g, "'"),
      "{title: 1}",
      '{"a": NaN}',
      '{"a": undefined}',
      "{/* comment */}",
      "{",
      "}",
      '{"a":1}}',
      "\u0000",
      '{"a":"\\x41"}',
      '{"a":"\\ud800"}x',
    ]);
    return make("body: malformed JSON", op, base, ctx, "invalid", { body: Buffer.from(text) });
  },
  "body: bytes that are not UTF-8": (op, base, ctx) => {
    const valid = Buffer.from(JSON.stringify(base.body ?? {}));
    const bad = ctx.random.pick([Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xc0, 0xaf])]);
    // Inside the first string value, so the rest is well-formed JSON.
    const at = valid.indexOf(0x22, valid.indexOf(0x3a)) + 1;
    const body = at > 0 ? Buffer.concat([valid.subarray(0, at), bad, valid.subarray(at)]) : Buffer.concat([bad, valid]);
    return make("body: bytes that are not UTF-8", op, base, ctx, "invalid", { body });
  },
  "body: deeply nested value": (op, base, ctx) => {
    const fields = bodyProperties(op, ctx);
    const depth = ctx.random.int(500, 15_000);
    if (ctx.random.chance(0.3) || fields.length === 0) return make("body: deeply nested value", op, base, ctx, "invalid", { body: Buffer.from(nested(depth, ctx.random)) });
    const [name] = ctx.random.pick(fields);
    const valid = JSON.stringify({ ...(isObject(base.body) ? base.body : {}), [name]: 0 });
    const text = valid.replace(`"${name}":0`, `"${name}":${nested(depth, ctx.random)}`);
    return make("body: deeply nested value", op, base, ctx, "invalid", { body: Buffer.from(text), names: name });
  },
  "body: deeply nested extra field": (op, base, ctx) => {
    if (!isObject(base.body)) return undefined;
    const text = JSON.stringify(base.body).replace(/^\{/, `{"deep":${nested(ctx.random.int(500, 15_000), ctx.random)},`);
    return make("body: deeply nested extra field", op, base, ctx, "any", { body: Buffer.from(text) });
  },
  "body: a huge array": (op, base, ctx) => {
    const fields = bodyProperties(op, ctx);
    if (fields.length === 0) return undefined;
    const [name] = ctx.random.pick(fields);
    const value = Array.from({ length: ctx.random.int(1_000, 20_000) }, (_, i) => i);
    return make("body: a huge array", op, withField(base, name, value), ctx, "invalid", { names: name });
  },
  "body: larger than the limit": (op, base, ctx) => {
    const size = ctx.maxBodyBytes + ctx.random.int(1, 200_000);
    const text = JSON.stringify({ ...(isObject(base.body) ? base.body : {}), description: "x".repeat(size) });
    return make("body: larger than the limit", op, base, ctx, "invalid", { body: Buffer.from(text) });
  },
  "body: extra fields with hostile names": (op, base, ctx) => {
    let next = base;
    for (let i = ctx.random.int(1, 4); i > 0; i--) next = withField(next, ctx.random.pick(HOSTILE_KEYS), ctx.random.pick([1, "x", null, {}, [], { polluted: "yes" }, true]));
    return make("body: extra fields with hostile names", op, next, ctx, "any");
  },
  "body: __proto__ and constructor payloads": (op, base, ctx) => {
    const valid = JSON.stringify(isObject(base.body) ? base.body : {});
    const payload = ctx.random.pick([
      '"__proto__":{"polluted":"yes"},',
      '"constructor":{"prototype":{"polluted":"yes"}},',
      '"__proto__":{"__proto__":{"polluted":"yes"}},',
      '"__proto__":{"toString":"x","valueOf":1},',
      '"__proto__":null,',
      '"prototype":{"polluted":"yes"},',
    ]);
    return make("body: __proto__ and constructor payloads", op, base, ctx, "any", { body: Buffer.from(valid.replace(/^\{/, `{${payload}`).replace(/,}$/, "}")) });
  },
  "body: duplicate keys": (op, base, ctx) => {
    const fields = bodyProperties(op, ctx);
    if (fields.length === 0 || !isObject(base.body)) return undefined;
    const [name, schema] = ctx.random.pick(fields);
    const last = wrongTypeValue(schema, ctx.random);
    const text = JSON.stringify(base.body).replace(/^\{/, `{${JSON.stringify(name)}:${JSON.stringify(validValue(ctx.spec, schema, ctx.random))},`).replace(/\}$/, `,${JSON.stringify(name)}:${JSON.stringify(last)}}`);
    return make("body: duplicate keys", op, base, ctx, "invalid", { body: Buffer.from(text), names: name });
  },
  "body: empty": (op, base, ctx) => (op.body?.required ? make("body: empty", op, base, ctx, "invalid", { body: Buffer.alloc(0), contentType: "application/json" }) : undefined),
  "content type: one the operation does not take": (op, base, ctx) => {
    const type = ctx.random.pick(["text/plain", "application/xml", "text/html; charset=utf-8", "application/octet-stream", "multipart/form-data; boundary=----x", "application/x-www-form-urlencoded", "image/png", "*/*", "application"]);
    return make("content type: one the operation does not take", op, base, ctx, "invalid", { contentType: type });
  },
  "content type: odd but JSON": (op, base, ctx) => {
    const type = ctx.random.pick(["Application/JSON", "application/json; charset=utf-8", "application/json;;;", "application/problem+json", "application/vnd.api+json", null]);
    return make("content type: odd but JSON", op, base, ctx, "any", { contentType: type });
  },
};

function queryParameters(op: FuzzOperation): FuzzParameter[] {
  return op.parameters.filter((p) => p.in === "query");
}

function setQuery(base: BaseRequest, name: string, value: string): BaseRequest {
  return { ...base, query: [...base.query.filter(([n]) => n !== name), [name, value]] };
}

const queryMutations: Record<string, Mutation> = {
  "query: a value of the wrong type": (op, base, ctx) => {
    const params = queryParameters(op).filter((p) => ["integer", "number", "boolean"].includes(String(resolve(ctx.spec, p.schema)["type"])));
    if (params.length === 0) return undefined;
    const p = ctx.random.pick(params);
    const type = resolve(ctx.spec, p.schema)["type"];
    const value = type === "boolean" ? ctx.random.pick(["maybe", "1", "0", "yes", "", "t", "nul"]) : ctx.random.pick(["abc", "1.5", "1e3", "", "0x10", "12abc", "NaN", "Infinity", "--1", " 12", "1 2", "٣"]);
    return make("query: a value of the wrong type", op, setQuery(base, p.name, value), ctx, "invalid", { names: p.name });
  },
  "query: a number out of range": (op, base, ctx) => {
    const params = queryParameters(op).filter((p) => typeof resolve(ctx.spec, p.schema)["maximum"] === "number" || typeof resolve(ctx.spec, p.schema)["minimum"] === "number");
    if (params.length === 0) return undefined;
    const p = ctx.random.pick(params);
    const schema = resolve(ctx.spec, p.schema);
    const value = ctx.random.pick([String(Number(schema["minimum"] ?? 0) - 1), String(Number(schema["maximum"] ?? 0) + 1), "-1", "99999999999999999999", "2147483648"]);
    return make("query: a number out of range", op, setQuery(base, p.name, value), ctx, "invalid", { names: p.name });
  },
  "query: a value outside the enum": (op, base, ctx) => {
    const params = queryParameters(op).filter((p) => Array.isArray(resolve(ctx.spec, p.schema)["enum"]) || isObject(resolve(ctx.spec, p.schema)["items"]));
    if (params.length === 0) return undefined;
    const p = ctx.random.pick(params);
    const isArray = resolve(ctx.spec, p.schema)["type"] === "array";
    const value = isArray ? ctx.random.pick(["low,bogus", ",,,", "high|low", "HIGH", "low,,high", " low", "low;high"]) : ctx.random.pick(["bogus", "NEW", "new ", "", "in progress"]);
    return make("query: a value outside the enum", op, setQuery(base, p.name, value), ctx, "invalid", { names: p.name });
  },
  "query: repeated and collection values": (op, base, ctx) => {
    const params = queryParameters(op);
    if (params.length === 0) return undefined;
    const p = ctx.random.pick(params);
    const value = wireValue(validValue(ctx.spec, p.schema, ctx.random));
    return make("query: repeated and collection values", op, { ...base, query: [...base.query, [p.name, value], [p.name, value]] }, ctx, "any");
  },
  "query: unknown and hostile names": (op, base, ctx) => {
    const extra: [string, string][] = Array.from({ length: ctx.random.int(1, 4) }, () => [ctx.random.pick([...HOSTILE_KEYS, "$filter", "top ", "TOP"]), ctx.random.pick(["x", "", "1", "%", "{}"])]);
    return make("query: unknown and hostile names", op, { ...base, query: [...base.query, ...extra] }, ctx, "any");
  },
  "query: huge and badly encoded values": (op, base, ctx) => {
    const params = queryParameters(op).filter((p) => resolve(ctx.spec, p.schema)["type"] === "string" && !Array.isArray(resolve(ctx.spec, p.schema)["enum"]));
    if (params.length === 0) return undefined;
    const p = ctx.random.pick(params);
    const raw = ctx.random.pick(["x".repeat(ctx.random.int(1000, 6000)), "%E0%A4%A", "%ZZ", "%FF%FE", "%00", "😀".repeat(50), "' or 1 eq 1", "eyJub3QiOiJhIHRva2VuIn0"]);
    const query = base.query.filter(([n]) => n !== p.name).map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`);
    // Sent as written (not encoded again), so malformed escapes reach the host.
    query.push(`${p.name}=${raw.startsWith("%") ? raw : encodeURIComponent(raw)}`);
    return make("query: huge and badly encoded values", op, base, ctx, "any", { target: `${target(op, { ...base, query: [] })}?${query.join("&")}` });
  },
};

const UNKNOWN_ROUTES = ["/api/nope", "/api/workorders/a/b/c", "/api/", "/api/technicians/x", "/nope", "/api/workorders%2Fx/y", "/API2/workorders"];

/** Whether a request target would reach one of the spec's paths (under its basePath; segments case-insensitive). */
export function matchesSpecRoute(spec: JsonObject, target: string): boolean {
  const basePath = typeof spec["basePath"] === "string" ? spec["basePath"].replace(/\/+$/, "") : "";
  const pathname = target.split("?")[0]!;
  if (!pathname.toLowerCase().startsWith(`${basePath.toLowerCase()}/`)) return false;
  const segments = pathname.slice(basePath.length + 1).split("/");
  return Object.keys(isObject(spec["paths"]) ? spec["paths"] : {}).some((template) => {
    const parts = template.replace(/^\/+/, "").split("/");
    return parts.length === segments.length && parts.every((part, i) => /^\{[^}]+\}$/.test(part) ? segments[i] !== "" : part.toLowerCase() === segments[i]!.toLowerCase());
  });
}

const pathMutations: Record<string, Mutation> = {
  "path: a hostile id": (op, base, ctx) => {
    const names = op.parameters.filter((p) => p.in === "path").map((p) => p.name);
    if (names.length === 0) return undefined;
    const id = ctx.random.chance(0.7) ? ctx.random.pick(HOSTILE_IDS) : encodeURIComponent(ctx.random.string(ctx.random.int(1, 60), "aé😀 /\\?#%'\"<>{}|^`\u0001\u007f~.-_"));
    const rawPath = op.path.replace(/\{([^}]+)\}/g, () => id);
    return make("path: a hostile id", op, base, ctx, "any", { rawPath });
  },
};

const headerMutations: Record<string, Mutation> = {
  "header: a hostile If-Match": (op, base, ctx) => {
    if (!op.parameters.some((p) => p.in === "header" && p.name.toLowerCase() === "if-match")) return undefined;
    const value = ctx.random.pick(["garbage", "*", 'W/"x"', '""', "x".repeat(4000), "ÿþ", 'W/"datetime\'2026-01-01T00%3A00%3A00Z\'"', "null", "W/", ",,,"]);
    return make("header: a hostile If-Match", op, { ...base, headers: { ...base.headers, "if-match": value } }, ctx, "any");
  },
};

const hostMutations: Record<string, Mutation> = {
  "method: not allowed on the route": (op, base, ctx) => {
    const method = ctx.random.pick(["PUT", "POST", "DELETE", "PATCH", "GET"].filter((m) => m !== op.method && !(op.path === "/workorders" && m === "GET") && !(op.path === "/workorders" && m === "POST") && !(op.path.includes("{") && ["GET", "PATCH", "DELETE"].includes(m))));
    return make("method: not allowed on the route", op, base, ctx, "invalid", { method });
  },
  "route: unknown": (op, base, ctx) => {
    // A team that adds operations may make one of these a route; only those that match none are unknown.
    const unknown = UNKNOWN_ROUTES.filter((target) => !matchesSpecRoute(ctx.spec, target));
    if (unknown.length === 0) return undefined;
    return make("route: unknown", op, base, ctx, "invalid", { target: ctx.random.pick(unknown) });
  },
  "key: missing or wrong": (op, base, ctx) => make("key: missing or wrong", op, base, ctx, "invalid", { key: ctx.random.chance(0.5) ? null : ctx.random.pick(["", "wrong", `${ctx.key}x`, ctx.key.slice(1)]) }),
};

/** Body mutations apply to operations that take a body: the others never read one. */
const withBody = Object.fromEntries(
  Object.entries(bodyMutations).map(([kind, mutation]): [string, Mutation] => [kind, (op, base, ctx) => (op.body === undefined ? undefined : mutation(op, base, ctx))]),
);

const MUTATIONS: Readonly<Record<string, Mutation>> = { ...withBody, ...queryMutations, ...pathMutations, ...headerMutations, ...hostMutations };

/** The kinds that apply to an operation (each yields a case for it). */
export function applicableKinds(op: FuzzOperation, ctx: FuzzContext): string[] {
  return Object.keys(MUTATIONS).filter((kind) => MUTATIONS[kind]!(op, baseRequest(op, ctx), ctx) !== undefined);
}

export function hostileCase(op: FuzzOperation, kind: string, ctx: FuzzContext): FuzzCase | undefined {
  const mutation = MUTATIONS[kind];
  return mutation === undefined ? undefined : mutation(op, baseRequest(op, ctx), ctx);
}

/** A request the contract accepts, for contrast (and to keep the handlers busy with real work). */
export function validCase(op: FuzzOperation, ctx: FuzzContext): FuzzCase {
  return make("valid", op, baseRequest(op, ctx), ctx, "any");
}

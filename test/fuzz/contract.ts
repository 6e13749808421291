/**
 * The sample's operations as the fuzzer sees them, read from the spec itself (references resolved): each
 * operation's route, parameters with their schemas, and body schema, plus a generator of valid values, so the
 * hostile requests are made by changing one thing in a request the contract accepts.
 */
import { isObject, type JsonObject } from "../../scripts/model/refs.js";
import type { Random } from "./prng.js";

export interface FuzzParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required: boolean;
  readonly schema: JsonObject;
}

export interface FuzzOperation {
  readonly operationId: string;
  readonly method: string;
  /** The spec's path, e.g. /workorders/{workOrderId}. */
  readonly path: string;
  readonly parameters: readonly FuzzParameter[];
  readonly body?: { readonly required: boolean; readonly schema: JsonObject };
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** Follows local `$ref`s (the sample has no others). */
export function resolve(root: JsonObject, value: unknown): JsonObject {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current["$ref"] === "string" && hops < 20; hops++) {
    const segments = (current["$ref"] as string).replace(/^#\//, "").split("/");
    current = segments.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
  }
  return isObject(current) ? current : {};
}

export function operationsOf(spec: JsonObject): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const [path, rawItem] of Object.entries(isObject(spec["paths"]) ? spec["paths"] : {})) {
    const item = resolve(spec, rawItem);
    const shared = Array.isArray(item["parameters"]) ? item["parameters"] : [];
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = Array.isArray(operation["parameters"]) ? operation["parameters"] : [];
      const parameters: FuzzParameter[] = [];
      let body: FuzzOperation["body"];
      for (const raw of [...shared, ...own]) {
        const p = resolve(spec, raw);
        const location = p["in"];
        if (location === "body") body = { required: p["required"] === true, schema: resolve(spec, p["schema"]) };
        else if (location === "path" || location === "query" || location === "header") {
          const { name, in: _in, required, description: _d, ...schema } = p;
          parameters.push({ name: String(name), in: location, required: required === true, schema });
        }
      }
      out.push({ operationId: String(operation["operationId"]), method: method.toUpperCase(), path, parameters, ...(body ? { body } : {}) });
    }
  }
  return out;
}

/** A value the schema accepts: required properties always, some optional ones, sizes within the limits. */
export function validValue(spec: JsonObject, raw: unknown, random: Random): unknown {
  const schema = resolve(spec, raw);
  if (Array.isArray(schema["enum"])) return random.pick(schema["enum"]);
  switch (schema["type"]) {
    case "string": {
      if (schema["format"] === "date-time") return new Date(Date.UTC(2026, random.int(0, 11), random.int(1, 28), random.int(0, 23), random.int(0, 59))).toISOString();
      const min = typeof schema["minLength"] === "number" ? schema["minLength"] : 0;
      const max = typeof schema["maxLength"] === "number" ? schema["maxLength"] : 40;
      return random.string(random.int(Math.max(min, 1), Math.min(max, Math.max(min, 1) + 30)), "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789-éü");
    }
    case "integer":
    case "number": {
      const min = typeof schema["minimum"] === "number" ? schema["minimum"] : 0;
      const max = typeof schema["maximum"] === "number" ? schema["maximum"] : 1000;
      return schema["type"] === "integer" ? random.int(min, max) : Math.round((min + random.next() * (max - min)) * 100) / 100;
    }
    case "boolean":
      return random.chance(0.5);
    case "array":
      return Array.from({ length: random.int(0, 3) }, () => validValue(spec, schema["items"], random));
    default: {
      const properties = isObject(schema["properties"]) ? schema["properties"] : {};
      const required = new Set(Array.isArray(schema["required"]) ? schema["required"].map(String) : []);
      const out: JsonObject = {};
      for (const [name, property] of Object.entries(properties)) {
        if (resolve(spec, property)["readOnly"] === true) continue;
        if (required.has(name) || random.chance(0.5)) out[name] = validValue(spec, property, random);
      }
      const minProperties = typeof schema["minProperties"] === "number" ? schema["minProperties"] : 0;
      for (const name of Object.keys(properties)) {
        if (Object.keys(out).length >= minProperties) break;
        if (!(name in out) && resolve(spec, properties[name])["readOnly"] !== true) out[name] = validValue(spec, properties[name], random);
      }
      return out;
    }
  }
}

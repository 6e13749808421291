/**
 * Matches request paths to registered routes the way the Functions host does: under the route prefix,
 * literal segments compared case-insensitively, `{name}` parameters (with `:constraint`, `?` optional and
 * `*` catch-all forms), the most specific template first.
 */

export interface RouteEntry<T> {
  readonly template: string;
  readonly methods: readonly string[];
  readonly target: T;
}

export type RouteMatch<T> =
  | { readonly kind: "found"; readonly target: T; readonly params: Record<string, string> }
  | { readonly kind: "method-not-allowed"; readonly allow: readonly string[] }
  | { readonly kind: "not-found" };

type Segment =
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "param"; readonly name: string; readonly constraint?: string; readonly optional: boolean; readonly catchAll: boolean };

interface CompiledRoute<T> {
  readonly entry: RouteEntry<T>;
  readonly segments: readonly Segment[];
  readonly rank: string;
}

const CONSTRAINTS: Readonly<Record<string, (value: string) => boolean>> = {
  int: (v) => /^-?\d+$/.test(v),
  long: (v) => /^-?\d+$/.test(v),
  bool: (v) => /^(true|false)$/i.test(v),
  alpha: (v) => /^[a-z]+$/i.test(v),
  guid: (v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v),
  double: (v) => v.trim() !== "" && Number.isFinite(Number(v)),
  float: (v) => v.trim() !== "" && Number.isFinite(Number(v)),
  decimal: (v) => v.trim() !== "" && Number.isFinite(Number(v)),
  datetime: (v) => !Number.isNaN(Date.parse(v)),
};

function parseSegment(raw: string): Segment {
  const match = /^\{(\*)?([^}:?=]+)(?::([^}?=]+))?(\?)?\}$/.exec(raw);
  if (!match) return { kind: "literal", value: raw.toLowerCase() };
  const [, star, name = "", constraint, question] = match;
  return { kind: "param", name, optional: question === "?", catchAll: star === "*", ...(constraint ? { constraint: constraint.toLowerCase() } : {}) };
}

function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

export class RouteTable<T> {
  private readonly routes: readonly CompiledRoute<T>[];

  constructor(
    readonly prefix: string,
    entries: readonly RouteEntry<T>[],
  ) {
    this.routes = entries
      .map((entry) => {
        const segments = splitPath(entry.template).map(parseSegment);
        // Literal segments outrank parameters, and constrained parameters outrank plain ones (ASP.NET precedence).
        const rank = segments.map((s) => (s.kind === "literal" ? "1" : s.catchAll ? "4" : s.constraint ? "2" : "3")).join("");
        return { entry, segments, rank };
      })
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  }

  match(method: string, pathname: string): RouteMatch<T> {
    const parts = splitPath(pathname);
    const prefixParts = splitPath(this.prefix);
    for (let i = 0; i < prefixParts.length; i++) {
      if (parts[i]?.toLowerCase() !== prefixParts[i]?.toLowerCase()) return { kind: "not-found" };
    }
    const rest = parts.slice(prefixParts.length);
    const allow = new Set<string>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, rest);
      if (params === undefined) continue;
      if (route.entry.methods.includes(method)) return { kind: "found", target: route.entry.target, params };
      for (const m of route.entry.methods) allow.add(m);
    }
    return allow.size > 0 ? { kind: "method-not-allowed", allow: [...allow].sort() } : { kind: "not-found" };
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  let i = 0;
  for (const segment of segments) {
    if (segment.kind === "param" && segment.catchAll) {
      params[segment.name] = parts.slice(i).map(decode).join("/");
      return params;
    }
    const part = parts[i];
    if (part === undefined) {
      if (segment.kind === "param" && segment.optional) continue;
      return undefined;
    }
    if (segment.kind === "literal") {
      if (decode(part).toLowerCase() !== segment.value) return undefined;
    } else {
      const value = decode(part);
      const check = segment.constraint === undefined ? undefined : CONSTRAINTS[segment.constraint];
      if (check !== undefined && !check(value)) return undefined;
      params[segment.name] = value;
    }
    i++;
  }
  return i === parts.length ? params : undefined;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Spec paths as Azure Functions route templates, and the route clashes Azure cannot tell apart. */
import { Severity, EMPTY_RANGE, type Diagnostic } from "../diagnostics.js";
import type { HttpMethod } from "../../src/runtime/contract.js";
import type { JsonPath } from "./model.js";

/**
 * `/workorders/{workOrderId}` → `workorders/{workOrderId}`. A query string some connectors put in the path
 * (`/items?op=list`) is not part of the route: Azure matches the path only.
 */
export function toRoute(specPath: string): string {
  const pathOnly = specPath.split("?")[0] ?? "";
  return pathOnly
    .split("/")
    .filter((segment) => segment.length > 0)
    .join("/");
}

/** The route as Azure's router compares it: literals case-insensitive, parameter names irrelevant. */
export function routeShape(route: string): string {
  return route
    .split("/")
    .map((segment) => segment.replace(/\{[^}]*\}/g, "{}").toLowerCase())
    .join("/");
}

export interface RoutedOperation {
  readonly name: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly route: string;
  readonly location: JsonPath;
}

/** One warning per operation whose method and route shape another operation shares. */
export function findAmbiguousRoutes(operations: readonly RoutedOperation[], source?: string): Diagnostic[] {
  const groups = new Map<string, RoutedOperation[]>();
  for (const operation of operations) {
    const key = `${operation.method} ${routeShape(operation.route)}`;
    const group = groups.get(key);
    if (group) group.push(operation);
    else groups.set(key, [operation]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const operation of group) {
      const others = group.filter((other) => other !== operation).map((other) => `${other.name} (${other.path})`);
      diagnostics.push({
        code: "conduit-ambiguous-route",
        message:
          `${operation.name}: ${operation.method} /${operation.route} is routed ambiguously with ${others.join(", ")}: ` +
          `Azure Functions compares routes case-insensitively and ignores parameter names and query strings; ` +
          `give the paths distinct literal segments`,
        path: [...operation.location],
        severity: Severity.Warning,
        ...(source === undefined ? {} : { source }),
        range: EMPTY_RANGE,
      });
    }
  }
  return diagnostics;
}

/** Host-reserved route prefixes: Azure Functions answers these itself (admin API, extension webhooks). */
const RESERVED_PREFIXES = ["admin", "runtime"];

/** Problems Azure would have with one route on its own. */
export function routeProblems(route: string): string[] {
  const problems: string[] = [];
  if (route === "") {
    problems.push("the path is the API root: Azure Functions uses the function name as the route when it is empty; give the operation a path segment");
  }
  const first = route.split("/")[0]!.toLowerCase();
  if (RESERVED_PREFIXES.includes(first)) {
    problems.push(`routes starting with "${first}" are reserved by the Azure Functions host and never reach the function app`);
  }
  for (const match of route.matchAll(/\{([^}]*)\}/g)) {
    if (/[?*=:{/]/.test(match[1]!) || match[1] === "") {
      problems.push(`path parameter "${match[1]}" has a character Azure's route templates give a meaning to (? * = : /); rename it`);
    }
  }
  return problems;
}

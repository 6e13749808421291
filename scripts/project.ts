import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "./diagnostics.js";

/** Where things live in a conduit project; every command resolves its defaults here. */
export interface ProjectLayout {
  readonly root: string;
  readonly spec: string;
  readonly properties: string;
  readonly icon: string;
  readonly generated: string;
  readonly handlers: string;
  readonly hostJson: string;
  readonly localSettings: string;
  readonly dist: string;
}

export function projectLayout(root: string = process.cwd()): ProjectLayout {
  return {
    root,
    spec: path.join(root, "spec", "apiDefinition.swagger.yaml"),
    properties: path.join(root, "spec", "apiProperties.yaml"),
    icon: path.join(root, "spec", "icon.png"),
    generated: path.join(root, "generated"),
    handlers: path.join(root, "src", "handlers"),
    hostJson: path.join(root, "host.json"),
    localSettings: path.join(root, "local.settings.json"),
    dist: path.join(root, "dist"),
  };
}

/** The HTTP route prefix the Functions host applies (`extensions.http.routePrefix`, default "api"). */
export async function readRoutePrefix(hostJson: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(hostJson, "utf8");
  } catch {
    return "api";
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${hostJson} is not valid JSON: ${(error as Error).message}`);
  }
  const prefix = (parsed as { extensions?: { http?: { routePrefix?: unknown } } })?.extensions?.http?.routePrefix;
  if (prefix === undefined) return "api";
  if (typeof prefix !== "string") {
    throw new UserError(`${hostJson}: extensions.http.routePrefix must be a string, e.g. "api"`);
  }
  return prefix.replace(/^\/+|\/+$/g, "");
}

/** Relative path for messages: short when inside the project, as given otherwise. */
export function displayPath(file: string, root: string = process.cwd()): string {
  const rel = path.relative(root, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

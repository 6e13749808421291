/**
 * Plays the Power Platform connector runtime for one action: it reads a bundled connector package (what
 * `conduit bundle` writes), builds the request the action describes, sends the connection's access token as
 * `Authorization: Bearer`, and applies the package's request policies (`setheader` with
 * `@connectionParameters(...)`), as API Management does in front of the function app.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

type Json = Record<string, unknown>;

export interface ConnectorPackage {
  readonly definition: Json;
  readonly properties: Json;
}

export async function readConnectorPackage(dir: string): Promise<ConnectorPackage> {
  const read = async (name: string): Promise<Json> => JSON.parse(await readFile(path.join(dir, name), "utf8")) as Json;
  return { definition: await read("apiDefinition.swagger.json"), properties: await read("apiProperties.json") };
}

/** What the connection holds: the signed-in user's access token and the values of the other parameters. */
export interface Connection {
  readonly accessToken?: string;
  readonly parameters: Readonly<Record<string, string>>;
}

export interface ActionCall {
  readonly operationId: string;
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body?: string;
}

/** The request the connector runtime sends to `origin` (standing in for the definition's host) for an action. */
export function connectorRequest(pkg: ConnectorPackage, origin: string, connection: Connection, call: ActionCall): OutgoingRequest {
  const { method, template } = findOperation(pkg.definition, call.operationId);
  const basePath = typeof pkg.definition["basePath"] === "string" ? pkg.definition["basePath"] : "";
  const filled = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = call.path?.[name];
    if (value === undefined) throw new Error(`${call.operationId} needs path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const url = new URL(`${basePath.replace(/\/$/, "")}${filled}`, origin);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers();
  // The oauthSetting connection parameter: the platform passes the user's token on to the backend.
  if (connection.accessToken !== undefined) headers.set("authorization", `Bearer ${connection.accessToken}`);
  if (call.body !== undefined) headers.set("content-type", "application/json");
  applyRequestPolicies(pkg.properties, call.operationId, connection, headers);
  return { method: method.toUpperCase(), url: url.href, headers, ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }) };
}

/** The header names the package's request policies set (to check the package does what the test relies on). */
export function policyHeaders(pkg: ConnectorPackage): string[] {
  return policies(pkg.properties)
    .filter((p) => p.templateId.toLowerCase() === "setheader")
    .map((p) => String(p.parameters["x-ms-apimTemplateParameter.name"] ?? ""));
}

interface PolicyInstance {
  readonly templateId: string;
  readonly parameters: Json;
}

function policies(properties: Json): PolicyInstance[] {
  const inner = (properties["properties"] ?? {}) as Json;
  const list = inner["policyTemplateInstances"];
  return Array.isArray(list) ? (list as PolicyInstance[]) : [];
}

function applyRequestPolicies(properties: Json, operationId: string, connection: Connection, headers: Headers): void {
  for (const policy of policies(properties)) {
    if (policy.templateId.toLowerCase() !== "setheader") continue;
    const p = policy.parameters;
    const section = String(p["x-ms-apimTemplate-policySection"] ?? "Request");
    if (section.toLowerCase() !== "request") continue;
    const scope = p["x-ms-apimTemplate-operationName"];
    if (Array.isArray(scope) && !scope.includes(operationId)) continue;
    const name = String(p["x-ms-apimTemplateParameter.name"]);
    const value = evaluate(String(p["x-ms-apimTemplateParameter.value"] ?? ""), connection, headers);
    const action = String(p["x-ms-apimTemplateParameter.existsAction"] ?? "override").toLowerCase();
    if (action === "skip" && headers.has(name)) continue;
    if (action === "append") headers.append(name, value);
    else headers.set(name, value);
  }
}

/** The policy expressions the corpus uses: @connectionParameters('name'[, 'default']) and @headers('name'). */
function evaluate(template: string, connection: Connection, headers: Headers): string {
  return template
    .replace(/@connectionParameters\('([^']*)'(?:\s*,\s*'([^']*)')?\)/g, (_, name: string, fallback: string | undefined) => {
      const value = connection.parameters[name] ?? fallback;
      if (value === undefined) throw new Error(`the connection has no value for ${name}`);
      return value;
    })
    .replace(/@headers\('([^']*)'\)/g, (_, name: string) => headers.get(name) ?? "");
}

function findOperation(definition: Json, operationId: string): { method: string; template: string } {
  for (const [template, item] of Object.entries((definition["paths"] ?? {}) as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      if ((operation as Json | null)?.["operationId"] === operationId) return { method, template };
    }
  }
  throw new Error(`the connector has no action ${operationId}`);
}

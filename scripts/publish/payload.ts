/**
 * The connector package on disk (what `conduit bundle` wrote into dist/connector/) and the body Power Platform's
 * `apis` endpoint takes, built as paconn's upsert builds it: apiProperties.json with the definition embedded as
 * `openApiDefinition`, the backend URL, the environment, the display name (on create only), the description, the
 * icon's URL, and the client secret in the token's `oAuthSettings.clientSecret`, the service's own secret field.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../diagnostics.js";
import { displayPath } from "../project.js";
import { PACKAGE_FILES } from "../bundle/settings.js";

type Json = Record<string, unknown>;

export interface ConnectorFiles {
  readonly dir: string;
  readonly definition: Json;
  readonly properties: Json;
  /** apiProperties.json without stackOwner (bundle writes it when stackOwner is set): the service refuses updates that carry one. */
  readonly propertiesForUpdate: Json | undefined;
  readonly icon: Uint8Array | undefined;
  readonly settings: Json | undefined;
}

export async function readConnectorPackage(dir: string, root: string, envName: string): Promise<ConnectorFiles> {
  const shown = displayPath(dir, root);
  const read = async (name: string, required: boolean): Promise<Buffer | undefined> => {
    try {
      return await readFile(path.join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new UserError(`cannot read ${shown}/${name}: ${(error as Error).message}`);
      if (required) throw new UserError(`${shown}/${name} does not exist: run \`conduit bundle --env ${envName}\` first`);
      return undefined;
    }
  };
  const json = async (name: string, required: boolean): Promise<Json | undefined> => {
    const bytes = await read(name, required);
    if (bytes === undefined) return undefined;
    try {
      const value = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")) as unknown;
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
      return value as Json;
    } catch (error) {
      throw new UserError(`${shown}/${name} is not a JSON object (${(error as Error).message}): run \`conduit bundle --env ${envName}\` again`);
    }
  };
  return {
    dir,
    definition: (await json(PACKAGE_FILES.definition, true)) as Json,
    properties: (await json(PACKAGE_FILES.properties, true)) as Json,
    propertiesForUpdate: await json(PACKAGE_FILES.propertiesForUpdate, false),
    icon: await read(PACKAGE_FILES.icon, false),
    settings: await json(PACKAGE_FILES.settings, false),
  };
}

/** The OAuth settings of the `token` connection parameter, where paconn puts the secret. */
function tokenSettings(properties: Json): Json[] {
  const inner = properties["properties"] as Json | undefined;
  const found: Json[] = [];
  const fromParameters = (parameters: unknown): void => {
    const settings = ((parameters as Json | undefined)?.["token"] as Json | undefined)?.["oAuthSettings"];
    if (typeof settings === "object" && settings !== null) found.push(settings as Json);
  };
  fromParameters(inner?.["connectionParameters"]);
  const sets = (inner?.["connectionParameterSets"] as Json | undefined)?.["values"];
  if (Array.isArray(sets)) for (const set of sets) fromParameters((set as Json | undefined)?.["parameters"]);
  return found;
}

export function clientIdOf(files: ConnectorFiles): string | undefined {
  const id = tokenSettings(files.properties)[0]?.["clientId"];
  return typeof id === "string" ? id : undefined;
}

export function hasOAuth(files: ConnectorFiles): boolean {
  return tokenSettings(files.properties).length > 0;
}

/** The package was bundled for another environment than the one named: its host or client id say so. */
export function checkPackageFor(files: ConnectorFiles, expected: { host: string | undefined; clientId: string | undefined }, envName: string, envFile: string): void {
  const host = files.definition["host"];
  const clientId = clientIdOf(files);
  const mismatches: string[] = [];
  if (expected.host !== undefined && host !== expected.host) mismatches.push(`its host is ${String(host)}, ${envFile} says ${expected.host}`);
  if (expected.clientId !== undefined && clientId !== undefined && clientId !== expected.clientId) {
    mismatches.push(`its client id is ${clientId}, ${envFile} says ${expected.clientId}`);
  }
  if (mismatches.length > 0) {
    throw new UserError(`${displayPath(files.dir)} was not bundled for environment "${envName}" (${mismatches.join("; ")}): run \`conduit bundle --env ${envName}\` first`);
  }
}

export interface PayloadOptions {
  readonly environment: string;
  readonly create: boolean;
  readonly clientSecret: string | undefined;
  readonly iconUri: string | undefined;
}

/** The body of POST/PATCH …/apis, as paconn's upsert builds it. */
export function connectorPayload(files: ConnectorFiles, options: PayloadOptions): Json {
  const source = options.create ? files.properties : (files.propertiesForUpdate ?? files.properties);
  const payload = structuredClone(source);
  const properties = payload["properties"];
  if (typeof properties !== "object" || properties === null) throw new UserError(`${PACKAGE_FILES.properties} has no "properties" object: run \`conduit bundle\` again`);
  const target = properties as Json;
  if (options.clientSecret !== undefined) for (const settings of tokenSettings(payload)) settings["clientSecret"] = options.clientSecret;
  const info = (files.definition["info"] ?? {}) as Json;
  if (typeof info["description"] !== "string" || info["description"] === "") {
    throw new UserError(`${PACKAGE_FILES.definition} has no info.description: Power Platform needs one (30 to 500 characters); add it to spec/apiDefinition.swagger.yaml`);
  }
  target["openApiDefinition"] = files.definition;
  target["backendService"] = { serviceUrl: backendUrl(files.definition) };
  target["environment"] = { name: options.environment };
  // Like paconn: the display name only on create, so a name changed in the maker portal stays.
  if (options.create) target["displayName"] = info["title"];
  target["description"] = info["description"];
  if (options.iconUri !== undefined) target["iconUri"] = options.iconUri;
  // No script.csx in a conduit package: an empty URL, as paconn sends, so that none lingers from a hand edit.
  target["scriptDefinitionUrl"] = "";
  return payload;
}

/** schemes[0]://host + basePath, as paconn's _create_backendservice_url. */
export function backendUrl(definition: Json): string {
  const schemes = Array.isArray(definition["schemes"]) ? (definition["schemes"] as unknown[]) : [];
  const scheme = typeof schemes[0] === "string" ? schemes[0] : "https";
  return `${scheme}://${String(definition["host"] ?? "")}${String(definition["basePath"] ?? "")}`;
}

export function packageHoldsSecret(files: ConnectorFiles): boolean {
  return tokenSettings(files.properties).some((settings) => typeof settings["clientSecret"] === "string" && settings["clientSecret"] !== "");
}

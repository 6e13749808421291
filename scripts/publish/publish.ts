import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { TokenCredential } from "@azure/identity";
import { UserError } from "../diagnostics.js";
import { displayPath, projectLayout } from "../project.js";
import { loadEnvironment } from "../bundle/environment.js";
import { isTrackedByGit } from "../bundle/git.js";
import { GLOBAL_REDIRECT_URL } from "../bundle/properties.js";
import { PACKAGE_FILES } from "../bundle/settings.js";
import type { RetryPolicy } from "../azure/http.js";
import { Session } from "../azure/sign-in.js";
import { readEnvFile, updateEnvFile } from "../provision/env-file.js";
import { ENV_KEYS } from "../provision/provision.js";
import { backendUrl, checkPackageFor, connectorPayload, hasOAuth, packageHoldsSecret, readConnectorPackage, type ConnectorFiles } from "./payload.js";
import { DEFAULT_ENDPOINTS, POWER_PLATFORM_SCOPE, PowerAppsClient, uploadToContainer, type ApiRegistration, type Endpoints } from "./power-apps.js";

export const PUBLISH_ENV_KEYS = {
  environment: "CONDUIT_POWER_PLATFORM_ENVIRONMENT",
  connectorId: "CONDUIT_CONNECTOR_ID",
} as const;

const ENVIRONMENT_ID = /^(Default-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PublishOptions {
  readonly root: string;
  readonly envName: string;
  readonly plan: boolean;
  /** The package folder (default dist/connector). */
  readonly dir: string | undefined;
  /** The Power Platform environment id, if given on the command line. */
  readonly environment: string | undefined;
  readonly credential: TokenCredential;
  readonly log: (line: string) => void;
  /** Tests only: the fake Power Platform's URLs and faster retries. */
  readonly endpoints?: Endpoints;
  readonly retry?: RetryPolicy;
  /** The process environment consulted before .env.<env> (as bundle does); tests pass their own. */
  readonly processEnv?: NodeJS.ProcessEnv;
}

export interface PublishResult {
  readonly action: "create" | "update";
  readonly connectorId: string | undefined;
  readonly environment: string;
  readonly warnings: readonly string[];
  readonly recorded: readonly string[];
  /** The redirect URL the service reports for the connector's sign-in. */
  readonly redirectUrl: string | undefined;
}

/**
 * Creates or updates the custom connector from the package. Offline: reading and checking the package against
 * .env.<env>. Online: sign-in, looking the connector up, the service's validation, the icon upload, create or update.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const layout = projectLayout(options.root);
  const dir = path.resolve(options.root, options.dir ?? path.join(layout.dist, "connector"));
  const env = await loadEnvironment(options.root, options.envName, options.processEnv ?? process.env);
  if (!env.fileFound && env.get(ENV_KEYS.host) === undefined && env.get(ENV_KEYS.clientId) === undefined) {
    throw new UserError(
      `${env.file} does not exist: it holds the environment's host and app registration ids, which \`conduit provision --env ${options.envName}\` records. ` +
        `Run \`conduit provision --env ${options.envName}\` first (then \`conduit bundle --env ${options.envName}\`), or create ${env.file} from .env.example`,
      { exitCode: 2 },
    );
  }
  const files = await readConnectorPackage(dir, options.root, options.envName);
  checkPackageFor(files, { host: env.get(ENV_KEYS.host), clientId: env.get(ENV_KEYS.clientId) }, options.envName, env.file);
  const warnings: string[] = [];
  const secret = env.get(ENV_KEYS.clientSecret);
  if (packageHoldsSecret(files)) {
    warnings.push(`${displayPath(dir, options.root)}/${PACKAGE_FILES.properties} holds a client secret (bundled with --include-secrets): publish passes the secret itself; bundle without --include-secrets and delete this package`);
  }
  options.log(`offline: ${displayPath(dir, options.root)} read and checked against ${env.file} (host ${String(files.definition["host"])}, backend ${backendUrl(files.definition)})`);

  const session = new Session(options.credential);
  const client = new PowerAppsClient(session, options.endpoints ?? DEFAULT_ENDPOINTS, options.retry);
  const user = await session.user(POWER_PLATFORM_SCOPE);
  const environment = options.environment ?? env.get(PUBLISH_ENV_KEYS.environment) ?? stringOf(files.settings?.["environment"]);
  if (environment === undefined) throw await environmentMissing(client, options.envName);
  if (!ENVIRONMENT_ID.test(environment)) throw new UserError(`the Power Platform environment must be its id (a GUID, or Default-<tenant id>), got "${environment}"`);
  options.log(`online: signed in to tenant ${user.tenantId}${user.name ? ` as ${user.name}` : ""}; environment ${environment}`);

  const existing = await findConnector(client, environment, env.get(PUBLISH_ENV_KEYS.connectorId) ?? stringOf(files.settings?.["connectorId"]), files, options.log);
  const create = existing === undefined;
  if (create && hasOAuth(files) && secret === undefined) {
    throw new UserError(
      `the connector signs in with OAuth 2 and a new one needs the connector registration's client secret: run \`conduit provision --env ${options.envName}\` (it records ${ENV_KEYS.clientSecret} in ${env.file}) or set ${ENV_KEYS.clientSecret}`,
    );
  }
  if (!create && hasOAuth(files) && secret === undefined) warnings.push(`no ${ENV_KEYS.clientSecret} in ${env.file}: the connector keeps the client secret it has`);
  if (options.plan) {
    options.log(create ? `+ would create: custom connector "${String((files.definition["info"] as Record<string, unknown> | undefined)?.["title"])}" in ${environment}` : `~ would update: custom connector ${existing.name} in ${environment}`);
    return { action: create ? "create" : "update", connectorId: existing?.name, environment, warnings, recorded: [], redirectUrl: undefined };
  }

  const message = await client.validate(user.objectId, files.definition);
  if (message !== undefined) {
    for (const line of message.split("\n").filter((l) => l.trim() !== "")) warnings.push(`validation: ${line.trim()}`);
  }
  options.log(`online: definition validated by the service${message === undefined ? "" : " (with messages, below)"}`);
  let iconUri: string | undefined;
  if (files.icon !== undefined) {
    const sas = await client.resourceStorage(user.objectId, environment);
    iconUri = await uploadToContainer(sas, PACKAGE_FILES.icon, files.icon, "image/png");
    options.log("online: icon uploaded");
  }
  const payload = connectorPayload(files, { environment, create, clientSecret: secret, iconUri });
  const answer = create ? await client.create(environment, payload) : await client.update(environment, existing.name, payload);
  const connectorId = create ? answer?.name : existing.name;
  if (create && !connectorId) throw new UserError("Power Platform created the connector but did not answer its id: find it in the maker portal and set CONDUIT_CONNECTOR_ID", { exitCode: 1 });
  options.log(`online: ${create ? "created" : "updated"} custom connector ${connectorId}${secret !== undefined && hasOAuth(files) ? " (client secret passed in oAuthSettings.clientSecret)" : ""}`);

  const redirectUrl = answer?.properties?.connectionParameters?.["token"]?.oAuthSettings?.redirectUrl;
  const perConnectorRedirect = redirectUrl !== undefined && redirectUrl !== GLOBAL_REDIRECT_URL ? redirectUrl : undefined;
  if (perConnectorRedirect !== undefined) {
    warnings.push(`the connector signs in through ${perConnectorRedirect}: run \`conduit provision --env ${options.envName}\` to add it to the connector registration's redirect URIs (recorded as ${ENV_KEYS.connectorRedirect})`);
  }
  const recorded = await record(options, env.file, dir, files, connectorId as string, environment, perConnectorRedirect);
  return { action: create ? "create" : "update", connectorId, environment, warnings, recorded, redirectUrl };
}

/** By the recorded id; else the one custom connector with this title and backend (an id lost from the env file); else none. */
async function findConnector(client: PowerAppsClient, environment: string, recordedId: string | undefined, files: ConnectorFiles, log: (line: string) => void): Promise<ApiRegistration | undefined> {
  if (recordedId !== undefined) {
    const found = await client.connector(environment, recordedId);
    if (found !== undefined) return found;
    log(`note: the recorded connector ${recordedId} is not in environment ${environment}: creating one`);
    return undefined;
  }
  const title = (files.definition["info"] as Record<string, unknown> | undefined)?.["title"];
  const url = backendUrl(files.definition);
  const matches = (await client.connectors(environment)).filter(
    (api) => api.properties?.isCustomApi === true && api.properties.displayName === title && (api.properties.backendService?.serviceUrl ?? url) === url,
  );
  if (matches.length > 1) {
    throw new UserError(`${matches.length} custom connectors in ${environment} are named "${String(title)}" with backend ${url}: set CONDUIT_CONNECTOR_ID to the one to update (${matches.map((m) => m.name).join(", ")})`);
  }
  if (matches[0] !== undefined) log(`note: found custom connector ${matches[0].name} by its name and backend URL: updating it`);
  return matches[0];
}

async function environmentMissing(client: PowerAppsClient, envName: string): Promise<UserError> {
  const environments = await client.environments();
  const list = environments.map((e) => `  ${e.name}  ${e.properties?.displayName ?? ""}${e.properties?.isDefault ? " (default)" : ""}`);
  return new UserError(
    `which Power Platform environment? pass --power-platform-env <id> (recorded in .env.${envName}) or set ${PUBLISH_ENV_KEYS.environment}${list.length > 0 ? `; yours:\n${list.join("\n")}` : ""}`,
  );
}

/** The connector id into .env.<env> (so bundle's settings.json carries it) and into the package's settings.json, as paconn create does. */
async function record(
  options: PublishOptions,
  envFile: string,
  dir: string,
  files: ConnectorFiles,
  connectorId: string,
  environment: string,
  redirectUrl: string | undefined,
): Promise<string[]> {
  const file = path.join(options.root, `.env.${options.envName}`);
  if (await isTrackedByGit(file, options.root)) return [];
  const values: Record<string, string> = { [PUBLISH_ENV_KEYS.connectorId]: connectorId };
  if (redirectUrl !== undefined) values[ENV_KEYS.connectorRedirect] = redirectUrl;
  // settings.json (and so bundle) takes environment GUIDs only; Default-<tenant> stays a flag or a variable.
  if (GUID.test(environment)) values[PUBLISH_ENV_KEYS.environment] = environment.toLowerCase();
  const current = await readEnvFile(file);
  const changed = Object.fromEntries(Object.entries(values).filter(([key, value]) => current[key] !== value));
  const recorded: string[] = [];
  if (Object.keys(changed).length > 0) {
    await updateEnvFile(file, changed, "written by `conduit publish`");
    recorded.push(`${envFile}: ${Object.keys(changed).join(", ")}`);
  }
  if (files.settings !== undefined) {
    const settingsFile = path.join(dir, PACKAGE_FILES.settings);
    const text = await readFile(settingsFile, "utf8");
    const settings = JSON.parse(text) as Record<string, unknown>;
    const updated = { connectorId, ...(GUID.test(environment) ? { environment: environment.toLowerCase() } : {}), ...withoutKeys(settings, ["connectorId", "environment"]) };
    const next = `${JSON.stringify(updated, null, 2)}\n`;
    if (next !== text) {
      await writeFile(settingsFile, next);
      recorded.push(`${displayPath(dir, options.root)}/${PACKAGE_FILES.settings}: connectorId`);
    }
  }
  return recorded;
}

function withoutKeys(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Application, OAuth2PermissionGrant, PasswordCredential, ServicePrincipal } from "@microsoft/microsoft-graph-types";
import type { TokenCredential } from "@azure/identity";
import { UserError } from "../diagnostics.js";
import { displayPath, projectLayout } from "../project.js";
import { isTrackedByGit } from "../bundle/git.js";
import { isJsonObject } from "../bundle/ordered.js";
import { loadOrderedSource } from "../bundle/source.js";
import { ServiceError, type RetryPolicy } from "../azure/http.js";
import { Session } from "../azure/sign-in.js";
import { readEnvFile, updateEnvFile } from "./env-file.js";
import { GRAPH_SCOPE, GraphClient } from "./graph.js";
import {
  apiChange,
  connectorChange,
  identifierUriOf,
  isEmpty,
  newApiApplication,
  newConnectorApplication,
  redirectUrisFor,
  scopeOf,
  SCOPE_VALUE,
  type Change,
  type RegistrationNames,
} from "./registrations.js";
import { decideSecret, secretEnd } from "./secret.js";

/** The keys provision reads from and writes to .env.<env>; the first four are the ones `conduit bundle` needs. */
export const ENV_KEYS = {
  tenantId: "CONDUIT_TENANT_ID",
  clientId: "CONDUIT_CLIENT_ID",
  scope: "CONDUIT_SCOPE",
  clientSecret: "CONDUIT_CLIENT_SECRET",
  host: "CONDUIT_HOST",
  apiClientId: "CONDUIT_API_CLIENT_ID",
  secretKeyId: "CONDUIT_CLIENT_SECRET_KEY_ID",
  secretEnds: "CONDUIT_CLIENT_SECRET_EXPIRES",
  provisionName: "CONDUIT_PROVISION_NAME",
  /** A per-connector redirect URL Power Platform reported (publish records it); added to the connector registration. */
  connectorRedirect: "CONDUIT_CONNECTOR_REDIRECT_URL",
} as const;

export interface ProvisionOptions {
  readonly root: string;
  readonly envName: string;
  /** Read and report only: no write to Graph or to the env file. */
  readonly plan: boolean;
  readonly rotateSecret: boolean;
  readonly secretDays: number;
  /** The function app's host name, recorded as CONDUIT_HOST for `conduit bundle`. */
  readonly host: string | undefined;
  /** The base of the registrations' unique names (default: recorded, else conduit-<title>-<env>). */
  readonly name: string | undefined;
  readonly credential: TokenCredential;
  readonly log: (line: string) => void;
  /** Tests only: the fake Graph's base URL, faster retries, a fixed clock. */
  readonly graphUrl?: string;
  readonly retry?: RetryPolicy;
  readonly replicationDelaysMs?: readonly number[];
  readonly now?: () => Date;
}

export type StepAction = "create" | "update" | "unchanged" | "skipped";

export interface StepReport {
  readonly subject: string;
  readonly action: StepAction;
  readonly lines: readonly string[];
}

export interface ProvisionResult {
  readonly plan: boolean;
  readonly steps: readonly StepReport[];
  readonly tenantId: string;
  readonly user: string | undefined;
  readonly names: NamedRegistrations;
  readonly apiAppId: string | undefined;
  readonly connectorAppId: string | undefined;
  readonly scope: string | undefined;
  /** The function app's host, as given or recorded. */
  readonly host: string | undefined;
  /** The env file's display path and the keys written to it (or that --plan would write). */
  readonly envFile: string;
  readonly envKeys: readonly string[];
  /** The function app's settings for this tenant and registration. */
  readonly appSettings: Readonly<Record<string, string>> | undefined;
  readonly warnings: readonly string[];
  /** Whether anything was (or, with --plan, would be) changed in Graph or the env file. */
  readonly changed: boolean;
}

const UNKNOWN = "(new)";

export async function provision(options: ProvisionOptions): Promise<ProvisionResult> {
  const now = options.now ?? (() => new Date());
  const envPath = path.join(options.root, `.env.${options.envName}`);
  const envFile = displayPath(envPath, options.root);
  const recorded = await readEnvFile(envPath);
  const title = await specTitle(options.root);
  const names = registrationNames(title, options.envName, options.name ?? recorded[ENV_KEYS.provisionName]);
  if (await isTrackedByGit(envPath, options.root)) {
    throw new UserError(`${envFile} is not ignored by git, and provision writes the client secret into it: add it to .gitignore (.env.* is ignored by default)`);
  }

  const session = new Session(options.credential);
  const user = await session.user(GRAPH_SCOPE);
  const recordedTenant = recorded[ENV_KEYS.tenantId];
  if (recordedTenant !== undefined && recordedTenant.toLowerCase() !== user.tenantId.toLowerCase()) {
    throw new UserError(
      `${envFile} belongs to tenant ${recordedTenant}, but you are signed in to tenant ${user.tenantId}: sign in to that tenant (\`az login --tenant ${recordedTenant}\`, or --tenant ${recordedTenant}), or use another --env`,
    );
  }
  const graph = new GraphClient(session, options.graphUrl, options.retry, options.replicationDelaysMs);
  const steps: StepReport[] = [];
  const warnings: string[] = [];
  const report = (step: StepReport): void => {
    steps.push(step);
    options.log(formatStep(step, options.plan));
  };
  const values: Record<string, string> = { [ENV_KEYS.tenantId]: user.tenantId, [ENV_KEYS.provisionName]: names.base };
  if (options.host !== undefined) values[ENV_KEYS.host] = options.host;

  const plannedKeys: string[] = [];
  let api: Application | undefined;
  let connector: Application | undefined;
  try {
    // 1. The function app registration: the API, its identifier URI and its scope.
    api = await find(graph, names.apiUniqueName, recorded[ENV_KEYS.apiClientId]);
    if (api === undefined) {
      const created = options.plan ? undefined : await graph.createApplication(names.apiUniqueName, newApiApplication(names, randomUUID()));
      // The identifier URI names the appId, which exists only now: a second call, which a re-run also makes if this one fails.
      if (created !== undefined) api = await applyChange(graph, created, apiChange(created, names, randomUUID(), undefined));
      const lines = [`uniqueName ${names.apiUniqueName}`, ...creationLines(newApiApplication(names, UNKNOWN)), `identifierUris: ${identifierUriOf(api?.appId ?? "<appId>")}`];
      report({ subject: `function app registration "${names.apiDisplayName}"`, action: "create", lines });
    } else {
      const change = apiChange(api, names, randomUUID(), undefined);
      if (!options.plan) api = await applyChange(graph, api, change);
      report({ subject: `function app registration "${api.displayName}" (${api.appId})`, action: isEmpty(change) ? "unchanged" : "update", lines: change.lines });
    }
    const apiAppId = api?.appId ?? undefined;
    const scopeId = api === undefined ? UNKNOWN : (scopeOf(api)?.id ?? UNKNOWN);
    if (apiAppId) {
      values[ENV_KEYS.apiClientId] = apiAppId;
      values[ENV_KEYS.scope] = `${identifierUriOf(apiAppId)}/${SCOPE_VALUE}`;
    }
    else plannedKeys.push(ENV_KEYS.apiClientId, ENV_KEYS.scope);

    // 2. The connector registration: single tenant, Power Platform's redirect URI, the permission to that scope.
    const redirects = redirectUrisFor(recorded[ENV_KEYS.connectorRedirect] ? [recorded[ENV_KEYS.connectorRedirect] as string] : []);
    const resource = { appId: apiAppId ?? UNKNOWN, scopeId };
    connector = await find(graph, names.connectorUniqueName, recorded[ENV_KEYS.clientId]);
    if (connector === undefined) {
      const body = newConnectorApplication(names, resource, redirects);
      if (!options.plan) connector = await graph.createApplication(names.connectorUniqueName, body);
      report({ subject: `connector registration "${names.connectorDisplayName}"`, action: "create", lines: [`uniqueName ${names.connectorUniqueName}`, ...creationLines(body)] });
    } else {
      const change = connectorChange(connector, resource, redirects);
      if (!options.plan) connector = await applyChange(graph, connector, change);
      report({ subject: `connector registration "${connector.displayName}" (${connector.appId})`, action: isEmpty(change) ? "unchanged" : "update", lines: change.lines });
    }
    const connectorAppId = connector?.appId ?? undefined;
    if (connectorAppId) values[ENV_KEYS.clientId] = connectorAppId;
    else plannedKeys.push(ENV_KEYS.clientId);

    // 3. The function app registration pre-authorizes the connector for its scope: no user is asked to consent to it.
    const preAuthorization = api === undefined ? undefined : apiChange(api, names, randomUUID(), connectorAppId ?? UNKNOWN);
    if (api !== undefined && preAuthorization !== undefined && connectorAppId !== undefined && !isEmpty(preAuthorization) && !options.plan) {
      api = await applyChange(graph, api, preAuthorization);
    }
    report({
      subject: "pre-authorization of the connector for the function app's scope",
      action: preAuthorization === undefined || !isEmpty(preAuthorization) ? "update" : "unchanged",
      lines: preAuthorization?.lines ?? [`api.preAuthorizedApplications: + the connector for ${SCOPE_VALUE}`],
    });

    // 4. Service principals: the tenant's instances of both registrations, needed to sign in and to grant consent.
    const apiSp = await servicePrincipal(graph, apiAppId, "function app", options.plan, report);
    const connectorSp = await servicePrincipal(graph, connectorAppId, "connector", options.plan, report);

    // 5. Admin consent for the whole tenant, where the signed-in user may grant it.
    await grant(graph, apiSp, connectorSp, options.plan, report, warnings, user.tenantId, connectorAppId);

    // 6. The client secret, written straight into the env file (and nowhere else).
    const passwords = connector?.passwordCredentials ?? [];
    const decision = decideSecret({ value: recorded[ENV_KEYS.clientSecret], keyId: recorded[ENV_KEYS.secretKeyId] }, passwords, now(), options.rotateSecret);
    if (decision.action === "keep") {
      const lines = [`keyId ${decision.credential.keyId}, ends ${decision.credential.endDateTime} (in ${decision.daysLeft} days)`];
      if (decision.nearExpiry) {
        const warning = `the client secret ends in ${decision.daysLeft} days: run \`conduit provision --env ${options.envName} --rotate-secret\`, then \`conduit publish --env ${options.envName}\``;
        warnings.push(warning);
        lines.push(warning);
      }
      report({ subject: "client secret", action: "unchanged", lines });
    } else {
      const end = secretEnd(now(), options.secretDays);
      const lines = [`${decision.reason}: a new one, valid ${options.secretDays} days (until ${end})`];
      if (decision.replaces !== undefined && decision.replaces.endDateTime && Date.parse(decision.replaces.endDateTime) > now().getTime()) {
        lines.push(`the previous one (keyId ${decision.replaces.keyId}) stays valid until ${decision.replaces.endDateTime}, so the published connector keeps working until \`conduit publish --env ${options.envName}\` hands it the new one`);
      }
      if (options.plan) plannedKeys.push(ENV_KEYS.clientSecret, ENV_KEYS.secretKeyId, ENV_KEYS.secretEnds);
      if (!options.plan && connector?.id) {
        const added = await graph.addPassword(connector.id, secretRequest(options.envName, now(), end));
        if (!added.secretText || !added.keyId) throw new UserError("Microsoft Graph added a client secret but did not return its value: remove it in the portal and run again", { exitCode: 1 });
        values[ENV_KEYS.clientSecret] = added.secretText;
        values[ENV_KEYS.secretKeyId] = added.keyId;
        values[ENV_KEYS.secretEnds] = added.endDateTime ?? end;
        // Written at once: Graph shows a secret's value only in this answer.
        await writeValues(envPath, recorded, values, options.plan);
      }
      report({ subject: "client secret", action: "create", lines });
    }
  } finally {
    // Whatever exists by now is recorded, so that a failed step leaves nothing a re-run cannot find.
    await writeValues(envPath, recorded, values, options.plan);
  }

  const envKeys = [...new Set([...changedKeys(recorded, values), ...plannedKeys])];
  const apiAppId = api?.appId ?? undefined;
  return {
    plan: options.plan,
    steps,
    tenantId: user.tenantId,
    user: user.name,
    names,
    apiAppId,
    connectorAppId: connector?.appId ?? undefined,
    scope: values[ENV_KEYS.scope],
    host: values[ENV_KEYS.host] ?? recorded[ENV_KEYS.host],
    envFile,
    envKeys,
    appSettings: apiAppId ? appSettingsFor(user.tenantId, apiAppId) : undefined,
    warnings,
    changed: steps.some((step) => step.action === "create" || step.action === "update") || envKeys.length > 0,
  };
}

/** The function app's auth settings (docs/auth.md) for this tenant and registration: its client id and its identifier URI. */
export function appSettingsFor(tenantId: string, apiAppId: string): Record<string, string> {
  return { CONDUIT_AUTH_TENANT_ID: tenantId, CONDUIT_AUTH_AUDIENCES: `${apiAppId},${identifierUriOf(apiAppId)}` };
}

export interface NamedRegistrations extends RegistrationNames {
  readonly base: string;
}

export function registrationNames(title: string, envName: string, base: string | undefined): NamedRegistrations {
  const stem = base ?? `conduit-${slug(title)}-${slug(envName)}`;
  if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(stem)) {
    throw new UserError(`--name "${stem}": use lower-case letters, digits and "-" (at most 81 characters); it names the app registrations' uniqueName`);
  }
  return {
    base: stem,
    title,
    apiUniqueName: `${stem}-api`,
    connectorUniqueName: `${stem}-connector`,
    apiDisplayName: `${title} API (${envName})`,
    connectorDisplayName: `${title} connector (${envName})`,
    notes: `Managed by \`conduit provision --env ${envName}\` (uniqueName ${stem}-…). The next run restores what it manages: single tenant, identifier URI, scope, redirect URI, permission.`,
  };
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/, "") || "app"
  );
}

async function specTitle(root: string): Promise<string> {
  const spec = projectLayout(root).spec;
  const source = await loadOrderedSource(spec, displayPath(spec, root));
  const info = isJsonObject(source.value) ? source.value.get("info") : undefined;
  const title = isJsonObject(info ?? null) ? (info as Map<string, unknown>).get("title") : undefined;
  return typeof title === "string" && title.trim() !== "" ? title.trim() : "conduit";
}

/** By uniqueName (what conduit created), else by the client id recorded in the env file (a registration made by hand). */
async function find(graph: GraphClient, uniqueName: string, recordedAppId: string | undefined): Promise<Application | undefined> {
  return (await graph.applicationByUniqueName(uniqueName)) ?? (recordedAppId ? await graph.applicationByAppId(recordedAppId) : undefined);
}

async function applyChange(graph: GraphClient, app: Application, change: Change): Promise<Application> {
  if (isEmpty(change)) return app;
  await graph.updateApplication(app.id as string, change.body);
  return { ...app, ...change.body };
}

function creationLines(app: Application): string[] {
  const lines = [`signInAudience ${app.signInAudience}`];
  if (app.api?.requestedAccessTokenVersion) lines.push(`api.requestedAccessTokenVersion ${app.api.requestedAccessTokenVersion}`);
  for (const scope of app.api?.oauth2PermissionScopes ?? []) lines.push(`api.oauth2PermissionScopes: ${scope.value} (${scope.type}, enabled)`);
  for (const uri of app.web?.redirectUris ?? []) lines.push(`web.redirectUris: ${uri}`);
  for (const access of app.requiredResourceAccess ?? []) {
    lines.push(`requiredResourceAccess: ${SCOPE_VALUE} of the function app registration${access.resourceAppId === UNKNOWN ? "" : ` (${access.resourceAppId})`}, delegated`);
  }
  return lines;
}

async function servicePrincipal(
  graph: GraphClient,
  appId: string | undefined,
  which: string,
  plan: boolean,
  report: (step: StepReport) => void,
): Promise<ServicePrincipal | undefined> {
  const subject = `service principal of the ${which} registration`;
  const existing = appId ? await graph.servicePrincipalByAppId(appId) : undefined;
  if (existing !== undefined) {
    report({ subject, action: "unchanged", lines: [`id ${existing.id}`] });
    return existing;
  }
  const created = plan || !appId ? undefined : await graph.createServicePrincipal(appId);
  report({ subject, action: "create", lines: created ? [`id ${created.id}`] : [] });
  return created;
}

async function grant(
  graph: GraphClient,
  apiSp: ServicePrincipal | undefined,
  connectorSp: ServicePrincipal | undefined,
  plan: boolean,
  report: (step: StepReport) => void,
  warnings: string[],
  tenantId: string,
  connectorAppId: string | undefined,
): Promise<void> {
  const subject = `admin consent: the connector may call the function app's ${SCOPE_VALUE} for every user`;
  if (!apiSp?.id || !connectorSp?.id) {
    report({ subject, action: "create", lines: ["consentType AllPrincipals (needs an administrator role)"] });
    return;
  }
  const existing = (await graph.grantsOfClient(connectorSp.id)).find((g) => g.resourceId === apiSp.id && g.consentType === "AllPrincipals");
  const scopes = (existing?.scope ?? "").split(" ").filter((s) => s !== "");
  if (existing !== undefined && scopes.includes(SCOPE_VALUE)) {
    report({ subject, action: "unchanged", lines: [`grant ${existing.id}`] });
    return;
  }
  try {
    if (existing?.id) {
      if (!plan) await graph.updateGrant(existing.id, { scope: [...scopes, SCOPE_VALUE].join(" ") });
      report({ subject, action: "update", lines: [`scope: + ${SCOPE_VALUE}`] });
    } else {
      const body: OAuth2PermissionGrant = { clientId: connectorSp.id, consentType: "AllPrincipals", resourceId: apiSp.id, scope: SCOPE_VALUE };
      if (!plan) await graph.createGrant(body);
      report({ subject, action: "create", lines: ["consentType AllPrincipals (needs an administrator role)"] });
    }
  } catch (error) {
    if (!(error instanceof ServiceError) || error.status !== 403) throw error;
    const consentUrl = `https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=${connectorAppId ?? ""}`;
    warnings.push(
      `admin consent not granted: you may not grant consent for the whole tenant. Users are not asked for ${SCOPE_VALUE}, which the function app registration pre-authorizes for the connector; an administrator can still grant it at ${consentUrl}`,
    );
    report({ subject, action: "skipped", lines: [`you may not grant consent for the whole tenant (${error.status}${error.code ? ` ${error.code}` : ""})`] });
  }
}

function secretRequest(envName: string, now: Date, end: string): PasswordCredential {
  return { displayName: `conduit ${envName} ${now.toISOString().slice(0, 10)}`, endDateTime: end };
}

function changedKeys(recorded: Readonly<Record<string, string>>, values: Readonly<Record<string, string>>): string[] {
  return Object.keys(values).filter((key) => recorded[key] !== values[key]);
}

async function writeValues(file: string, recorded: Readonly<Record<string, string>>, values: Readonly<Record<string, string>>, plan: boolean): Promise<void> {
  if (plan) return;
  const changed: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (recorded[key] !== value) changed[key] = value;
  if (Object.keys(changed).length === 0) return;
  await updateEnvFile(file, changed, "written by `conduit provision` (the client secret is a secret: keep this file out of git)");
}

export function formatStep(step: StepReport, plan: boolean): string {
  const verbs: Record<StepAction, [string, string]> = {
    create: ["+ would create", "+ created"],
    update: ["~ would update", "~ updated"],
    unchanged: ["= unchanged", "= unchanged"],
    skipped: ["! would skip", "! skipped"],
  };
  const verb = verbs[step.action][plan ? 0 : 1];
  return [`${verb}: ${step.subject}`, ...step.lines.map((line) => `    ${line}`)].join("\n");
}

/**
 * A Microsoft Graph v1.0 stand-in on 127.0.0.1 for the calls `conduit provision` makes, with state: applications
 * (alternate keys uniqueName and appId, upsert with Prefer: create-if-missing), service principals, delegated
 * permission grants, client secrets. Every request body is checked against Microsoft's published Graph types
 * (graph-shapes.ts) and against the rules Graph documents for these calls; a body that breaks one is answered 400,
 * as Graph answers, and recorded in `problems`, which the tests require to be empty. It also plays what makes the
 * real service awkward: replication lag after a create, throttling, refusals for non-administrators, and any
 * failure a test injects.
 */
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Application, OAuth2PermissionGrant, PasswordCredential, PermissionScope, ServicePrincipal } from "@microsoft/microsoft-graph-types";
import { graphBodyProblems } from "./graph-shapes.js";
import { TENANT_ID, tokenClaims } from "./credential.js";

export interface GraphRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly headers: http.IncomingHttpHeaders;
}

interface Failure {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  remaining: number;
  readonly headers?: Record<string, string>;
}

type StoredApplication = Application & { id: string; appId: string; uniqueName?: string | null };

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** False for answers that say nothing about the request's shape (replication lag). */
    readonly isProblem = true,
  ) {
    super(message);
  }
}

export class FakeGraph {
  readonly applications = new Map<string, StoredApplication>();
  readonly servicePrincipals = new Map<string, ServicePrincipal & { id: string; appId: string }>();
  readonly grants = new Map<string, OAuth2PermissionGrant & { id: string }>();
  readonly requests: GraphRequest[] = [];
  /** Bodies that do not fit Microsoft's types or Graph's rules for the call: the tests want none. */
  readonly problems: string[] = [];
  /** Whether the signed-in user holds a role that may grant tenant-wide consent. */
  admin = true;
  /** Service principal creations refused as "not a valid application object" for an application this new. */
  replicationLag = 1;
  private readonly lagLeft = new Map<string, number>();
  private readonly failures: Failure[] = [];
  private server: http.Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` requests matching method and path are answered with this error (a 429 with Retry-After: 0 for throttling). */
  fail(method: string, path: RegExp, status: number, code: string, message: string, times = 1, headers?: Record<string, string>): void {
    this.failures.push({ method, path, status, code, message, remaining: times, ...(headers ? { headers } : {}) });
  }

  writes(): GraphRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  applicationByUniqueName(uniqueName: string): StoredApplication | undefined {
    return [...this.applications.values()].find((a) => a.uniqueName === uniqueName);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname.replace(/^\/v1\.0/, ""));
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      return send(res, 400, error("BadRequest", "Unable to read JSON request payload."));
    }
    const method = req.method ?? "GET";
    this.requests.push({ method, path, body, headers: req.headers });
    const claims = tokenClaims(req.headers.authorization);
    if (claims?.["aud"] !== "https://graph.microsoft.com" || claims["tid"] !== TENANT_ID) {
      return send(res, 401, error("InvalidAuthenticationToken", "Access token validation failure. Invalid audience."));
    }
    const failure = this.failures.find((f) => f.remaining > 0 && f.method === method && f.path.test(path));
    if (failure) {
      failure.remaining--;
      return send(res, failure.status, error(failure.code, failure.message), failure.headers);
    }
    try {
      const answer = this.route(method, path, url.searchParams, body, req.headers);
      send(res, answer.status, answer.body);
    } catch (caught) {
      if (!(caught instanceof GraphError)) {
        send(res, 500, error("InternalServerError", String(caught)));
        return;
      }
      if (caught.status === 400 && caught.isProblem) this.problems.push(`${method} ${path}: ${caught.message}`);
      send(res, caught.status, error(caught.code, caught.message));
    }
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown, headers: http.IncomingHttpHeaders): { status: number; body?: unknown } {
    let match: RegExpExecArray | null;
    if ((match = /^\/applications\((uniqueName|appId)='((?:[^']|'')*)'\)$/.exec(path))) {
      const [, keyName, raw] = match;
      const value = (raw ?? "").replace(/''/g, "'");
      const found = [...this.applications.values()].find((a) => (keyName === "uniqueName" ? a.uniqueName === value : a.appId === value));
      if (method === "GET") return found ? { status: 200, body: withContext("applications/$entity", found) } : notFound(value);
      if (method === "PATCH" && keyName === "uniqueName") {
        this.checkBody("Application", body);
        if (found) {
          this.updateApplication(found, body as Application);
          return { status: 204 };
        }
        if (headers["prefer"] !== "create-if-missing") return notFound(value);
        return { status: 201, body: withContext("applications/$entity", this.createApplication(value, body as Application)) };
      }
    }
    if ((match = /^\/applications\/([^/]+)$/.exec(path))) {
      const app = this.applications.get(match[1] ?? "");
      if (app === undefined) return notFound(match[1] ?? "");
      if (method === "GET") return { status: 200, body: withContext("applications/$entity", app) };
      if (method === "PATCH") {
        this.checkBody("Application", body);
        this.updateApplication(app, body as Application);
        return { status: 204 };
      }
    }
    if ((match = /^\/applications\/([^/]+)\/addPassword$/.exec(path)) && method === "POST") {
      const app = this.applications.get(match[1] ?? "");
      if (app === undefined) return notFound(match[1] ?? "");
      return { status: 200, body: withContext("microsoft.graph.passwordCredential", this.addPassword(app, body)) };
    }
    if ((match = /^\/servicePrincipals\(appId='((?:[^']|'')*)'\)$/.exec(path)) && method === "GET") {
      const appId = (match[1] ?? "").replace(/''/g, "'");
      const found = [...this.servicePrincipals.values()].find((sp) => sp.appId === appId);
      return found ? { status: 200, body: withContext("servicePrincipals/$entity", found) } : notFound(appId);
    }
    if (path === "/servicePrincipals" && method === "POST") return { status: 201, body: withContext("servicePrincipals/$entity", this.createServicePrincipal(body)) };
    if (path === "/oauth2PermissionGrants" && method === "GET") {
      const filter = /^clientId eq '([^']*)'$/.exec(query.get("$filter") ?? "");
      if (filter === null) throw new GraphError(400, "Request_UnsupportedQuery", `Unsupported query: ${query.get("$filter")}`);
      return { status: 200, body: { "@odata.context": "oauth2PermissionGrants", value: [...this.grants.values()].filter((g) => g.clientId === filter[1]) } };
    }
    if (path === "/oauth2PermissionGrants" && method === "POST") return { status: 201, body: withContext("oauth2PermissionGrants/$entity", this.createGrant(body)) };
    if ((match = /^\/oauth2PermissionGrants\/([^/]+)$/.exec(path)) && method === "PATCH") {
      const grant = this.grants.get(match[1] ?? "");
      if (grant === undefined) return notFound(match[1] ?? "");
      this.checkBody("OAuth2PermissionGrant", body);
      if (!this.admin) throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
      const keys = Object.keys(body as object);
      if (keys.some((key) => key !== "scope")) throw new GraphError(400, "Request_BadRequest", `Only scope can be updated on a grant, not ${keys.join(", ")}`);
      grant.scope = (body as OAuth2PermissionGrant).scope ?? null;
      return { status: 204 };
    }
    throw new GraphError(400, "BadRequest", `Resource not found for the segment '${path}' (${method}).`);
  }

  private checkBody(type: string, body: unknown): void {
    const problems = graphBodyProblems(type, body);
    if (problems.length > 0) throw new GraphError(400, "Request_BadRequest", `Invalid ${type}: ${problems.join("; ")}`);
  }

  private createApplication(uniqueName: string, body: Application): StoredApplication {
    if (!body.displayName) throw new GraphError(400, "Request_BadRequest", "Property 'displayName' is required.");
    const app: StoredApplication = { id: randomUUID(), appId: randomUUID(), uniqueName, identifierUris: [], passwordCredentials: [], requiredResourceAccess: [], signInAudience: "AzureADMyOrg", api: { requestedAccessTokenVersion: null, oauth2PermissionScopes: [], preAuthorizedApplications: [] }, web: { redirectUris: [], homePageUrl: null, logoutUrl: null, implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false }, redirectUriSettings: [] } };
    this.validateApplication(app, body);
    Object.assign(app, body);
    this.applications.set(app.id, app);
    this.lagLeft.set(app.appId, this.replicationLag);
    return app;
  }

  private updateApplication(app: StoredApplication, body: Application): void {
    this.validateApplication(app, body);
    // Complex values (api, web) and collections are replaced whole by a PATCH, as in Graph.
    Object.assign(app, body);
    if (body.web?.redirectUris !== undefined) app.web = { ...body.web, redirectUriSettings: body.web.redirectUris.map((uri, index) => ({ uri, index })) };
  }

  /** What Graph refuses in an application PATCH, for the properties conduit writes. */
  private validateApplication(app: StoredApplication, body: Application): void {
    if ("passwordCredentials" in body) throw new GraphError(400, "Request_BadRequest", "Updating passwordCredentials with PATCH is not supported: use addPassword.");
    if (body.signInAudience !== undefined && !["AzureADMyOrg", "AzureADMultipleOrgs", "AzureADandPersonalMicrosoftAccount", "PersonalMicrosoftAccount"].includes(body.signInAudience ?? "")) {
      throw new GraphError(400, "Request_BadRequest", `Invalid value specified for property 'signInAudience': ${body.signInAudience}`);
    }
    for (const uri of (body.identifierUris ?? []).filter((u) => !(app.identifierUris ?? []).includes(u))) {
      // The default tenant policy: api://<the app's own appId> (or a verified domain, which this tenant has none of).
      if (uri !== `api://${app.appId}`) throw new GraphError(400, "Request_BadRequest", `Values of identifierUris property must use a verified domain of the organization or its subdomain: ${uri}`);
      const other = [...this.applications.values()].find((a) => a.id !== app.id && (a.identifierUris ?? []).includes(uri));
      if (other) throw new GraphError(400, "Request_BadRequest", "Another object with the same value for property identifierUris already exists.");
    }
    if (body.api !== undefined && body.api !== null) {
      const before = app.api?.oauth2PermissionScopes ?? [];
      const after = body.api.oauth2PermissionScopes ?? [];
      for (const scope of after) checkScope(scope);
      const removed = before.filter((old) => old.isEnabled && !after.some((s) => s.id === old.id && s.value === old.value));
      if (removed.length > 0) throw new GraphError(400, "CannotDeleteOrUpdateEnabledEntitlement", "Permission (scope or role) cannot be deleted or updated unless disabled first.");
      for (const pre of body.api.preAuthorizedApplications ?? []) {
        if (!pre.appId || ![...this.applications.values()].some((a) => a.appId === pre.appId)) {
          throw new GraphError(400, "Request_BadRequest", `Invalid value specified for property 'appId' of resource 'PreAuthorizedApplication': ${pre.appId}`);
        }
        for (const id of pre.delegatedPermissionIds ?? []) {
          if (!after.some((s) => s.id === id)) throw new GraphError(400, "Request_BadRequest", `Property delegatedPermissionIds references a scope that does not exist: ${id}`);
        }
      }
      if (![null, 1, 2].includes(body.api.requestedAccessTokenVersion ?? null)) throw new GraphError(400, "Request_BadRequest", "requestedAccessTokenVersion must be null, 1 or 2.");
    }
    for (const uri of body.web?.redirectUris ?? []) {
      if (!/^https:\/\/|^http:\/\/localhost/.test(uri)) throw new GraphError(400, "Request_BadRequest", `Invalid redirect URI: ${uri}`);
    }
    for (const access of body.requiredResourceAccess ?? []) {
      const resource = [...this.applications.values()].find((a) => a.appId === access.resourceAppId);
      if (resource === undefined) throw new GraphError(400, "Request_BadRequest", `requiredResourceAccess names an application that does not exist: ${access.resourceAppId}`);
      for (const item of access.resourceAccess ?? []) {
        if (item.type !== "Scope" && item.type !== "Role") throw new GraphError(400, "Request_BadRequest", `resourceAccess.type must be Scope or Role, not ${item.type}`);
        if (item.type === "Scope" && !(resource.api?.oauth2PermissionScopes ?? []).some((s) => s.id === item.id)) {
          throw new GraphError(400, "Request_BadRequest", `resourceAccess names a scope the resource does not expose: ${item.id}`);
        }
      }
    }
  }

  private addPassword(app: StoredApplication, body: unknown): PasswordCredential {
    const keys = typeof body === "object" && body !== null ? Object.keys(body) : [];
    if (keys.length !== 1 || keys[0] !== "passwordCredential") throw new GraphError(400, "Request_BadRequest", `addPassword takes { passwordCredential }, got ${JSON.stringify(body)}`);
    const requested = (body as { passwordCredential: unknown }).passwordCredential;
    this.checkBody("PasswordCredential", requested);
    const wanted = requested as PasswordCredential;
    if (wanted.secretText !== undefined || wanted.keyId !== undefined) throw new GraphError(400, "Request_BadRequest", "secretText and keyId are generated by the service.");
    const start = new Date();
    const end = wanted.endDateTime ?? new Date(start.getTime() + 2 * 365 * 86_400_000).toISOString();
    if (Number.isNaN(Date.parse(end))) throw new GraphError(400, "Request_BadRequest", `Invalid endDateTime: ${end}`);
    const secretText = `${randomBytes(3).toString("hex").slice(0, 3)}8Q~${randomBytes(27).toString("base64url")}`;
    const credential: PasswordCredential = { customKeyIdentifier: null, displayName: wanted.displayName ?? null, endDateTime: end, hint: secretText.slice(0, 3), keyId: randomUUID(), secretText: null, startDateTime: start.toISOString() };
    app.passwordCredentials = [...(app.passwordCredentials ?? []), credential];
    return { ...credential, secretText };
  }

  private createServicePrincipal(body: unknown): ServicePrincipal & { id: string; appId: string } {
    this.checkBody("ServicePrincipal", body);
    const appId = (body as ServicePrincipal).appId;
    if (!appId) throw new GraphError(400, "Request_BadRequest", "Property 'appId' is required.");
    const lag = this.lagLeft.get(appId) ?? 0;
    const app = [...this.applications.values()].find((a) => a.appId === appId);
    if (app === undefined || lag > 0) {
      this.lagLeft.set(appId, lag - 1);
      // Not a problem of the body: Graph answers this until the new application has replicated.
      throw new GraphError(400, "Request_BadRequest", `The appId '${appId}' of the service principal does not reference a valid application object.`, false);
    }
    if ([...this.servicePrincipals.values()].some((sp) => sp.appId === appId)) {
      throw new GraphError(409, "Request_MultipleObjectsWithSameKeyValue", "Another object with the same value for property servicePrincipalNames already exists.");
    }
    const sp = { id: randomUUID(), appId, displayName: app.displayName ?? null, servicePrincipalType: "Application", appOwnerOrganizationId: TENANT_ID };
    this.servicePrincipals.set(sp.id, sp);
    return sp;
  }

  private createGrant(body: unknown): OAuth2PermissionGrant & { id: string } {
    this.checkBody("OAuth2PermissionGrant", body);
    const grant = body as OAuth2PermissionGrant;
    for (const key of ["clientId", "consentType", "resourceId", "scope"] as const) {
      if (!grant[key]) throw new GraphError(400, "Request_BadRequest", `Property '${key}' is required.`);
    }
    if (grant.consentType !== "AllPrincipals" && grant.consentType !== "Principal") throw new GraphError(400, "Request_BadRequest", `consentType must be AllPrincipals or Principal, not ${grant.consentType}`);
    if (grant.consentType === "AllPrincipals" && grant.principalId) throw new GraphError(400, "Request_BadRequest", "principalId must be null when consentType is AllPrincipals.");
    if (grant.consentType === "AllPrincipals" && !this.admin) throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    for (const key of ["clientId", "resourceId"] as const) {
      if (!this.servicePrincipals.has(grant[key] ?? "")) throw new GraphError(400, "Request_BadRequest", `Invalid value specified for property '${key}' of resource 'OAuth2PermissionGrant'.`);
    }
    if ([...this.grants.values()].some((g) => g.clientId === grant.clientId && g.resourceId === grant.resourceId && g.consentType === grant.consentType && (g.principalId ?? null) === (grant.principalId ?? null))) {
      throw new GraphError(409, "Request_MultipleObjectsWithSameKeyValue", "Permission entry already exists.");
    }
    const stored = { ...grant, id: randomBytes(24).toString("base64url"), principalId: grant.principalId ?? null };
    this.grants.set(stored.id, stored);
    return stored;
  }
}

function checkScope(scope: PermissionScope): void {
  if (!scope.id || !/^[0-9a-f-]{36}$/i.test(scope.id)) throw new GraphError(400, "Request_BadRequest", `A permission scope needs a GUID id, got ${scope.id}`);
  if (!scope.value || /\s/.test(scope.value)) throw new GraphError(400, "Request_BadRequest", `A permission scope value cannot be empty or contain spaces: ${scope.value}`);
  if (scope.type !== "User" && scope.type !== "Admin") throw new GraphError(400, "Request_BadRequest", `A permission scope type is User or Admin, not ${scope.type}`);
  if (!scope.adminConsentDisplayName || !scope.adminConsentDescription) throw new GraphError(400, "Request_BadRequest", "adminConsentDisplayName and adminConsentDescription are required.");
}

function notFound(key: string): { status: number; body: unknown } {
  return { status: 404, body: error("Request_ResourceNotFound", `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`) };
}

function error(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: new Date().toISOString(), "request-id": randomUUID(), "client-request-id": randomUUID() } } };
}

function withContext(context: string, value: object): unknown {
  return { "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#${context}`, ...value };
}

function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json", "request-id": randomUUID(), ...headers }).end(JSON.stringify(body));
}

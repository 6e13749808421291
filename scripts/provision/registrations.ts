/**
 * What the two app registrations must look like, and the smallest change that gets an existing one there: pure
 * functions from (what Graph has, what conduit needs) to an Application body and a list of readable changes.
 * Properties conduit does not manage, and entries a person added next to conduit's (more redirect URIs, more
 * scopes, more permissions), are kept.
 */
import type { ApiApplication, Application, PermissionScope, RequiredResourceAccess, WebApplication } from "@microsoft/microsoft-graph-types";
import { GLOBAL_REDIRECT_URL } from "../bundle/properties.js";

/** The delegated permission the function app registration exposes, as the portal's "Expose an API" names it. */
export const SCOPE_VALUE = "user_impersonation";
/** Single tenant: only the directory the app is registered in signs in (the seed's "single tenant"). */
export const SIGN_IN_AUDIENCE = "AzureADMyOrg";
/**
 * v2 access tokens for the function app: `iss` https://login.microsoftonline.com/<tenant>/v2.0 and `aud` always the
 * client id, the shape the local issuer mints, so a token that passes locally has the shape Azure sends. The function
 * app accepts v1 too (CONDUIT_AUTH_AUDIENCES lists both the client id and api://<client id>), see docs/provision.md.
 */
export const ACCESS_TOKEN_VERSION = 2;

export interface RegistrationNames {
  /** Graph's alternate key for each registration: how a later run finds it, whatever its display name. */
  readonly apiUniqueName: string;
  readonly connectorUniqueName: string;
  readonly apiDisplayName: string;
  readonly connectorDisplayName: string;
  /** Written into each registration's notes, for whoever finds it in the portal. */
  readonly notes: string;
  readonly title: string;
}

/** What an update changes: the Application body to PATCH and one line per change, for --plan and the log. */
export interface Change {
  readonly body: Application;
  readonly lines: readonly string[];
}

export const NO_CHANGE: Change = { body: {}, lines: [] };

export function isEmpty(change: Change): boolean {
  return change.lines.length === 0;
}

export function permissionScope(id: string, title: string): PermissionScope {
  return {
    id,
    value: SCOPE_VALUE,
    type: "User",
    isEnabled: true,
    adminConsentDisplayName: `Access ${title}`,
    adminConsentDescription: `Allows the app to call ${title} on behalf of the signed-in user.`,
    userConsentDisplayName: `Access ${title}`,
    userConsentDescription: `Allows the app to call ${title} on your behalf.`,
  };
}

/** The function app registration as first created: its scope; the identifier URI needs the appId, so it follows. */
export function newApiApplication(names: RegistrationNames, scopeId: string): Application {
  return {
    displayName: names.apiDisplayName,
    signInAudience: SIGN_IN_AUDIENCE,
    notes: names.notes,
    api: { requestedAccessTokenVersion: ACCESS_TOKEN_VERSION, oauth2PermissionScopes: [permissionScope(scopeId, names.title)] },
  };
}

export function identifierUriOf(appId: string): string {
  return `api://${appId}`;
}

/** The enabled `user_impersonation` scope of a registration, if it has one. */
export function scopeOf(app: Application): PermissionScope | undefined {
  return (app.api?.oauth2PermissionScopes ?? []).find((scope) => scope.value === SCOPE_VALUE);
}

/**
 * The function app registration: single tenant, identifier URI api://<appId>, v2 tokens, an enabled
 * user_impersonation scope, and (once the connector registration exists) the connector pre-authorized for it.
 */
export function apiChange(app: Application, names: RegistrationNames, newScopeId: string, connectorAppId: string | undefined): Change {
  const body: Application = {};
  const lines: string[] = [];
  if (app.signInAudience !== SIGN_IN_AUDIENCE) {
    body.signInAudience = SIGN_IN_AUDIENCE;
    lines.push(`signInAudience: ${app.signInAudience ?? "(none)"} → ${SIGN_IN_AUDIENCE}`);
  }
  const uri = identifierUriOf(app.appId ?? "<appId>");
  const uris = app.identifierUris ?? [];
  if (!uris.includes(uri)) {
    body.identifierUris = [...uris, uri];
    lines.push(`identifierUris: + ${uri}`);
  }

  const api: ApiApplication = { ...(app.api ?? {}) };
  let apiChanged = false;
  if (api.requestedAccessTokenVersion !== ACCESS_TOKEN_VERSION) {
    lines.push(`api.requestedAccessTokenVersion: ${api.requestedAccessTokenVersion ?? "null (v1)"} → ${ACCESS_TOKEN_VERSION}`);
    api.requestedAccessTokenVersion = ACCESS_TOKEN_VERSION;
    apiChanged = true;
  }
  const scopes = [...(api.oauth2PermissionScopes ?? [])];
  let scope = scopes.find((s) => s.value === SCOPE_VALUE);
  if (scope === undefined) {
    scope = permissionScope(newScopeId, names.title);
    scopes.push(scope);
    lines.push(`api.oauth2PermissionScopes: + ${SCOPE_VALUE}`);
    apiChanged = true;
  } else if (scope.isEnabled !== true) {
    const index = scopes.indexOf(scope);
    scope = { ...scope, isEnabled: true };
    scopes[index] = scope;
    lines.push(`api.oauth2PermissionScopes: enable ${SCOPE_VALUE}`);
    apiChanged = true;
  }
  api.oauth2PermissionScopes = scopes;
  if (connectorAppId !== undefined && scope.id) {
    const scopeId = scope.id;
    const preAuthorized = [...(api.preAuthorizedApplications ?? [])];
    const entry = preAuthorized.find((p) => p.appId === connectorAppId);
    if (entry === undefined) {
      preAuthorized.push({ appId: connectorAppId, delegatedPermissionIds: [scopeId] });
      lines.push(`api.preAuthorizedApplications: + the connector (${connectorAppId}) for ${SCOPE_VALUE}`);
      apiChanged = true;
    } else if (!(entry.delegatedPermissionIds ?? []).includes(scopeId)) {
      preAuthorized[preAuthorized.indexOf(entry)] = { ...entry, delegatedPermissionIds: [...(entry.delegatedPermissionIds ?? []), scopeId] };
      lines.push(`api.preAuthorizedApplications: the connector (${connectorAppId}) + ${SCOPE_VALUE}`);
      apiChanged = true;
    }
    api.preAuthorizedApplications = preAuthorized;
  }
  // `api` is a complex value: a PATCH replaces it whole, so the body carries all of it, with what was there kept.
  if (apiChanged) body.api = api;
  return { body, lines };
}

/** The connector registration as first created. */
export function newConnectorApplication(names: RegistrationNames, resource: { appId: string; scopeId: string }, redirectUris: readonly string[]): Application {
  return {
    displayName: names.connectorDisplayName,
    signInAudience: SIGN_IN_AUDIENCE,
    notes: names.notes,
    web: { redirectUris: [...redirectUris] },
    requiredResourceAccess: [{ resourceAppId: resource.appId, resourceAccess: [{ id: resource.scopeId, type: "Scope" }] }],
  };
}

export function redirectUrisFor(extra: readonly string[]): string[] {
  return [...new Set([GLOBAL_REDIRECT_URL, ...extra])];
}

/** The connector registration: single tenant, Power Platform's redirect URI(s), the delegated permission to the function app's scope. */
export function connectorChange(app: Application, resource: { appId: string; scopeId: string }, redirectUris: readonly string[]): Change {
  const body: Application = {};
  const lines: string[] = [];
  if (app.signInAudience !== SIGN_IN_AUDIENCE) {
    body.signInAudience = SIGN_IN_AUDIENCE;
    lines.push(`signInAudience: ${app.signInAudience ?? "(none)"} → ${SIGN_IN_AUDIENCE}`);
  }
  const existing = app.web?.redirectUris ?? [];
  const missing = redirectUris.filter((uri) => !existing.includes(uri));
  if (missing.length > 0) {
    // `web` is a complex value too: keep its other settings (home page, logout URL, implicit grant) as they are.
    const web: WebApplication = { ...withoutReadOnlyWeb(app.web ?? {}), redirectUris: [...existing, ...missing] };
    body.web = web;
    for (const uri of missing) lines.push(`web.redirectUris: + ${uri}`);
  }
  const access: RequiredResourceAccess[] = (app.requiredResourceAccess ?? []).map((r) => ({ ...r, resourceAccess: [...(r.resourceAccess ?? [])] }));
  let entry = access.find((r) => r.resourceAppId === resource.appId);
  if (entry === undefined) {
    entry = { resourceAppId: resource.appId, resourceAccess: [] };
    access.push(entry);
  }
  if (!(entry.resourceAccess ?? []).some((a) => a.id === resource.scopeId && a.type === "Scope")) {
    entry.resourceAccess = [...(entry.resourceAccess ?? []), { id: resource.scopeId, type: "Scope" }];
    body.requiredResourceAccess = access;
    lines.push(`requiredResourceAccess: + the function app registration's ${SCOPE_VALUE} (delegated)`);
  }
  return { body, lines };
}

/** redirectUriSettings mirrors redirectUris (with their index): sent back stale next to new redirectUris, the two would disagree. */
function withoutReadOnlyWeb(web: WebApplication): WebApplication {
  const copy: WebApplication = { ...web };
  delete copy.redirectUriSettings;
  return copy;
}

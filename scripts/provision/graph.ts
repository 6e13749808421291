import type { Application, OAuth2PermissionGrant, PasswordCredential, ServicePrincipal } from "@microsoft/microsoft-graph-types";
import { ServiceClient, ServiceError, type RetryPolicy } from "../azure/http.js";
import type { Session } from "../azure/sign-in.js";

export const GRAPH_URL = "https://graph.microsoft.com/v1.0";
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/**
 * Waits between tries of a write that names an object Graph has only just created: Entra ID replicates new
 * objects for a few seconds, and until then refuses references to them ("does not reference a valid application
 * object", "does not exist").
 */
export const DEFAULT_REPLICATION_DELAYS_MS: readonly number[] = [2_000, 4_000, 8_000, 16_000];

/** The Microsoft Graph v1.0 calls provision makes, typed by Microsoft's published Graph types. */
export class GraphClient {
  private readonly http: ServiceClient;

  constructor(
    session: Session,
    baseUrl: string = GRAPH_URL,
    retry?: RetryPolicy,
    private readonly replicationDelaysMs: readonly number[] = DEFAULT_REPLICATION_DELAYS_MS,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.http = new ServiceClient("Microsoft Graph", baseUrl, GRAPH_SCOPE, session, retry);
  }

  /** By the alternate key conduit gives its registrations; undefined when there is none. */
  async applicationByUniqueName(uniqueName: string): Promise<Application | undefined> {
    const response = await this.http.request("GET", `/applications(uniqueName='${key(uniqueName)}')`, { accept: [404] });
    return response.status === 404 ? undefined : (response.body as Application);
  }

  async applicationByAppId(appId: string): Promise<Application | undefined> {
    const response = await this.http.request("GET", `/applications(appId='${key(appId)}')`, { accept: [404] });
    return response.status === 404 ? undefined : (response.body as Application);
  }

  /** Creates the application under `uniqueName` (upsert with Prefer: create-if-missing); an existing one is updated and read back. */
  async createApplication(uniqueName: string, body: Application): Promise<Application> {
    const path = `/applications(uniqueName='${key(uniqueName)}')`;
    const response = await this.http.request("PATCH", path, { body, headers: { prefer: "create-if-missing" } });
    if (response.status === 201) return response.body as Application;
    // 204: another run created it in the meantime; the upsert updated it.
    const created = await this.applicationByUniqueName(uniqueName);
    if (created === undefined) throw new ServiceError("Microsoft Graph", "GET", path, 404, "NotFound", "the application was just upserted but cannot be read back", undefined);
    return created;
  }

  async updateApplication(id: string, body: Application): Promise<void> {
    await this.replicated(() => this.http.request("PATCH", `/applications/${key(id)}`, { body }));
  }

  /** A new client secret; the only moment its value (secretText) can be read. */
  async addPassword(id: string, passwordCredential: PasswordCredential): Promise<PasswordCredential> {
    const response = await this.http.request("POST", `/applications/${key(id)}/addPassword`, { body: { passwordCredential } });
    return response.body as PasswordCredential;
  }

  async servicePrincipalByAppId(appId: string): Promise<ServicePrincipal | undefined> {
    const response = await this.http.request("GET", `/servicePrincipals(appId='${key(appId)}')`, { accept: [404] });
    return response.status === 404 ? undefined : (response.body as ServicePrincipal);
  }

  async createServicePrincipal(appId: string): Promise<ServicePrincipal> {
    const body: ServicePrincipal = { appId };
    const response = await this.replicated(() => this.http.request("POST", "/servicePrincipals", { body }));
    return response.body as ServicePrincipal;
  }

  /** The delegated grants whose client is this service principal. */
  async grantsOfClient(clientServicePrincipalId: string): Promise<OAuth2PermissionGrant[]> {
    const response = await this.http.request("GET", "/oauth2PermissionGrants", { query: { $filter: `clientId eq '${clientServicePrincipalId.replace(/'/g, "''")}'` } });
    return ((response.body as { value?: OAuth2PermissionGrant[] } | undefined)?.value ?? []).slice();
  }

  async createGrant(body: OAuth2PermissionGrant): Promise<OAuth2PermissionGrant> {
    const response = await this.replicated(() => this.http.request("POST", "/oauth2PermissionGrants", { body }));
    return response.body as OAuth2PermissionGrant;
  }

  async updateGrant(id: string, body: OAuth2PermissionGrant): Promise<void> {
    await this.http.request("PATCH", `/oauth2PermissionGrants/${key(id)}`, { body });
  }

  private async replicated<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof ServiceError) || !isReplicationLag(error) || attempt >= this.replicationDelaysMs.length) throw error;
        await this.sleep(this.replicationDelaysMs[attempt] ?? 0);
      }
    }
  }
}

/** Graph's answers while a just-created object has not reached every replica yet. */
export function isReplicationLag(error: ServiceError): boolean {
  if (error.status !== 400 && error.status !== 404) return false;
  return /does not reference a valid application object|does not exist|not found|invalid value specified for property '(appId|resourceId|clientId)'/i.test(error.detail);
}

/** An OData key literal: quotes doubled, then URL-encoded. */
function key(value: string): string {
  return encodeURIComponent(value.replace(/'/g, "''"));
}

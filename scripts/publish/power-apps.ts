/**
 * The Power Platform calls paconn makes for `paconn create` and `paconn update` (microsoft/PowerPlatformConnectors,
 * tools/paconn-cli: apimanager/powerappsrp.py, flowrp.py, operations/upsert.py), with the same URLs, api-version
 * and bodies, and the token paconn asks for (resource https://service.powerapps.com/).
 */
import { UserError } from "../diagnostics.js";
import { ServiceClient, type RetryPolicy } from "../azure/http.js";
import type { Session } from "../azure/sign-in.js";

export const POWER_APPS_URL = "https://api.powerapps.com/providers/Microsoft.PowerApps";
export const FLOW_URL = "https://api.flow.microsoft.com/providers/Microsoft.ProcessSimple";
export const POWER_PLATFORM_SCOPE = "https://service.powerapps.com/.default";
export const API_VERSION = "2016-11-01";

export interface Endpoints {
  readonly powerApps: string;
  readonly flow: string;
}

export const DEFAULT_ENDPOINTS: Endpoints = { powerApps: POWER_APPS_URL, flow: FLOW_URL };

/** One connector as the service returns it (only what publish reads). */
export interface ApiRegistration {
  readonly name: string;
  readonly id?: string;
  readonly properties?: {
    readonly displayName?: string;
    readonly isCustomApi?: boolean;
    readonly backendService?: { readonly serviceUrl?: string };
    readonly connectionParameters?: Record<string, { readonly oAuthSettings?: { readonly redirectUrl?: string } }>;
  };
}

export interface Environment {
  readonly name: string;
  readonly properties?: { readonly displayName?: string; readonly isDefault?: boolean };
}

export class PowerAppsClient {
  private readonly powerApps: ServiceClient;
  private readonly flow: ServiceClient;

  constructor(session: Session, endpoints: Endpoints = DEFAULT_ENDPOINTS, retry?: RetryPolicy) {
    this.powerApps = new ServiceClient("Power Platform", endpoints.powerApps, POWER_PLATFORM_SCOPE, session, retry);
    this.flow = new ServiceClient("Power Platform", endpoints.flow, POWER_PLATFORM_SCOPE, session, retry);
  }

  /**
   * The service's validation of the definition (without certification rules, as paconn create/update): its
   * message, if it has one. A 400 SwaggerCertificationFailedWithErrors is a message too, as in paconn.
   */
  async validate(objectId: string, definition: unknown): Promise<string | undefined> {
    const response = await this.powerApps.request("POST", `/objectIds/${encodeURIComponent(objectId)}/validateApiSwagger`, {
      query: { "api-version": API_VERSION },
      body: definition,
      accept: [400],
    });
    const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (response.status === 400 && error?.code !== "SwaggerCertificationFailedWithErrors") {
      throw new UserError(`Power Platform refused the definition (validateApiSwagger): ${error?.code ?? 400} ${error?.message ?? response.text}`, { exitCode: 1 });
    }
    const message = error?.message ?? (response.body === undefined ? response.text : undefined);
    return message === undefined || message.trim() === "" ? undefined : message;
  }

  /** A container URL with a shared access signature, where the icon is uploaded before the connector names it. */
  async resourceStorage(objectId: string, environment: string): Promise<string> {
    const response = await this.powerApps.request("POST", `/objectIds/${encodeURIComponent(objectId)}/generateResourceStorage`, {
      query: { "api-version": API_VERSION },
      body: { environment: { name: environment } },
    });
    const sas = (response.body as { sharedAccessSignature?: unknown } | undefined)?.sharedAccessSignature;
    if (typeof sas !== "string" || sas === "") throw new UserError("Power Platform answered generateResourceStorage without a sharedAccessSignature: the icon cannot be uploaded; try again later", { exitCode: 1 });
    return sas;
  }

  async connector(environment: string, connectorId: string): Promise<ApiRegistration | undefined> {
    const response = await this.powerApps.request("GET", `/apis/${encodeURIComponent(connectorId)}`, { query: this.inEnvironment(environment), accept: [404] });
    return response.status === 404 ? undefined : (response.body as ApiRegistration);
  }

  async connectors(environment: string): Promise<ApiRegistration[]> {
    const response = await this.powerApps.request("GET", "/apis", { query: this.inEnvironment(environment) });
    return ((response.body as { value?: ApiRegistration[] } | undefined)?.value ?? []).slice();
  }

  async create(environment: string, payload: unknown): Promise<ApiRegistration> {
    const response = await this.powerApps.request("POST", "/apis", { query: this.inEnvironment(environment), body: payload });
    return response.body as ApiRegistration;
  }

  async update(environment: string, connectorId: string, payload: unknown): Promise<ApiRegistration | undefined> {
    const response = await this.powerApps.request("PATCH", `/apis/${encodeURIComponent(connectorId)}`, { query: this.inEnvironment(environment), body: payload });
    return response.body as ApiRegistration | undefined;
  }

  async environments(): Promise<Environment[]> {
    const response = await this.flow.request("GET", "/environments", { query: { "api-version": API_VERSION } });
    return ((response.body as { value?: Environment[] } | undefined)?.value ?? []).slice();
  }

  private inEnvironment(environment: string): Record<string, string> {
    return { "api-version": API_VERSION, $filter: `environment eq '${environment}'` };
  }
}

/**
 * Uploads a file next to a SAS container URL (Blob service Put Blob, as paconn's BlockBlobService does) and returns
 * the URL that names it, SAS included, for `iconUri`.
 */
export async function uploadToContainer(sasUrl: string, fileName: string, content: Uint8Array, contentType: string): Promise<string> {
  const container = new URL(sasUrl);
  const blob = new URL(container.toString());
  blob.pathname = `${container.pathname.replace(/\/+$/, "")}/${encodeURIComponent(fileName)}`;
  let response: Response;
  try {
    response = await fetch(blob, {
      method: "PUT",
      headers: { "x-ms-blob-type": "BlockBlob", "x-ms-version": "2021-08-06", "content-type": contentType },
      body: content,
    });
  } catch (error) {
    throw new UserError(`cannot upload ${fileName} to ${container.origin}: ${(error as Error).message}`, { exitCode: 1 });
  }
  if (!response.ok) throw new UserError(`uploading ${fileName} to ${container.origin}${container.pathname}: ${response.status} ${(await response.text()).slice(0, 300)}`, { exitCode: 1 });
  return blob.toString();
}

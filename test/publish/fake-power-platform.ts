/**
 * The Power Platform endpoints paconn uses (PowerApps RP `apis`, validateApiSwagger, generateResourceStorage; the
 * Flow RP's environments; a blob container behind a SAS URL) on 127.0.0.1, with state: connectors per
 * environment, uploaded blobs, the secrets each connector received. Every create and update body is checked as
 * the service would take it: the embedded definition against Microsoft's apiDefinition schema, the rest against
 * the apiProperties schema (../shared/schemas), and the keys paconn's upsert adds for their shape. Breaches are
 * answered 400 and recorded in `problems`, which the tests require to be empty.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { schemaErrors } from "../bundle/power-platform.js";
import { TENANT_ID, tokenClaims, USER_OBJECT_ID } from "../provision/credential.js";

type Json = Record<string, unknown>;

export interface StoredConnector {
  readonly name: string;
  readonly environment: string;
  properties: Json;
  /** The client secret the service received (it never answers it back). */
  secret: string | undefined;
}

export interface PlatformRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

const RP_KEYS = ["openApiDefinition", "backendService", "environment", "displayName", "description", "iconUri", "scriptDefinitionUrl"];

export class FakePowerPlatform {
  readonly connectors = new Map<string, StoredConnector>();
  readonly blobs = new Map<string, { bytes: Buffer; contentType: string | undefined }>();
  readonly requests: PlatformRequest[] = [];
  readonly problems: string[] = [];
  readonly environments = [
    { name: "Default-" + TENANT_ID, properties: { displayName: "Contoso", isDefault: true } },
    { name: "9a8b7c6d-1111-4e2f-8a3b-4c5d6e7f8091", properties: { displayName: "Field service dev", isDefault: false } },
  ];
  /** What validateApiSwagger answers (the service's warnings), if anything. */
  validationMessage: string | undefined;
  /** The redirect URL the service reports for a connector's OAuth connection. */
  redirectUrl = "https://global.consent.azure-apim.net/redirect";
  private readonly signature = randomBytes(8).toString("hex");
  private server: http.Server | undefined;
  url = "";

  get endpoints(): { powerApps: string; flow: string } {
    return { powerApps: `${this.url}/providers/Microsoft.PowerApps`, flow: `${this.url}/providers/Microsoft.ProcessSimple` };
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  writes(): PlatformRequest[] {
    return this.requests.filter((r) => r.method !== "GET" && !r.path.endsWith("/validateApiSwagger") && !r.path.endsWith("/generateResourceStorage") && !r.path.startsWith("/blob/"));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/blob/")) return this.blob(method, url, req.headers, raw, res);
    let body: unknown;
    try {
      body = raw.length === 0 ? undefined : JSON.parse(raw.toString("utf8"));
    } catch {
      return send(res, 400, error("InvalidRequestContent", "The request content was invalid and could not be deserialized."));
    }
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
    const claims = tokenClaims(req.headers.authorization);
    if (claims?.["aud"] !== "https://service.powerapps.com") return send(res, 401, error("InvalidAuthenticationAudience", "The access token has an invalid audience."));
    if (url.searchParams.get("api-version") !== "2016-11-01") return send(res, 400, error("InvalidApiVersion", `api-version ${url.searchParams.get("api-version")} is not supported`));
    const answer = this.route(method, url, body, claims);
    send(res, answer.status, answer.body);
  }

  private route(method: string, url: URL, body: unknown, claims: Json): { status: number; body?: unknown } {
    const path = url.pathname;
    let match: RegExpExecArray | null;
    if (method === "GET" && path === "/providers/Microsoft.ProcessSimple/environments") return { status: 200, body: { value: this.environments } };
    if ((match = /^\/providers\/Microsoft\.PowerApps\/objectIds\/([^/]+)\/(validateApiSwagger|generateResourceStorage)$/.exec(path)) && method === "POST") {
      if (match[1] !== claims["oid"] || match[1] !== USER_OBJECT_ID) return this.refuse(403, "Forbidden", `objectIds/${match[1]} is not the signed-in user`);
      if (match[2] === "validateApiSwagger") {
        const errors = schemaErrors("definition", body);
        if (errors.length > 0) return this.refuse(400, "SwaggerValidationFailed", errors.join("; "));
        return { status: 200, body: this.validationMessage === undefined ? undefined : { error: { code: "SwaggerValidationWarnings", message: this.validationMessage } } };
      }
      const environment = ((body as Json | undefined)?.["environment"] as Json | undefined)?.["name"];
      if (!this.environments.some((e) => e.name === environment)) return this.refuse(400, "EnvironmentNotFound", `environment ${String(environment)}`);
      const container = `container-${randomBytes(4).toString("hex")}`;
      return { status: 200, body: { sharedAccessSignature: `${this.url}/blob/${container}?sv=2018-03-28&sr=c&sp=rcw&sig=${this.signature}` } };
    }
    const filter = /^environment eq '([^']+)'$/.exec(url.searchParams.get("$filter") ?? "")?.[1];
    if (path.startsWith("/providers/Microsoft.PowerApps/apis") && (filter === undefined || !this.environments.some((e) => e.name === filter))) {
      return this.refuse(400, "EnvironmentNotFound", `the $filter names no environment of this tenant: ${url.searchParams.get("$filter")}`);
    }
    if (path === "/providers/Microsoft.PowerApps/apis" && method === "GET") {
      return { status: 200, body: { value: [...this.connectors.values()].filter((c) => c.environment === filter).map((c) => this.view(c)) } };
    }
    if (path === "/providers/Microsoft.PowerApps/apis" && method === "POST") {
      const problems = this.checkPayload(body, filter as string, true);
      if (problems.length > 0) return this.refuse(400, "InvalidConnectorDefinition", problems.join("; "));
      const properties = (body as Json)["properties"] as Json;
      const name = `shared_${String(properties["displayName"]).toLowerCase().replace(/[^a-z0-9]+/g, "-")}-5f${randomBytes(8).toString("hex")}`;
      const stored: StoredConnector = { name, environment: filter as string, properties, secret: secretOf(properties) };
      this.connectors.set(name, stored);
      return { status: 201, body: this.view(stored) };
    }
    if ((match = /^\/providers\/Microsoft\.PowerApps\/apis\/([^/]+)$/.exec(path))) {
      const stored = this.connectors.get(decodeURIComponent(match[1] ?? ""));
      if (stored === undefined || stored.environment !== filter) return { status: 404, body: error("ApiNotFound", `The API '${match[1]}' could not be found.`) };
      if (method === "GET") return { status: 200, body: this.view(stored) };
      if (method === "PATCH") {
        const problems = this.checkPayload(body, filter, false);
        if (problems.length > 0) return this.refuse(400, "InvalidConnectorDefinition", problems.join("; "));
        const properties = (body as Json)["properties"] as Json;
        stored.properties = { ...properties, displayName: properties["displayName"] ?? stored.properties["displayName"] };
        stored.secret = secretOf(properties) ?? stored.secret;
        return { status: 200, body: this.view(stored) };
      }
    }
    return this.refuse(404, "NotFound", `${method} ${path}`);
  }

  /** The connector as the service answers it: no client secret, the sign-in's redirect URL filled in. */
  private view(connector: StoredConnector): Json {
    const properties = structuredClone(connector.properties);
    const settings = ((properties["connectionParameters"] as Json | undefined)?.["token"] as Json | undefined)?.["oAuthSettings"] as Json | undefined;
    if (settings) {
      delete settings["clientSecret"];
      settings["redirectUrl"] = this.redirectUrl;
    }
    delete properties["openApiDefinition"];
    return { name: connector.name, id: `/providers/Microsoft.PowerApps/apis/${connector.name}`, type: "Microsoft.PowerApps/apis", properties: { ...properties, isCustomApi: true } };
  }

  private checkPayload(body: unknown, environment: string, create: boolean): string[] {
    const problems: string[] = [];
    const properties = (body as Json | undefined)?.["properties"] as Json | undefined;
    if (typeof properties !== "object" || properties === null) return ["the body has no properties object"];
    const topKeys = Object.keys(body as Json).filter((key) => key !== "properties");
    if (topKeys.length > 0) problems.push(`unexpected top-level keys ${topKeys.join(", ")}`);
    // The part that is apiProperties.json, by Microsoft's schema; the part paconn adds, by its shape.
    const apiProperties = { properties: Object.fromEntries(Object.entries(properties).filter(([key]) => !RP_KEYS.includes(key))) };
    problems.push(...schemaErrors("properties", apiProperties).map((e) => `apiProperties ${e}`));
    const definition = properties["openApiDefinition"] as Json | undefined;
    problems.push(...schemaErrors("definition", definition).map((e) => `openApiDefinition ${e}`));
    const schemes = (definition?.["schemes"] as string[] | undefined) ?? [];
    const expectedUrl = `${schemes[0] ?? ""}://${String(definition?.["host"])}${String(definition?.["basePath"] ?? "")}`;
    if ((properties["backendService"] as Json | undefined)?.["serviceUrl"] !== expectedUrl) problems.push(`backendService.serviceUrl is not ${expectedUrl}`);
    if ((properties["environment"] as Json | undefined)?.["name"] !== environment) problems.push(`environment.name is not ${environment}`);
    if (create && typeof properties["displayName"] !== "string") problems.push("displayName is required on create");
    if (typeof properties["description"] !== "string") problems.push("description must be a string");
    if (properties["iconUri"] !== undefined) {
      const icon = new URL(String(properties["iconUri"]));
      if (!this.blobs.has(icon.pathname) || icon.searchParams.get("sig") !== this.signature) problems.push(`iconUri names no uploaded blob: ${icon.pathname}`);
    }
    if (!create && "stackOwner" in properties) problems.push("stackOwner cannot be changed by an update (paconn: use a properties file without it)");
    const settings = ((properties["connectionParameters"] as Json | undefined)?.["token"] as Json | undefined)?.["oAuthSettings"] as Json | undefined;
    if (create && settings !== undefined && typeof settings["clientSecret"] !== "string") problems.push("an OAuth 2 connection needs oAuthSettings.clientSecret on create");
    for (const problem of problems) this.problems.push(`${create ? "POST" : "PATCH"} apis: ${problem}`);
    return problems;
  }

  /** Put Blob with a SAS: the signature must be the one handed out, the blob type BlockBlob. */
  private blob(method: string, url: URL, headers: http.IncomingHttpHeaders, bytes: Buffer, res: http.ServerResponse): void {
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body: undefined });
    if (method !== "PUT") return void res.writeHead(405).end();
    if (url.searchParams.get("sig") !== this.signature) return void res.writeHead(403).end("AuthenticationFailed");
    if (headers["x-ms-blob-type"] !== "BlockBlob") {
      this.problems.push(`PUT ${url.pathname}: x-ms-blob-type is ${String(headers["x-ms-blob-type"])}`);
      return void res.writeHead(400).end("MissingRequiredHeader x-ms-blob-type");
    }
    this.blobs.set(url.pathname, { bytes, contentType: headers["content-type"] });
    res.writeHead(201, { etag: `"0x${randomBytes(6).toString("hex")}"` }).end();
  }

  private refuse(status: number, code: string, message: string): { status: number; body: unknown } {
    if (status === 400) this.problems.push(`${code}: ${message}`);
    return { status, body: error(code, message) };
  }
}

function secretOf(properties: Json): string | undefined {
  const settings = ((properties["connectionParameters"] as Json | undefined)?.["token"] as Json | undefined)?.["oAuthSettings"] as Json | undefined;
  return typeof settings?.["clientSecret"] === "string" ? (settings["clientSecret"] as string) : undefined;
}

function error(code: string, message: string): unknown {
  return { error: { code, message } };
}

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) return void res.writeHead(status).end();
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ms-request-id": randomBytes(8).toString("hex") }).end(JSON.stringify(body));
}

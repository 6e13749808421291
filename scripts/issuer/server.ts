/**
 * A token issuer on 127.0.0.1 that publishes what Entra ID publishes, at the same paths: the v2.0 discovery
 * document `/<tenant>/v2.0/.well-known/openid-configuration` and the JWKS it names. The function app validates
 * local tokens with the very code that validates Entra's in Azure; only CONDUIT_AUTH_METADATA_URL differs.
 * It mints nothing over HTTP: `conduit token` signs with the key file directly.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { JSONWebKeySet } from "jose";
import { UserError } from "../diagnostics.js";
import { ISSUER_ALGORITHM } from "./state.js";

export interface IssuerServerOptions {
  readonly tenantId: string;
  /** The keys to publish, read on every JWKS request (tests roll keys while the server runs). */
  readonly keys: () => JSONWebKeySet;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
}

export interface RunningIssuer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The `iss` of v2.0 tokens: `<origin>/<tenant>/v2.0`, as login.microsoftonline.com's. */
  readonly issuer: string;
  readonly metadataUrl: string;
  readonly jwksUri: string;
  readonly port: number;
  /** Requests served, by document: how often the app fetched the keys. */
  readonly requests: { metadata: number; jwks: number };
  stop(): Promise<void>;
}

export function issuerUrls(origin: string, tenantId: string): { issuer: string; metadataUrl: string; jwksUri: string } {
  return {
    issuer: `${origin}/${tenantId}/v2.0`,
    metadataUrl: `${origin}/${tenantId}/v2.0/.well-known/openid-configuration`,
    jwksUri: `${origin}/${tenantId}/discovery/v2.0/keys`,
  };
}

export async function startIssuer(options: IssuerServerOptions): Promise<RunningIssuer> {
  const host = options.host ?? "127.0.0.1";
  const requests = { metadata: 0, jwks: 0 };
  let urls = issuerUrls(`http://${host}:${options.port}`, options.tenantId);
  const metadataPath = `/${options.tenantId}/v2.0/.well-known/openid-configuration`;
  const jwksPath = `/${options.tenantId}/discovery/v2.0/keys`;

  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? "/", "http://issuer.invalid").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, { error: "method not allowed" });
    if (pathname === metadataPath) {
      requests.metadata += 1;
      return send(response, 200, discoveryDocument(urls, options.tenantId));
    }
    if (pathname === jwksPath) {
      requests.jwks += 1;
      return send(response, 200, options.keys());
    }
    return send(response, 404, { error: "not found", metadata: urls.metadataUrl });
  });
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === "EADDRINUSE"
          ? new UserError(`the local token issuer cannot listen on ${host}:${options.port}: the port is in use (is another \`conduit serve\` running?); pick another with --issuer-port`)
          : error,
      );
    };
    server.once("error", onError);
    server.listen(options.port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  urls = issuerUrls(origin, options.tenantId);
  return {
    origin,
    ...urls,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The members Entra's v2.0 document has that a resource server reads, with Entra's values where they apply. */
function discoveryDocument(urls: { issuer: string; jwksUri: string }, tenantId: string): Record<string, unknown> {
  const base = urls.issuer.replace(/\/v2\.0$/, "");
  return {
    issuer: urls.issuer,
    jwks_uri: urls.jwksUri,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: [ISSUER_ALGORITHM],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "nbf", "name", "oid", "tid", "preferred_username", "scp", "roles", "ver"],
    tenant_region_scope: "local",
    tenant_id: tenantId,
  };
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  response.end(text);
}

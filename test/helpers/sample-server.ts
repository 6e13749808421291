/**
 * The sample function app over real HTTP on 127.0.0.1, as outside clients (a generated SDK, schemathesis) call it:
 * the sample's registrations behind the local host, a function key, a real local token issuer and a user's token.
 * Storage is whatever AzureWebJobsStorage points at (start Azurite first); the technicians come from the spec.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { registrations as bindings } from "../../generated/registrations.js";
import { registerOperations } from "../../src/runtime/register.js";
import { DEFAULT_MAX_BODY_BYTES } from "../../src/runtime/settings.js";
import { saveTechnicians } from "../../src/storage/technicians.js";
import { createLocalHost } from "../../scripts/serve/host.js";
import type { TokenRequest } from "../../scripts/issuer/mint.js";
import { exampleTechnicians } from "../../src/seed.js";
import { startTestIssuer } from "../auth/harness.js";
import { sampleSpec } from "./spec.js";

export interface SampleServer {
  /** Where the API lives: `http://127.0.0.1:<port>/api`. */
  readonly base: string;
  /** The function key the host requires (`x-functions-key`). */
  readonly key: string;
  /** A user's access token with the sample's scope, from the running local issuer. */
  readonly token: string;
  /** Another token from the same issuer, e.g. without the scope (`{ scopes: [] }`). */
  mint(overrides?: Partial<TokenRequest>): Promise<string>;
  /** What the host and the functions logged, in order. */
  readonly logs: readonly string[];
  stop(): Promise<void>;
}

export async function startSampleServer(): Promise<SampleServer> {
  const issuer = await startTestIssuer();
  const token = await issuer.mint({ user: "ana.lopez@contoso.com" });
  const key = randomBytes(24).toString("base64url");
  const logs: string[] = [];
  const registrations = registerOperations(() => {}, bindings, {
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    // A response outside the contract is a 500 here, so that an outside client cannot miss it.
    responseValidation: "enforce",
    authorizer: issuer.guard(),
  });
  const server = createLocalHost({ registrations, routePrefix: "api", functionKey: key, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, log: (line) => logs.push(line) });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    await saveTechnicians(exampleTechnicians(sampleSpec()));
  } catch (error) {
    server.close();
    await issuer.stop();
    throw error;
  }
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return {
    base,
    key,
    token,
    logs,
    mint: (overrides) => issuer.mint({ user: "ana.lopez@contoso.com", ...overrides }),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await issuer.stop();
    },
  };
}

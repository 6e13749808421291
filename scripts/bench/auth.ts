/**
 * `npm run bench:auth`: what knowing the caller costs per request once the issuer's keys are cached, as a ratio
 * to jose verifying the same token with the key in hand (the RSA signature check itself), measured in the same
 * run. Also what refusing costs: a forged HS256 token (stopped before any signature work) and an unknown key id
 * within the refresh cooldown (no fetch). The issuer is the local one, on 127.0.0.1.
 */
import { performance } from "node:perf_hooks";
import pkg from "@azure/functions";
import { importJWK, jwtVerify, SignJWT } from "jose";
import { resolveAuthConfig } from "../../src/auth/config.js";
import { createAuthGuard } from "../../src/auth/guard.js";
import { SigningKeys } from "../../src/auth/keys.js";
import { TokenValidator } from "../../src/auth/validate-token.js";
import { localAuthSettings } from "../issuer/local.js";
import { mintToken } from "../issuer/mint.js";
import { startIssuer } from "../issuer/server.js";
import { newIssuerState, signingKey } from "../issuer/state.js";

const { HttpRequest } = pkg;
const ITERATIONS = Number(process.env["BENCH_ITERATIONS"] ?? 5_000);
const ROUNDS = 5;
const SECURED = { security: [[{ scheme: "oauth2_auth", type: "oauth2" as const, scopes: ["user_impersonation"] }]] };

/**
 * Median over rounds of the mean time per call, in µs. The cases take turns round by round so that a noisy
 * neighbour on a shared machine slows them all alike instead of skewing one ratio.
 */
async function measureAll(cases: readonly (() => Promise<unknown>)[]): Promise<number[]> {
  for (const run of cases) for (let i = 0; i < Math.min(500, ITERATIONS); i++) await run();
  const rounds: number[][] = cases.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, run] of cases.entries()) {
      const started = performance.now();
      for (let i = 0; i < ITERATIONS; i++) await run();
      rounds[index]?.push(((performance.now() - started) * 1000) / ITERATIONS);
    }
  }
  return rounds.map((times) => times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? Number.NaN);
}

async function main(): Promise<void> {
  const state = await newIssuerState(0);
  const key = await signingKey(state);
  const rogue = await signingKey(await newIssuerState(0));
  const server = await startIssuer({ tenantId: state.tenantId, port: 0, keys: () => ({ keys: [key.publicJwk] }) });
  try {
    const settings = localAuthSettings(state, server.metadataUrl);
    const config = resolveAuthConfig(settings);
    if (config.mode !== "validate") throw new Error("expected validate mode");
    const claims = { issuer: server.issuer, audience: state.clientId, tenantId: state.tenantId, user: "ana.lopez", scopes: ["user_impersonation"] };
    const token = await mintToken(key, claims);

    const publicKey = await importJWK(key.publicJwk, "RS256");
    const baselineCase = () => jwtVerify(token, publicKey, { algorithms: ["RS256"], audience: state.clientId });

    const keys = new SigningKeys({ metadataUrl: config.metadataUrl });
    const validator = new TokenValidator({ keys, homeTenantId: config.tenantId, tenants: config.tenants, audiences: config.audiences, issuers: config.issuers, clockSkewSeconds: config.clockSkewSeconds });
    const validateCase = async () => {
      const check = await validator.validate(token);
      if (!check.ok) throw new Error(check.detail);
    };

    const guard = createAuthGuard(config);
    const request = new HttpRequest({ method: "GET", url: "http://127.0.0.1:7071/api/workorders", headers: { authorization: `Bearer ${token}` } });
    const authorizeCase = async () => {
      const outcome = await guard.authorize(request, SECURED);
      if (!outcome.ok) throw new Error(outcome.log);
    };

    const forged = await new SignJWT({ ...claims }).setProtectedHeader({ alg: "HS256", kid: key.kid }).sign(new TextEncoder().encode(JSON.stringify(key.publicJwk)));
    const forgedRequest = new HttpRequest({ method: "GET", url: "http://127.0.0.1:7071/api/workorders", headers: { authorization: `Bearer ${forged}` } });
    const forgedCase = async () => {
      if ((await guard.authorize(forgedRequest, SECURED)).ok) throw new Error("a forged token passed");
    };

    const unknownKid = await mintToken(rogue, claims);
    const unknownRequest = new HttpRequest({ method: "GET", url: "http://127.0.0.1:7071/api/workorders", headers: { authorization: `Bearer ${unknownKid}` } });
    await keys.load();
    await guard.warmUp();
    const fetchesBefore = server.requests.jwks;
    const unknownCase = async () => {
      if ((await guard.authorize(unknownRequest, SECURED)).ok) throw new Error("an unknown key passed");
    };
    const [baseline = Number.NaN, validate = Number.NaN, authorize = Number.NaN, refusedForged = Number.NaN, refusedUnknown = Number.NaN] = await measureAll([
      baselineCase,
      validateCase,
      authorizeCase,
      forgedCase,
      unknownCase,
    ]);
    const refetches = server.requests.jwks - fetchesBefore;

    const row = (label: string, micros: number): string =>
      `  ${label.padEnd(58)} ${micros.toFixed(1).padStart(8)} µs/token  ${(micros / baseline).toFixed(2).padStart(6)}x baseline`;
    process.stdout.write(`auth bench: node ${process.version}, RS256 2048-bit, median of ${ROUNDS} rounds x ${ITERATIONS} tokens\n`);
    process.stdout.write(`${row("jose jwtVerify, key in hand (baseline)", baseline)}\n`);
    process.stdout.write(`${row("TokenValidator.validate, cached JWKS (Entra rules added)", validate)}\n`);
    process.stdout.write(`${row("guard.authorize: HttpRequest header to typed caller", authorize)}\n`);
    process.stdout.write(`${row("refused: HS256 forged with the public key", refusedForged)}\n`);
    process.stdout.write(`${row("refused: unknown key id within the cooldown", refusedUnknown)}\n`);
    process.stdout.write(`  JWKS fetches caused by ${ROUNDS * ITERATIONS + Math.min(500, ITERATIONS)} unknown-kid tokens (bound: 1 per 5 minutes): ${refetches}\n`);
  } finally {
    await server.stop();
  }
}

await main();

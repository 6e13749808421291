/**
 * The local issuer's identity, kept in a git-ignored file so that it survives restarts: its tenant id, the
 * client id it issues tokens for (standing in for the function app's registration), its port, and its RS256
 * signing key. Tokens printed yesterday keep working as long as they have not expired.
 */
import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { UserError } from "../diagnostics.js";
import { displayPath } from "../project.js";

/** Where the state lives, relative to the project root (git-ignored: `.conduit/`). */
export const ISSUER_STATE_FILE = path.join(".conduit", "local-issuer.json");
export const DEFAULT_ISSUER_PORT = 7072;
export const ISSUER_ALGORITHM = "RS256";

export interface IssuerState {
  readonly tenantId: string;
  /** The audience: the local stand-in for the function app registration's Application (client) ID. */
  readonly clientId: string;
  readonly port: number;
  readonly kid: string;
  /** The private signing key (JWK, RSA). */
  readonly privateJwk: JWK;
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

interface StateFile extends IssuerState {
  readonly version: 1;
  readonly note: string;
}

export function issuerStatePath(root: string): string {
  return path.join(root, ISSUER_STATE_FILE);
}

/** Reads the state, creating it (new tenant, client id and key) on first use. */
export async function loadOrCreateIssuerState(root: string): Promise<IssuerState> {
  const existing = await readIssuerState(root);
  if (existing) return existing;
  const created = await newIssuerState();
  const file = issuerStatePath(root);
  await mkdir(path.dirname(file), { recursive: true });
  const body: StateFile = { version: 1, note: "conduit's local token issuer (conduit serve, conduit token): keep out of git", ...created };
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  try {
    // link() fails if the file exists: when two processes start at once, the first one's key wins for both.
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  const stored = await readIssuerState(root);
  if (!stored) throw new Error(`${file} vanished right after it was written`);
  return stored;
}

export async function readIssuerState(root: string): Promise<IssuerState | undefined> {
  const file = issuerStatePath(root);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const shown = displayPath(file, root);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${shown} is not valid JSON (${(error as Error).message}): delete it and a new local issuer is created`);
  }
  const state = parsed as Partial<StateFile> | null;
  if (
    state === null ||
    typeof state !== "object" ||
    state.version !== 1 ||
    typeof state.tenantId !== "string" ||
    typeof state.clientId !== "string" ||
    typeof state.port !== "number" ||
    typeof state.kid !== "string" ||
    typeof state.privateJwk !== "object" ||
    state.privateJwk === null
  ) {
    throw new UserError(`${shown} is not a local issuer state file: delete it and a new local issuer is created`);
  }
  return { tenantId: state.tenantId, clientId: state.clientId, port: state.port, kid: state.kid, privateJwk: state.privateJwk };
}

/** A new identity: fresh GUIDs and a fresh 2048-bit RSA key (jose), with the JWK thumbprint as key id. */
export async function newIssuerState(port: number = DEFAULT_ISSUER_PORT): Promise<IssuerState> {
  const { privateKey } = await generateKeyPair(ISSUER_ALGORITHM, { extractable: true, modulusLength: 2048 });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  return { tenantId: randomUUID(), clientId: randomUUID(), port, kid, privateJwk: { ...privateJwk, kid, alg: ISSUER_ALGORITHM, use: "sig" } };
}

/** The state's key, ready to sign with, and its public half for the JWKS. */
export async function signingKey(state: Pick<IssuerState, "kid" | "privateJwk">): Promise<SigningKey> {
  const privateKey = await importJWK(state.privateJwk, ISSUER_ALGORITHM);
  if (privateKey instanceof Uint8Array) throw new Error("the issuer key is not an asymmetric key");
  return { kid: state.kid, privateKey, publicJwk: publicJwk(state.privateJwk, state.kid) };
}

/** The public members of an RSA JWK: never publish d, p, q, dp, dq, qi. */
export function publicJwk(jwk: JWK, kid: string): JWK {
  const { kty, n, e } = jwk;
  return { kty, n, e, kid, alg: ISSUER_ALGORITHM, use: "sig" };
}

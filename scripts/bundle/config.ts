import { Severity, UserError, type Diagnostic } from "../diagnostics.js";
import type { SourceDocument } from "../spec/document.js";
import { formatJsonPath, isJsonObject, type JsonObject, type JsonPath, type JsonValue } from "./ordered.js";

/** The key of spec/apiProperties.yaml that holds conduit's choices; bundle strips it from apiProperties.json. */
export const CONDUIT_BLOCK = "conduit";

export const IDENTITY_PROVIDERS = ["oauth2", "aad"] as const;
export type IdentityProvider = (typeof IDENTITY_PROVIDERS)[number];
export const FUNCTION_KEY_SOURCES = ["connection", "static"] as const;
export type FunctionKeySource = (typeof FUNCTION_KEY_SOURCES)[number];

/** Sign-in against Entra ID with the connector's app registration. */
export interface SignInConfig {
  readonly identityProvider: IdentityProvider;
  readonly tenantId: string;
  readonly clientId: string;
  /** The function app registration's scope, e.g. api://<app id>/user_impersonation. */
  readonly scope: string;
  readonly clientSecret: string | undefined;
  /** For `aad`: the audience; by default the scope without its last segment. */
  readonly resourceUri: string | undefined;
}

/** How the Functions host key travels: a setheader policy reading a connection parameter, or a static value. */
export interface FunctionKeyConfig {
  readonly source: FunctionKeySource;
  readonly value: string | undefined;
  readonly header: string;
}

export interface PaconnConfig {
  readonly environment: string | undefined;
  readonly connectorId: string | undefined;
}

export interface ConduitConfig {
  /** Replaces the definition's `host`. */
  readonly host: string | undefined;
  readonly signIn: SignInConfig | undefined;
  readonly functionKey: FunctionKeyConfig | undefined;
  readonly paconn: PaconnConfig;
}

/** spec/apiProperties.yaml split into conduit's choices and the apiProperties document as Power Platform reads it. */
export interface PropertiesSpec {
  readonly config: ConduitConfig;
  /** Everything but the conduit block, in the file's order. */
  readonly document: JsonObject;
}

const BLOCK_KEYS = ["host", "signIn", "functionKey", "paconn"];
const SIGN_IN_KEYS = ["identityProvider", "tenantId", "clientId", "scope", "clientSecret", "resourceUri"];
const FUNCTION_KEY_KEYS = ["source", "value", "header"];
const PACONN_KEYS = ["environment", "connectorId"];

/** Reads and checks the conduit block; every problem is reported at once, positioned in the file. */
export function readPropertiesSpec(value: JsonValue, doc: SourceDocument): PropertiesSpec {
  const problems: Diagnostic[] = [];
  const report = (path: JsonPath, message: string): void => {
    problems.push({ code: "conduit-properties", message, path, severity: Severity.Error, source: doc.source, range: doc.rangeOf(path) });
  };
  if (!isJsonObject(value)) {
    report([], "expected a mapping with `properties:` (and optionally `conduit:`) at the top level");
    throw failure(doc, problems);
  }
  const document: JsonObject = new Map([...value].filter(([key]) => key !== CONDUIT_BLOCK));
  if (!isJsonObject(document.get("properties") ?? null)) {
    report(["properties"], "`properties:` is missing or not a mapping: it holds apiProperties.json's properties (iconBrandColor, publisher, ...)");
  }
  const block = value.get(CONDUIT_BLOCK);
  const reader = new BlockReader(report);
  const config = block === undefined ? EMPTY_CONFIG : reader.block(block);
  if (problems.length > 0) throw failure(doc, problems);
  return { config, document };
}

const EMPTY_CONFIG: ConduitConfig = { host: undefined, signIn: undefined, functionKey: undefined, paconn: { environment: undefined, connectorId: undefined } };

class BlockReader {
  constructor(private readonly report: (path: JsonPath, message: string) => void) {}

  block(value: JsonValue): ConduitConfig {
    const at = [CONDUIT_BLOCK];
    if (!this.mapping(value, at, BLOCK_KEYS)) return EMPTY_CONFIG;
    const signIn = value.get("signIn");
    const functionKey = value.get("functionKey");
    const paconn = value.get("paconn");
    return {
      host: this.text(value, [...at, "host"], false),
      signIn: signIn === undefined ? undefined : this.signIn(signIn, [...at, "signIn"]),
      functionKey: functionKey === undefined ? undefined : this.functionKey(functionKey, [...at, "functionKey"]),
      paconn: paconn === undefined ? EMPTY_CONFIG.paconn : this.paconn(paconn, [...at, "paconn"]),
    };
  }

  private signIn(value: JsonValue, at: JsonPath): SignInConfig | undefined {
    if (!this.mapping(value, at, SIGN_IN_KEYS)) return undefined;
    return {
      identityProvider: this.choice(value, [...at, "identityProvider"], IDENTITY_PROVIDERS, "oauth2"),
      tenantId: this.text(value, [...at, "tenantId"], true) ?? "",
      clientId: this.text(value, [...at, "clientId"], true) ?? "",
      scope: this.text(value, [...at, "scope"], true) ?? "",
      clientSecret: this.text(value, [...at, "clientSecret"], false),
      resourceUri: this.text(value, [...at, "resourceUri"], false),
    };
  }

  private functionKey(value: JsonValue, at: JsonPath): FunctionKeyConfig | undefined {
    if (!this.mapping(value, at, FUNCTION_KEY_KEYS)) return undefined;
    const source = this.choice(value, [...at, "source"], FUNCTION_KEY_SOURCES, "connection");
    const keyValue = this.text(value, [...at, "value"], false);
    if (source === "static" && keyValue === undefined) {
      this.report([...at, "source"], "source: static needs `value:` (e.g. value: ${CONDUIT_FUNCTION_KEY}), the key written into the policy at bundle time");
    }
    return { source, value: keyValue, header: this.text(value, [...at, "header"], false) ?? "x-functions-key" };
  }

  private paconn(value: JsonValue, at: JsonPath): PaconnConfig {
    if (!this.mapping(value, at, PACONN_KEYS)) return EMPTY_CONFIG.paconn;
    // Optional values (${NAME:-}) come out empty when unset: empty means "not given".
    const optional = (key: string): string | undefined => this.text(value, [...at, key], false) || undefined;
    return { environment: optional("environment"), connectorId: optional("connectorId") };
  }

  private mapping(value: JsonValue, at: JsonPath, allowed: readonly string[]): value is JsonObject {
    if (!isJsonObject(value)) {
      this.report(at, `${formatJsonPath(at).slice(2)} must be a mapping with ${allowed.join(", ")}`);
      return false;
    }
    for (const key of value.keys()) {
      if (!allowed.includes(key)) {
        const near = allowed.find((k) => k.toLowerCase() === key.toLowerCase());
        const hint = near ? `did you mean "${near}"?` : `expected one of ${allowed.join(", ")}`;
        this.report([...at, key], `unknown key "${key}" in ${formatJsonPath(at).slice(2)}: ${hint}`);
      }
    }
    return true;
  }

  private text(parent: JsonObject, at: JsonPath, required: boolean): string | undefined {
    const value = parent.get(String(at[at.length - 1]));
    if (value === undefined || value === null) {
      if (required) this.report(at.slice(0, -1), `${formatJsonPath(at).slice(2)} is required`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.report(at, `${formatJsonPath(at).slice(2)} must be a string`);
      return undefined;
    }
    return value;
  }

  private choice<T extends string>(parent: JsonObject, at: JsonPath, allowed: readonly T[], fallback: T): T {
    const value = parent.get(String(at[at.length - 1]));
    if (value === undefined) return fallback;
    const found = allowed.find((option) => option === value);
    if (found === undefined) {
      this.report(at, `${formatJsonPath(at).slice(2)} must be one of ${allowed.join(" | ")}, not ${JSON.stringify(value)}`);
      return fallback;
    }
    return found;
  }
}

/**
 * Whether a placeholder at this path of spec/apiProperties.yaml is needed by this bundle: the client secret only
 * with --include-secrets, the function key value only when it is static.
 */
export function isPlaceholderLive(path: JsonPath, config: ConduitConfig, includeSecrets: boolean): boolean {
  const [top, second, third] = path;
  if (top === CONDUIT_BLOCK) {
    if (second === "signIn") return config.signIn !== undefined && (third !== "clientSecret" || includeSecrets);
    if (second === "functionKey") return config.functionKey !== undefined && (third !== "value" || config.functionKey.source === "static");
    return true;
  }
  return includeSecrets || !isClientSecretPath(path);
}

/** `…oAuthSettings.clientSecret`, wherever the connection parameter stands (parameters or parameter sets). */
export function isClientSecretPath(path: JsonPath): boolean {
  return path.length >= 2 && path[path.length - 1] === "clientSecret" && path[path.length - 2] === "oAuthSettings";
}

function failure(doc: SourceDocument, problems: Diagnostic[]): UserError {
  return new UserError(`${doc.source}: ${problems.length === 1 ? "a problem" : `${problems.length} problems`} in the connector properties`, { diagnostics: problems, exitCode: 2 });
}

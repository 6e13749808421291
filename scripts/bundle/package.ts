import { readFile } from "node:fs/promises";
import { Severity, UserError, type Diagnostic } from "../diagnostics.js";
import { displayPath, projectLayout, type ProjectLayout } from "../project.js";
import { isPlaceholderLive, readPropertiesSpec, type ConduitConfig, type PropertiesSpec } from "./config.js";
import { stripConduitExtensions } from "./conduit-keys.js";
import { applyEnvironment } from "./definition.js";
import type { EnvironmentValues } from "./environment.js";
import { exampleValuesError, findExampleValues } from "./example-values.js";
import { formatJsonPath, getAt, isJsonObject, stringifyJson, type JsonObject, type JsonPath, type JsonValue } from "./ordered.js";
import { findPlaceholders, substitute, unescapeAll, type PlaceholderUse } from "./placeholders.js";
import {
  entraAuthorizeUrl,
  entraTokenUrl,
  FUNCTION_KEY_PARAMETER,
  GLOBAL_REDIRECT_URL,
  RenderError,
  renderApiProperties,
  resourceUriOf,
  withoutClientSecrets,
} from "./properties.js";
import { findSecrets, type SecretUse } from "./secrets.js";
import { resolveExternalRefs } from "./resolve.js";
import { PACKAGE_FILES, renderSettings } from "./settings.js";
import { loadOrderedSource, type OrderedSource } from "./source.js";
import { renderUploadGuide } from "./upload.js";
import { referenceMarkdown } from "../docs/docs.js";
import type { PackageFile } from "./write.js";

/** Power Platform refuses definitions of 1 MB or more. */
export const DEFINITION_SIZE_LIMIT = 1_000_000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface BundleOptions {
  readonly layout?: ProjectLayout;
  readonly environment: EnvironmentValues;
  readonly includeSecrets: boolean;
  /** Bundle with .env.example's values and other stand-ins (refused otherwise). */
  readonly allowExampleValues?: boolean;
}

export interface ConnectorPackage {
  readonly files: readonly PackageFile[];
  /** The definition and properties as written (for checks without re-reading). */
  readonly definition: JsonObject;
  readonly properties: JsonObject;
  readonly definitionBytes: number;
  /** True when the definition had to be written without indentation to stay under the limit. */
  readonly compact: boolean;
  /** Things the user must know about this package (secrets inside, no icon, ...). */
  readonly notes: readonly string[];
  /** Whether a file of this package holds a secret (client secret, a key in a policy, a secure default). */
  readonly holdsSecrets: boolean;
  /** Every file that holds a secret, with what it holds. */
  readonly secretFiles: readonly SecretFile[];
}

export interface SecretFile {
  readonly name: string;
  readonly secrets: readonly SecretUse[];
}

/** Reads spec/ and the environment, and returns the connector package's files; writes nothing. */
export async function buildConnectorPackage(options: BundleOptions): Promise<ConnectorPackage> {
  const layout = options.layout ?? projectLayout();
  const env = options.environment;
  const show = (file: string): string => displayPath(file, layout.root);
  const propertiesSource = await loadOrderedSource(layout.properties, show(layout.properties));
  const raw = readPropertiesSpec(propertiesSource.value, propertiesSource.doc);
  const uses = findPlaceholders(propertiesSource.value).filter((use) => isPlaceholderLive(use.path, raw.config, options.includeSecrets));
  checkNothingMissing(uses, env, propertiesSource);
  const examples = await findExampleValues(uses.map((use) => use.name), env, layout.root);
  if (examples.length > 0 && !options.allowExampleValues) throw exampleValuesError(examples, true);

  // Escapes stay until the leftover check below has run: literal `${…}` text is not a placeholder nobody filled.
  const filled = substitute(propertiesSource.value, (name) => env.get(name), { keepEscapes: true });
  const spec = readPropertiesSpec(filled, propertiesSource.doc);
  checkValues(spec, uses, env, propertiesSource);

  const resolved = await loadBundledDefinition(layout);
  const atProperties = <T>(render: () => T): T => {
    try {
      return render();
    } catch (error) {
      if (error instanceof RenderError) throw positioned(propertiesSource, error.path, error.message, "cannot build the connector package");
      throw error;
    }
  };
  const stripped = stripConduitExtensions(atProperties(() => applyEnvironment(resolved, spec.config)));
  const definition = stripped.definition;
  const rendered = atProperties(() => renderApiProperties(spec, { includeSecrets: options.includeSecrets }));
  const leftover = findPlaceholders(rendered);
  if (leftover.length > 0) {
    const first = leftover[0] as PlaceholderUse;
    throw new UserError(`apiProperties.json would keep the placeholder \${${first.name}} at ${formatJsonPath(first.path)}: it is not filled in this place`);
  }
  const properties = unescapeAll(rendered);

  const pretty = `${stringifyJson(definition)}\n`;
  const compact = Buffer.byteLength(pretty) > DEFINITION_SIZE_LIMIT;
  const definitionText = compact ? `${stringifyJson(definition, 0)}\n` : pretty;
  const definitionBytes = Buffer.byteLength(definitionText);
  if (definitionBytes > DEFINITION_SIZE_LIMIT) {
    throw new UserError(
      `${PACKAGE_FILES.definition} would be ${formatBytes(definitionBytes)} even without indentation; Power Platform takes definitions under ${formatBytes(DEFINITION_SIZE_LIMIT)}: split the API into two connectors or shorten descriptions and examples`,
    );
  }

  const notes: string[] = [];
  if (examples.length > 0) notes.push(`built with example values (${examples.map((e) => e.name).join(", ")}): a package to look at, not to upload`);
  if (compact) notes.push(`${PACKAGE_FILES.definition} is written without indentation: indented it would be ${formatBytes(Buffer.byteLength(pretty))}, over the limit`);
  if (stripped.removed.length > 0) {
    const keys = [...new Set(stripped.removed.map((p) => /(x-conduit-[^.[\]"]*)"?\]?$/.exec(p)?.[1] ?? p))].sort();
    notes.push(`left out conduit's own keys, which are for conduit and not Power Platform: ${keys.join(", ")} (${stripped.removed.length} in all)`);
  }
  const icon = await readIcon(layout, show);
  if (icon === undefined) notes.push(`no ${show(layout.icon)}: the package has no icon (the wizard and paconn then use a default one)`);

  const { config } = spec;
  const secrets = secretsOf(properties, config);
  const files: PackageFile[] = [
    { name: PACKAGE_FILES.definition, content: definitionText },
    { name: PACKAGE_FILES.properties, content: `${stringifyJson(properties)}\n` },
  ];
  // For `paconn update`, which takes the client secret from --secret: the secret has no business in this file.
  const stackOwnerFree = withoutStackOwner(withoutClientSecrets(properties));
  if (stackOwnerFree) files.push({ name: PACKAGE_FILES.propertiesForUpdate, content: `${stringifyJson(stackOwnerFree)}\n` });
  if (icon) files.push({ name: PACKAGE_FILES.icon, content: icon });
  const settings = renderSettings({ icon: icon !== undefined, environment: config.paconn.environment?.toLowerCase(), connectorId: config.paconn.connectorId });
  files.push({ name: PACKAGE_FILES.settings, content: `${stringifyJson(settings)}\n` });

  const info = definition.get("info");
  const title = isJsonObject(info) && typeof info.get("title") === "string" ? String(info.get("title")) : "connector";
  const brand = getAt(properties, ["properties", "iconBrandColor"]);
  const signIn = config.signIn;
  const guide = renderUploadGuide({
    title,
    host: String(definition.get("host") ?? ""),
    basePath: String(definition.get("basePath") ?? "/"),
    envName: env.name,
    envFile: env.file,
    signIn: signIn && {
      identityProvider: signIn.identityProvider,
      tenantId: signIn.tenantId,
      clientId: signIn.clientId,
      scope: signIn.scope,
      authorizationUrl: entraAuthorizeUrl(signIn.tenantId),
      tokenUrl: entraTokenUrl(signIn.tenantId),
      resourceUri: resourceUriOf(signIn),
      redirectUrl: GLOBAL_REDIRECT_URL,
    },
    functionKey: config.functionKey && {
      source: config.functionKey.source,
      header: config.functionKey.header,
      parameter: config.functionKey.source === "connection" ? (signIn ? FUNCTION_KEY_PARAMETER : "functionKey") : undefined,
    },
    includeSecrets: options.includeSecrets,
    secretFiles: filesHoldingSecrets(files, secrets).map((file) => file.name),
    icon: icon !== undefined,
    iconBrandColor: typeof brand === "string" ? brand : undefined,
    powerPlatformEnvironment: config.paconn.environment?.toLowerCase(),
    connectorId: config.paconn.connectorId,
    hasUpdateProperties: stackOwnerFree !== undefined,
  });
  files.push({ name: PACKAGE_FILES.upload, content: guide });
  // What makers will meet (conduit docs), from the definition exactly as it is uploaded.
  files.push({ name: PACKAGE_FILES.actions, content: await referenceMarkdown(PACKAGE_FILES.definition, definitionText) });

  const secretFiles = filesHoldingSecrets(files, secrets);
  notes.push(...secretFiles.map(secretNote));
  return {
    files: files.map((file) => (secretFiles.some((held) => held.name === file.name) ? { ...file, secret: true } : file)),
    definition,
    properties,
    definitionBytes,
    compact,
    notes,
    holdsSecrets: secretFiles.length > 0,
    secretFiles,
  };
}

/**
 * Every secret the properties carry, found where it stands (whatever wrote it there), plus a static function key
 * sent under a header whose name does not say "key".
 */
function secretsOf(properties: JsonObject, config: ConduitConfig): SecretUse[] {
  const found = findSecrets(properties);
  const key = config.functionKey;
  if (key?.source === "static" && key.value && !found.some((use) => use.value === key.value)) {
    found.push({ what: `the function key in the ${key.header} policy`, path: ["properties", "policyTemplateInstances"], value: key.value });
  }
  return found;
}

/** The files whose text holds one of the secrets, as written or JSON-escaped. */
function filesHoldingSecrets(files: readonly PackageFile[], secrets: readonly SecretUse[]): SecretFile[] {
  const out: SecretFile[] = [];
  for (const file of files) {
    const text = typeof file.content === "string" ? file.content : Buffer.from(file.content).toString("latin1");
    const held = secrets.filter((use) => text.includes(use.value) || text.includes(JSON.stringify(use.value).slice(1, -1)));
    if (held.length > 0) out.push({ name: file.name, secrets: held });
  }
  return out;
}

function secretNote(file: SecretFile): string {
  const whats = [...new Set(file.secrets.map((use) => use.what))];
  const inPolicy = file.secrets.some((use) => use.path[1] === "policyTemplateInstances");
  const advice = [
    inPolicy ? "anyone who can download the connector can read a key built into a policy (docs/bundle.md)" : undefined,
    "delete the package once it is uploaded",
  ].filter((part) => part !== undefined);
  return `${file.name} holds ${whats.length === 1 ? "a secret" : "secrets"}: ${whats.join(", ")}; ${advice.join("; ")}`;
}

/**
 * The definition as the package carries it before any environment is applied: spec/apiDefinition.swagger.yaml
 * with its external references resolved, key order kept. `conduit client` generates SDKs from it.
 */
export async function loadBundledDefinition(layout: ProjectLayout = projectLayout()): Promise<JsonObject> {
  const load = (file: string): Promise<OrderedSource> => loadOrderedSource(file, displayPath(file, layout.root));
  const root = await load(layout.spec);
  checkSwagger(root);
  return resolveExternalRefs(root, load);
}

/** Where the properties feed the definition: its host, and the tenant in its OAuth URLs. */
const DEFINITION_INPUTS: readonly JsonPath[] = [
  ["conduit", "host"],
  ["conduit", "signIn", "tenantId"],
];

/**
 * The definition exactly as `conduit bundle` with the same environment writes it, from only the values it uses
 * (the host and the sign-in tenant): `conduit client --env` needs no client id, scope or secret. Values are read
 * as bundle reads them, and a missing or stand-in one is refused with bundle's message.
 */
export async function buildEnvironmentDefinition(options: Pick<BundleOptions, "layout" | "environment">): Promise<JsonObject> {
  const layout = options.layout ?? projectLayout();
  const env = options.environment;
  const propertiesSource = await loadOrderedSource(layout.properties, displayPath(layout.properties, layout.root));
  readPropertiesSpec(propertiesSource.value, propertiesSource.doc);
  const uses = findPlaceholders(propertiesSource.value).filter((use) => DEFINITION_INPUTS.some((input) => samePath(use.path, input)));
  checkNothingMissing(uses, env, propertiesSource);
  const examples = await findExampleValues(uses.map((use) => use.name), env, layout.root);
  if (examples.length > 0) throw exampleValuesError(examples, false);
  const filled = substitute(propertiesSource.value, (name) => (uses.some((use) => use.name === name) ? env.get(name) : undefined), { keepEscapes: true });
  const { config } = readPropertiesSpec(filled, propertiesSource.doc);
  checkValues({ config, document: new Map() }, uses, env, propertiesSource, DEFINITION_INPUTS);
  try {
    return stripConduitExtensions(applyEnvironment(await loadBundledDefinition(layout), config)).definition;
  } catch (error) {
    if (error instanceof RenderError) throw positioned(propertiesSource, error.path, error.message, "cannot build the connector's definition");
    throw error;
  }
}

const PURPOSES: Record<string, string> = {
  "conduit.host": "the function app's host name, e.g. myapp.azurewebsites.net",
  "conduit.signIn.tenantId": "the Entra ID tenant (directory) id in the OAuth URLs",
  "conduit.signIn.clientId": "the connector app registration's client id",
  "conduit.signIn.scope": "the function app registration's scope, e.g. api://<id>/user_impersonation",
  "conduit.signIn.clientSecret": "the connector app registration's client secret, needed by --include-secrets",
  "conduit.functionKey.value": "the function app's host key, built into the policy (source: static)",
};

/** One message for every missing value, each use positioned where the placeholder is written. */
function checkNothingMissing(uses: readonly PlaceholderUse[], env: EnvironmentValues, source: OrderedSource): void {
  const missing = uses.filter((use) => !use.optional && env.get(use.name) === undefined);
  if (missing.length === 0) return;
  const names = [...new Set(missing.map((use) => use.name))];
  const where = env.fileFound ? `${env.file} (git-ignored)` : `${env.file} (git-ignored; it does not exist yet)`;
  const diagnostics: Diagnostic[] = missing.map((use) => ({
    code: "bundle-missing-value",
    message: `${use.name} is not set (${PURPOSES[formatJsonPath(use.path).slice(2)] ?? `used for ${formatJsonPath(use.path).slice(2)}`})`,
    path: use.path,
    severity: Severity.Error,
    source: source.doc.source,
    range: source.doc.rangeOf(use.path),
  }));
  throw new UserError(
    `${names.length === 1 ? "a value is" : `${names.length} values are`} missing${env.name ? ` for environment "${env.name}"` : ""}: ${names.join(", ")}. Set ${names.length === 1 ? "it" : "them"} as environment variables or in ${where}`,
    { diagnostics, exitCode: 2 },
  );
}

/** Values that are set but cannot be right, named by the variable they came from. */
function checkValues(spec: PropertiesSpec, uses: readonly PlaceholderUse[], env: EnvironmentValues, source: OrderedSource, only?: readonly JsonPath[]): void {
  const problems: Diagnostic[] = [];
  const origin = (path: JsonPath): string => {
    const names = uses.filter((use) => samePath(use.path, path)).map((use) => `${use.name} from ${env.describeSource(use.name)}`);
    return names.length > 0 ? ` (${names.join(", ")})` : "";
  };
  const report = (path: JsonPath, message: string): void => {
    if (only !== undefined && !only.some((input) => samePath(input, path))) return;
    problems.push({ code: "bundle-bad-value", message: `${message}${origin(path)}`, path, severity: Severity.Error, source: source.doc.source, range: source.doc.rangeOf(path) });
  };
  const { signIn, paconn } = spec.config;
  if (signIn) {
    if (!GUID.test(signIn.tenantId) && !DOMAIN.test(signIn.tenantId)) {
      report(["conduit", "signIn", "tenantId"], `the tenant must be the directory (tenant) ID, a GUID, or a verified domain; got "${signIn.tenantId}"`);
    }
    if (!GUID.test(signIn.clientId)) {
      report(["conduit", "signIn", "clientId"], `the client id must be the app registration's Application (client) ID, a GUID; got "${signIn.clientId}"`);
    }
    if (/\s/.test(signIn.scope.trim()) || signIn.scope.trim() === "") {
      report(["conduit", "signIn", "scope"], `the scope must be the function app registration's one scope, e.g. api://<app id>/user_impersonation; got "${signIn.scope}"`);
    }
  }
  if (paconn.environment !== undefined && paconn.environment !== "" && !GUID.test(paconn.environment)) {
    report(["conduit", "paconn", "environment"], `the Power Platform environment must be its id, a GUID; got "${paconn.environment}"`);
  }
  if (problems.length > 0) throw new UserError(`${source.doc.source}: ${problems.length === 1 ? "a value is" : "values are"} not usable`, { diagnostics: problems, exitCode: 2 });
}

function checkSwagger(root: OrderedSource): void {
  const version = isJsonObject(root.value) ? root.value.get("swagger") : undefined;
  if (version !== "2.0") {
    throw positioned(root, ["swagger"], `not an OpenAPI 2.0 definition: Power Platform connectors take "swagger": "2.0"`, "cannot bundle the spec");
  }
}

async function readIcon(layout: ProjectLayout, show: (file: string) => string): Promise<Uint8Array | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(layout.icon);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UserError(`cannot read ${show(layout.icon)}: ${(error as Error).message}`);
  }
  if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    throw new UserError(`${show(layout.icon)} is not a PNG file: the connector icon must be a PNG (1 MB at most)`);
  }
  if (bytes.length >= 1_000_000) throw new UserError(`${show(layout.icon)} is ${formatBytes(bytes.length)}: the connector icon must be under 1 MB`);
  return bytes;
}


function withoutStackOwner(properties: JsonObject): JsonObject | undefined {
  const inner = properties.get("properties");
  if (!isJsonObject(inner) || !inner.has("stackOwner")) return undefined;
  const copy = new Map(properties);
  copy.set("properties", new Map([...inner].filter(([key]) => key !== "stackOwner")));
  return copy;
}

function positioned(source: OrderedSource, path: JsonPath, message: string, summary: string): UserError {
  const diagnostic: Diagnostic = { code: "bundle", message, path, severity: Severity.Error, source: source.doc.source, range: source.doc.rangeOf(path) };
  return new UserError(summary, { diagnostics: [diagnostic], exitCode: 2 });
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((segment, i) => String(segment) === String(b[i]));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

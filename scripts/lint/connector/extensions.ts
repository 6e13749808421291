import type { Place } from "./places.js";

const NON_BODY = ["x-ms-dynamic-list", "x-ms-dynamic-values", "x-ms-enum-values", "x-ms-localizeDefaultValue", "x-ms-parameter-location", "x-ms-summary", "x-ms-test-value", "x-ms-trigger-value", "x-ms-visibility"];

/**
 * Where Microsoft's published schema (apiDefinition.swagger.schema.json) lets each x-ms-* extension stand.
 * Outside these places the platform does not read it.
 */
export const EXTENSION_PLACES: Readonly<Partial<Record<Place, readonly string[]>>> = {
  root: ["x-ms-capabilities", "x-ms-connector-metadata", "x-ms-docs"],
  info: ["x-ms-deployment-version", "x-ms-api-annotation"],
  pathItem: ["x-ms-notification-content"],
  operation: [
    "x-ms-api-annotation", "x-ms-capabilities", "x-ms-no-generic-test", "x-ms-operation-context", "x-ms-pageable", "x-ms-safe-operation",
    "x-ms-summary", "x-ms-trigger", "x-ms-trigger-hint", "x-ms-trigger-metadata", "x-ms-notification", "x-ms-visibility",
  ],
  response: ["x-ms-summary"],
  header: ["x-ms-summary", "x-ms-visibility"],
  bodyParameter: ["x-ms-dynamic-list", "x-ms-dynamic-values", "x-ms-summary", "x-ms-test-value", "x-ms-visibility"],
  headerParameter: NON_BODY,
  formDataParameter: NON_BODY,
  queryParameter: [...NON_BODY, "x-ms-dynamic-tree"],
  pathParameter: [...NON_BODY, "x-ms-dynamic-tree", "x-ms-skip-url-encoding"],
  schema: [
    "x-ms-dynamic-list", "x-ms-dynamic-values", "x-ms-enum", "x-ms-enum-values", "x-ms-localizeDefaultValue", "x-ms-notification-url", "x-ms-summary",
    "x-ms-test-value", "x-ms-visibility", "x-ms-media-kind", "x-ms-dynamic-schema", "x-ms-dynamic-properties", "x-ms-dynamic-tree",
  ],
};

/**
 * Extensions the platform or Power Fx reads that Microsoft's schema does not list (seen on accepted connectors,
 * or read by Power Fx's connector library); their places are not published, so they are accepted anywhere.
 * x-ms-url-encoding has its own rule (pp-url-encoding).
 */
export const EXTENSIONS_ANYWHERE = [
  "x-ms-url-encoding", "x-ms-openai-data", "x-ms-require-user-confirmation", "x-ms-openai-manifest", "x-ms-keywords", "x-ms-editor", "x-ms-editor-options",
  "x-ms-openai-published-to-copilots", "x-ms-apihub-cached-response", "x-ms-parameterized-host", "x-ms-apihub-obo", "x-ms-explicit-input",
  "x-ms-enum-display-name", "x-ms-body-name",
] as const;

export const KNOWN_EXTENSIONS: readonly string[] = [...new Set([...Object.values(EXTENSION_PLACES).flat(), ...EXTENSIONS_ANYWHERE])].sort();

export function isExtensionName(key: string): boolean {
  return key.toLowerCase().startsWith("x-ms-");
}

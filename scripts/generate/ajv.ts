/** The one ajv configuration for Swagger 2.0 schemas: draft-04 (boolean exclusive bounds), formats, lenient. */
import Ajv04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import standaloneModule from "ajv/dist/standalone/index.js";
import { formatsCode, useFastChecks } from "./fast-checks.js";

// CommonJS packages whose `default` export NodeNext types as the module object.
function defaultExport<T>(module: T): T extends { default: infer D } ? D : T {
  const inner = (module as { default?: unknown }).default;
  return (inner ?? module) as T extends { default: infer D } ? D : T;
}

const Ajv04 = defaultExport(Ajv04Module);
const addFormats = defaultExport(addFormatsModule);
export const standaloneCode = defaultExport(standaloneModule);

export type SwaggerAjv = InstanceType<typeof Ajv04>;

/**
 * `strict: false` because specs carry x-ms-* and other unknown keywords; `allErrors` so the runtime can list
 * every bad field; `unicodeRegExp: false` because spec patterns are written for plain (often .NET) regexes.
 */
export function createAjv(options: { standalone?: boolean; formatsModule?: string } = {}): SwaggerAjv {
  const ajv = new Ajv04({
    strict: false,
    allErrors: true,
    logger: false,
    unicodeRegExp: false,
    validateSchema: false,
    inlineRefs: false,
    // Standalone code is CommonJS: each operation's module is `require`d (synchronously) on first use; it finds the
    // formats in src/runtime/formats (by `formatsModule`, a path from the module's folder).
    ...(options.standalone
      ? { code: { source: true, esm: false, optimize: true, ...(options.formatsModule === undefined ? {} : { formats: formatsCode(options.formatsModule) }) } }
      : {}),
  });
  addFormats(ajv);
  useFastChecks(ajv);
  return ajv;
}

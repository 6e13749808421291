/**
 * Two changes to how ajv checks, both the same answers and the same errors, for a cheaper request:
 *
 * - formats come from src/runtime/formats.cts (ajv-formats' with a hand-written `date-time` and `date`), which the
 *   standalone code `require`s by a path relative to the generated module;
 * - maxLength and minLength look at the string's length before counting its code points: a string of n UTF-16
 *   units has between n/2 and n code points, so most strings are decided without the count (ajv counts every
 *   one, character by character).
 */
import type { CodeKeywordDefinition, KeywordErrorDefinition } from "ajv";
import codegenModule from "ajv/dist/compile/codegen/index.js";
import utilModule from "ajv/dist/compile/util.js";
import ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import { formats } from "../../src/runtime/formats.cjs";

const { _, str, operators } = codegenModule;
const { useFunc } = utilModule;
const ucs2length = ucs2lengthModule.default;

type Ajv = {
  addFormat(name: string, format: unknown): unknown;
  removeKeyword(keyword: string): unknown;
  addKeyword(definition: CodeKeywordDefinition): unknown;
};

/** ajv's own error for the two keywords, word for word. */
const error: KeywordErrorDefinition = {
  message: ({ keyword, schemaCode }) => str`must NOT have ${keyword === "maxLength" ? "more" : "fewer"} than ${schemaCode} characters`,
  params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
};

const limitLength: CodeKeywordDefinition = {
  keyword: ["maxLength", "minLength"],
  type: "string",
  schemaType: "number",
  $data: true,
  error,
  code(cxt) {
    const { keyword, data, schemaCode, gen } = cxt;
    const count = _`${useFunc(gen, ucs2length)}(${data})`;
    cxt.fail$data(
      keyword === "maxLength"
        ? _`${data}.length ${operators.GT} ${schemaCode} && ${count} ${operators.GT} ${schemaCode}`
        : _`${data}.length ${operators.LT} 2 * ${schemaCode} && ${count} ${operators.LT} ${schemaCode}`,
    );
  },
};

/** The `code.formats` option: where standalone code finds the formats, from the generated module's folder. */
export function formatsCode(requirePath: string): ReturnType<typeof _> {
  return _`require(${requirePath}).formats`;
}

/** Installs both on an ajv that already has ajv-formats' formats (their names and `compare`s stay). */
export function useFastChecks(ajv: Ajv): void {
  ajv.addFormat("date-time", formats["date-time"]);
  ajv.addFormat("date", formats.date);
  ajv.removeKeyword("maxLength");
  ajv.removeKeyword("minLength");
  ajv.addKeyword(limitLength);
}

/**
 * YAML syntax errors said where the mistake is and how to fix it. The parser reports where it gave up, which is
 * often elsewhere: an unclosed quote at the end of the file, a key indented one space too far at the end of the
 * line above. Each known shape is moved to the character the user has to change, with the change.
 */
import type { YAMLError } from "yaml";

export interface YamlProblem {
  readonly message: string;
  /** Offset of the character to change, in the text the parser read. */
  readonly offset: number;
}

export function explainYamlError(error: YAMLError, text: string): YamlProblem {
  const offset = error.pos[0];
  const first = error.message.split("\n")[0] ?? error.message;
  switch (error.code) {
    case "TAB_AS_INDENT":
      return { offset, message: "Tabs are not allowed as indentation: YAML indents with spaces only. Replace the tab with spaces." };
    case "MISSING_CHAR": {
      const quote = /Missing closing (["'])quote/.exec(first)?.[1];
      if (quote !== undefined) {
        const opening = openingQuote(text, offset, quote);
        return { offset: opening ?? offset, message: `This ${quote === '"' ? "double" : "single"}-quoted string is never closed: add the closing ${quote} where the text ends (or remove the opening ${quote}).` };
      }
      if (/Implicit map keys need to be followed by map values/.test(first)) {
        return { offset: firstCharOfLine(text, offset), message: "A line without a ':' in a mapping: write `key: value`, or indent the line under the key it belongs to." };
      }
      return { offset, message: `${first}.` };
    }
    case "BAD_INDENT": {
      if (/Flow sequence|Flow mapping/.test(first)) {
        const bracket = /Flow sequence/.test(first) ? ["[", "]"] : ["{", "}"];
        const opening = text.lastIndexOf(bracket[0]!, offset);
        return { offset: opening >= 0 ? opening : offset, message: `This ${bracket[0]} is never closed: add ${bracket[1]} at the end of the list (a flow collection that goes on to later lines indents them further than its key).` };
      }
      const at = firstCharOfLine(text, offset);
      const column = at - lineStart(text, at);
      const above = previousContentLine(text, at);
      const hint = above === undefined ? "" : ` (the line above starts at column ${above + 1})`;
      return { offset: at, message: `Bad indentation: this key starts at column ${column + 1}, where no mapping above has its keys${hint}. Indent it with spaces to the column of the keys it belongs with.` };
    }
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return implicitKey(text, offset, first);
    default:
      return { offset, message: /[.?!]$/.test(first) ? first : `${first}.` };
  }
}

/** A key line the parser could not end: a value with `: ` in it, `key:value` without a space, or a line indented too far. */
function implicitKey(text: string, offset: number, first: string): YamlProblem {
  const start = lineStart(text, offset);
  const line = text.slice(start, lineEnd(text, offset));
  const indent = line.length - line.trimStart().length;
  // ` - y` under `  - x`: a list item out of line with the items above it.
  const above = previousContentLine(text, start);
  if (line.trimStart().startsWith("- ") && above !== undefined && above !== indent) {
    return { offset: start + indent, message: `Bad indentation: this list item starts at column ${indent + 1}, the line above at column ${above + 1}. Line up the items of one list.` };
  }
  // `b: foo: bar`: the value has ': ' in it.
  const pair = /^(\s*(?:- )?[^:#\s][^:#]*):\s+(.*)$/.exec(line);
  if (pair && /:\s/.test(pair[2]!) && !/^["'[{|>]/.test(pair[2]!)) {
    return { offset: start + line.indexOf(pair[2]!), message: `A value with ': ' in it must be quoted: write ${pair[1]!.trim()}: "${pair[2]!.trim()}".` };
  }
  // The next content line is indented further than this key: YAML reads it as more of this line's value.
  const next = nextContentLine(text, offset);
  if (next !== undefined && next.indent > indent && /:(\s|$)/.test(next.text) && /:\s+\S/.test(line)) {
    return {
      offset: next.start + next.indent,
      message: `Bad indentation: this line is indented further (column ${next.indent + 1}) than the key above it (column ${indent + 1}), which already has a value, so YAML reads it as more of that value. Indent it to column ${indent + 1}, or make it a child of a key that ends with ':'.`,
    };
  }
  // `b:1`: a colon without the space that makes it a key.
  const squeezed = /^(\s*)([^:\s#]+):(\S.*)$/.exec(line);
  if (squeezed && !/^\/\//.test(squeezed[3]!)) {
    return { offset: start + indent + squeezed[2]!.length + 1, message: `A key needs a space after its colon: write ${squeezed[2]}: ${squeezed[3]}.` };
  }
  if (!line.includes(":")) {
    return { offset: start + indent, message: "A line without a ':' in a mapping: write `key: value`, or indent the line under the key it belongs to." };
  }
  return { offset, message: /[.?!]$/.test(first) ? first : `${first}.` };
}

/** The opening quote of a string that runs from it to `end`: the last unescaped one before `end`. */
function openingQuote(text: string, end: number, quote: string): number | undefined {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"' && text[i - 1] === "\\") continue;
    if (quote === "'" && text[i - 1] === "'") {
      i--; // '' is an escaped quote inside a single-quoted string
      continue;
    }
    return i;
  }
  return undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", Math.max(0, offset - 1)) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end;
}

function firstCharOfLine(text: string, offset: number): number {
  const start = lineStart(text, offset);
  let i = start;
  while (text[i] === " ") i++;
  return i;
}

function isContent(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== "" && !trimmed.startsWith("#");
}

function previousContentLine(text: string, offset: number): number | undefined {
  const lines = text.slice(0, lineStart(text, offset)).split("\n").reverse();
  const found = lines.find(isContent);
  return found === undefined ? undefined : found.length - found.trimStart().length;
}

function nextContentLine(text: string, offset: number): { start: number; indent: number; text: string } | undefined {
  let start = lineEnd(text, offset) + 1;
  while (start < text.length) {
    const end = lineEnd(text, start);
    const line = text.slice(start, end);
    if (isContent(line)) return { start, indent: line.length - line.trimStart().length, text: line };
    start = end + 1;
  }
  return undefined;
}

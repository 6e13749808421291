/**
 * Where and why a text is not JSON. Only called after JSON.parse has failed: V8 names the position for some
 * mistakes and not for others ("Unexpected token ']', ... is not valid JSON"), and a caller needs the line and
 * column either way. A small scanner of the JSON grammar (RFC 8259) that stops at the first mistake.
 */

export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 code units) of the first character that cannot be there. */
  readonly offset: number;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;

  const describe = (at: number): string => (at >= text.length ? "the end of the body" : `'${text[at]}'`);
  // "unexpected the end of the body" is not English: a character is unexpected, the end is premature.
  const unexpected = (at: number): string => (at >= text.length ? "the body ends too early" : `unexpected '${text[at]}'`);
  const fail = (reason: string, at = i): never => {
    throw new Stop(at, reason);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) {
      if (text[i] !== word[k]) fail(`${unexpected(i)} (expected ${word})`);
    }
  };
  const digits = (what: string): void => {
    if (!isDigit(text[i])) fail(`expected ${what}, found ${describe(i)}`);
    while (isDigit(text[i])) i++;
  };
  const number = (): void => {
    if (text[i] === "-") i++;
    if (text[i] === "0") {
      i++;
      if (isDigit(text[i])) fail("a number cannot start with 0");
    } else digits("a digit");
    if (text[i] === ".") {
      i++;
      digits("a digit after the decimal point");
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits("a digit in the exponent");
    }
  };
  const string = (): void => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail("unterminated string (a closing \" is missing)");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail("a control character (such as a line break) inside a string; escape it, e.g. \\n");
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("\\u must be followed by four hex digits", i + 1);
          i += 6;
          continue;
        }
        if (next === undefined || !ESCAPES.has(next)) fail(`\\${next ?? ""} is not an escape JSON knows`, i + 1);
        i += 2;
        continue;
      }
      i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    if (c === "-" || isDigit(c)) return number();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "'") fail("strings take double quotes, not single quotes");
    fail(i >= text.length ? "the body ends where a value should be" : `unexpected '${text[i]}' where a value should be`);
  };
  const object = (): void => {
    i++;
    ws();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail(text[i] === "}" ? "a trailing comma before '}'" : `expected a property name in double quotes, found ${describe(i)}`);
      string();
      ws();
      if (text[i] !== ":") fail(`expected ':' after the property name, found ${describe(i)}`);
      i++;
      value();
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      fail(`expected ',' or '}' after a property value, found ${describe(i)}`);
    }
  };
  const array = (): void => {
    i++;
    ws();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === "]") fail("a trailing comma before ']'");
      value();
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      fail(`expected ',' or ']' after an array item, found ${describe(i)}`);
    }
  };

  try {
    value();
    ws();
    if (i < text.length) fail(`${unexpected(i)} after the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) return undefined; // e.g. nesting too deep for the stack: no position then
    const before = text.slice(0, error.offset);
    const line = before.split("\n").length;
    return { offset: error.offset, reason: error.reason, line, column: error.offset - before.lastIndexOf("\n") };
  }
}

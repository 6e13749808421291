/**
 * Whether a `pattern` is a valid .NET regular expression, as the platform (a .NET service) reads it. JavaScript's
 * `u` flag refuses what .NET takes (`\-`, `\#`, `x{`), and plain JavaScript takes what .NET refuses (`\_`,
 * `\i`, `\x1`), so neither is the judge. The pattern is scanned with .NET's rules, its .NET-only constructs
 * (inline options, atomic groups, `(?'name')`, balancing groups, conditionals, class subtraction, `\A \z \G`)
 * are rewritten to JavaScript equivalents, and JavaScript (without `u`) then checks the structure: unbalanced
 * parentheses, a quantifier with nothing to repeat, a range out of order.
 */

// Letters .NET gives a meaning after a backslash, outside a character class; any other letter, a digit that is
// not a group number or `_` is "Unrecognized escape sequence".
const LETTER_ESCAPES = new Set("abBdDeGfnrsStvwWzZAkpPxuc".split(""));
const CLASS_LETTER_ESCAPES = new Set("bdDefnrsStvwWpPxuc".split(""));

export function dotnetPatternProblem(pattern: string): string | undefined {
  const scan = new Scanner(pattern);
  let out: string;
  try {
    out = scan.sequence();
  } catch (error) {
    return error instanceof PatternError ? error.message : String(error);
  }
  for (const n of scan.numberRefs) if (n > scan.groups) return `Reference to undefined group number ${n}.`;
  for (const name of scan.nameRefs) if (!scan.names.has(name) && !(/^\d+$/.test(name) && Number(name) <= scan.groups)) return `Reference to undefined group name '${name}'.`;
  try {
    new RegExp(out);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/: /s, "") : String(error);
  }
}

class PatternError extends Error {}

class Scanner {
  private at = 0;
  groups = 0;
  readonly names = new Set<string>();
  readonly numberRefs: number[] = [];
  readonly nameRefs: string[] = [];

  constructor(private readonly text: string) {}

  /** The whole pattern, rewritten. */
  sequence(): string {
    let out = "";
    while (this.at < this.text.length) {
      const c = this.text[this.at]!;
      if (c === "\\") out += this.escape(false);
      else if (c === "[") out += this.charClass();
      else if (c === "(") out += this.groupOpen();
      else {
        out += c;
        this.at++;
      }
    }
    return out;
  }

  private fail(message: string): never {
    throw new PatternError(message);
  }

  private escape(inClass: boolean): string {
    const next = this.text[this.at + 1];
    if (next === undefined) this.fail("Illegal \\ at end of pattern.");
    this.at += 2;
    if (/[1-9]/.test(next) && !inClass) {
      let digits = next;
      while (/\d/.test(this.text[this.at] ?? "")) digits += this.text[this.at++];
      this.numberRefs.push(Number(digits));
      return "(?:)";
    }
    if (/[0-9]/.test(next)) return `\\${next}`;
    if (/[A-Za-z_]/.test(next)) {
      if (!(inClass ? CLASS_LETTER_ESCAPES : LETTER_ESCAPES).has(next)) this.fail(`Unrecognized escape sequence \\${next}.`);
      switch (next) {
        case "A":
        case "G":
          return "^";
        case "z":
        case "Z":
          return "$";
        case "e":
          return "\\x1b";
        case "a":
          return "\\x07";
        case "k":
          return this.namedReference();
        case "p":
        case "P": {
          const name = /^\{([\w-]+)\}/.exec(this.text.slice(this.at));
          if (!name) this.fail(`Incomplete \\${next}{X} character escape.`);
          this.at += name[0].length;
          return inClass ? "a" : ".";
        }
        case "x":
          return `\\x${this.hex(2, "x")}`;
        case "u":
          return `\\u${this.hex(4, "u")}`;
        case "c": {
          const letter = this.text[this.at];
          if (letter === undefined || !/[A-Za-z@[\\\]^_?]/.test(letter)) this.fail("Missing control character after \\c.");
          this.at++;
          return /[A-Za-z]/.test(letter) ? `\\c${letter}` : "\\x00";
        }
        default:
          return `\\${next}`;
      }
    }
    // Any other character stands for itself; JavaScript without `u` agrees.
    return `\\${next}`;
  }

  private hex(count: number, letter: string): string {
    const digits = this.text.slice(this.at, this.at + count);
    if (!new RegExp(`^[0-9A-Fa-f]{${count}}$`).test(digits)) this.fail(`Insufficient hex digits after \\${letter}.`);
    this.at += count;
    return digits;
  }

  private namedReference(): string {
    const ref = /^(?:<([^>]*)>|'([^']*)')/.exec(this.text.slice(this.at));
    if (!ref) this.fail("Malformed \\k<...> named back reference.");
    this.at += ref[0].length;
    this.nameRefs.push(ref[1] ?? ref[2] ?? "");
    return "(?:)";
  }

  /** `[...]`, with .NET's literal `]` first and `-[...]` subtraction, rewritten as a plain JavaScript class. */
  private charClass(): string {
    this.at++;
    let out = "[";
    if (this.text[this.at] === "^") {
      out += "^";
      this.at++;
    }
    let first = true;
    while (true) {
      const c = this.text[this.at];
      if (c === undefined) this.fail("Unterminated [] set.");
      if (c === "]" && !first) {
        this.at++;
        return `${out}]`;
      }
      first = false;
      if (c === "\\") {
        out += this.escape(true);
      } else if (c === "-" && this.text[this.at + 1] === "[") {
        // Subtraction: the subtracted class must be well formed and end the set.
        this.at++;
        this.charClass();
        if (this.text[this.at] !== "]") this.fail("A subtraction must be the last element in a character class.");
      } else if (c === "[" || c === "]") {
        out += `\\${c}`;
        this.at++;
      } else {
        out += c;
        this.at++;
      }
    }
  }

  private groupOpen(): string {
    const rest = this.text.slice(this.at);
    if (!rest.startsWith("(?")) {
      this.at++;
      this.groups++;
      return "(";
    }
    const comment = /^\(\?#[^)]*\)/.exec(rest);
    if (comment) {
      this.at += comment[0].length;
      return "";
    }
    if (rest.startsWith("(?#")) this.fail("Unterminated (?#...) comment.");
    const options = /^\(\?(?:[imnsx]+(?:-[imnsx]*)?|-[imnsx]+)([:)])/.exec(rest);
    if (options) {
      this.at += options[0].length;
      return options[1] === ":" ? "(?:" : "";
    }
    for (const plain of ["(?:", "(?=", "(?!", "(?<=", "(?<!"]) {
      if (rest.startsWith(plain)) {
        this.at += plain.length;
        return plain;
      }
    }
    if (rest.startsWith("(?>")) {
      this.at += 3;
      return "(?:";
    }
    const named = /^\(\?(?:<([A-Za-z_]\w*|\d+)?(?:-([A-Za-z_]\w*|\d+))?>|'([A-Za-z_]\w*|\d+)?(?:-([A-Za-z_]\w*|\d+))?')/.exec(rest);
    if (named && (named[1] ?? named[2] ?? named[3] ?? named[4]) !== undefined) {
      this.at += named[0].length;
      const name = named[1] ?? named[3];
      if (name !== undefined) {
        if (/^\d+$/.test(name)) this.groups = Math.max(this.groups, Number(name));
        else {
          this.names.add(name);
          this.groups++;
        }
      }
      const balanced = named[2] ?? named[4];
      if (balanced !== undefined) this.nameRefs.push(balanced);
      return name !== undefined && !/^\d+$/.test(name) ? "(" : "(?:";
    }
    if (rest.startsWith("(?(")) {
      // (?(condition)yes|no): the condition is a group name or an expression; either way a lookahead's shape.
      this.at += 3;
      return "(?:(?=";
    }
    return this.fail("Unrecognized grouping construct.");
  }
}

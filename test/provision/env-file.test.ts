import { test } from "node:test";
import assert from "node:assert/strict";
import { parseEnv } from "node:util";
import { UserError } from "../../scripts/diagnostics.js";
import { setEnvValues } from "../../scripts/provision/env-file.js";

test("setEnvValues replaces a key where it stands, appends new keys under a heading, and keeps every other line", () => {
  const before = "# comment\nexport A=1\nB='two words'\n\n# tail\n";
  const after = setEnvValues(before, { A: "x", C: "https://example.org/a b" }, "added");
  assert.equal(after, "# comment\nA=x\nB='two words'\n\n# tail\n\n# added\nC='https://example.org/a b'\n");
  assert.deepEqual({ ...parseEnv(after) }, { A: "x", B: "two words", C: "https://example.org/a b" });
  assert.equal(setEnvValues(after, { A: "x" }, "added"), after, "setting the same values changes nothing");
  assert.equal(setEnvValues("", { S: "abc8Q~x.y_z-" }, "h"), "# h\nS=abc8Q~x.y_z-\n");
});

test("setEnvValues refuses a file whose values a line edit would change (a multi-line value under the key)", () => {
  const text = 'K="first\nsecond"\nOTHER=1\n';
  assert.throws(() => setEnvValues(text, { K: "new" }, "h"), (error: unknown) => error instanceof UserError && /without changing/.test(error.message));
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { escapePlaceholders, findPlaceholders, substituteString } from "../../scripts/bundle/placeholders.js";
import { fromYamlJs } from "../../scripts/bundle/ordered.js";

const values: Record<string, string> = { HOST: "h.example.com", EMPTY: "" };
const lookup = (name: string): string | undefined => values[name];

test("placeholders: required, optional with a fallback, and the $${ escape", () => {
  assert.equal(substituteString("https://${HOST}/x", lookup), "https://h.example.com/x");
  assert.equal(substituteString("${MISSING:-fallback}|${EMPTY:-}|${MISSING}", lookup), "fallback||${MISSING}", "an unknown required one stays for the caller to report");
  assert.equal(substituteString("$${HOST} and $${not a name}", lookup), "${HOST} and ${not a name}");
  for (const text of ["${x}", "a $${b} c", "$$${X}", "${ spaced }"]) {
    assert.equal(substituteString(escapePlaceholders(text), lookup), text, `escaping ${text} gives it back`);
  }
  const uses = findPlaceholders(fromYamlJs({ a: ["${HOST} $${NOT}", { b: "${OPT:-x}" }] }));
  assert.deepEqual(uses, [
    { name: "HOST", path: ["a", 0], optional: false },
    { name: "OPT", path: ["a", 1, "b"], optional: true },
  ]);
});

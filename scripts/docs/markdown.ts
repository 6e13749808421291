/** The maker reference as Markdown: one section per action (Power Apps, then Power Automate), then the triggers. */
import type { CardField } from "../model/contract/flow.js";
import type { ArgumentDoc, DocsReference, OperationDoc, ReturnsDoc } from "./reference.js";

export function formatDocsMarkdown(ref: DocsReference): string {
  const actions = ref.operations.filter((d) => d.kind === "action");
  const triggers = ref.operations.filter((d) => d.kind === "trigger");
  const unsubscribes = ref.operations.filter((d) => d.kind === "unsubscribe");
  const connectionTests = ref.operations.filter((d) => d.kind === "connection-test");
  const ending = unsubscribes.length === 0 ? "" : ` (and ${unsubscribes.length === 1 ? "the operation" : `the ${unsubscribes.length} operations`} Power Automate calls to end their subscriptions, described with ${triggers.length === 1 ? "the trigger" : "each trigger"})`;
  const out: string[] = [`# ${ref.title || "Connector"}: actions for makers`, ""];
  if (ref.description) out.push(oneLine(ref.description), "");
  out.push(
    `In a canvas app the connector is the data source \`${ref.dataSource}\` (Power Apps names it after the connector; ` +
      `a second connection becomes \`${ref.dataSource}_1\`). ${count(actions.length, "action")}, ${count(triggers.length, "trigger")}${ending}` +
      `${connectionTests.length > 0 ? ", and the connection test Power Platform runs on a new connection" : ""}. ` +
      `Written by \`conduit docs\` from ${ref.source}.`,
    "",
  );
  if (ref.unsupportedExtensions.length > 0) {
    out.push(
      `> **Not supported by Power Fx's connector library:** the definition has ${list(ref.unsupportedExtensions.map(code))}, ` +
        `which it does not accept at the root or in \`info\`; unless its host ignores unknown extensions it refuses the whole connector. ` +
        `Remove them, or move what they say into \`x-ms-connector-metadata\`.`,
      "",
    );
  }
  if (actions.length > 0) {
    out.push("## Actions", "");
    for (const d of actions) out.push(`- [${escape(title(d))}](#${anchor(d)}): ${d.example ? `\`${d.signature.functionName}\`` : `not in canvas apps (${d.signature.notCallable.split(" (")[0]})`}`);
    out.push("");
    for (const d of actions) out.push(...section(d));
  }
  if (triggers.length > 0) {
    out.push("## Triggers (Power Automate only)", "", "Canvas apps cannot call triggers: a flow starts from them.", "");
    for (const d of triggers) out.push(...section(d));
  }
  for (const d of connectionTests) out.push(...connectionTest(d));
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/** The operation Power Platform calls to check a new connection: what it is for, and that makers do not call it. */
function connectionTest(d: OperationDoc): string[] {
  const op = d.operation;
  const out = ["## Connection test", "", `<a id="${anchor(d)}"></a>`, `\`${op.operationId}\` · ${op.method.toUpperCase()} ${op.path}`, ""];
  if (op.description) out.push(oneLine(op.description), "");
  out.push(
    "Power Platform calls it when a maker creates a connection (and when one is edited or repaired) to check that the " +
      "connection works: the spec names it in `x-ms-capabilities.testConnection`. It is not a Power Fx function and not a " +
      "flow action: makers never call it, and a failure shows as the connection's error when it is created.",
    "",
  );
  return out;
}

function section(d: OperationDoc): string[] {
  const op = d.operation;
  const flags = [
    `\`${op.operationId}\``,
    `${op.method.toUpperCase()} ${op.path}`,
    ...(op.deprecated ? ["**deprecated**"] : []),
    ...(op.visibility === "important" ? ["important"] : op.visibility === "advanced" ? ["advanced"] : []),
    ...(op.nextLink ? [`pages through \`${op.nextLink}\``] : []),
  ];
  const out = [`<a id="${anchor(d)}"></a>`, `### ${escape(title(d))}`, "", flags.join(" · "), ""];
  if (op.description && op.description !== op.summary) out.push(oneLine(op.description), "");
  if (d.kind === "action") out.push(...powerApps(d));
  out.push(...powerAutomate(d));
  out.push(...subscriptionEnd(d));
  return out;
}

/** How a trigger's subscription ends (its DELETE, which the platform calls), and what a visible such DELETE is. */
function subscriptionEnd(d: OperationDoc): string[] {
  const remover = d.unsubscribe;
  if (remover !== undefined) {
    const who = remover.visibility === "internal" ? "no maker calls it, and a canvas app cannot" : "a maker can call it too, as an action";
    return [
      "#### When the flow is turned off",
      "",
      `Turning the flow off or deleting it ends its subscription: Power Automate calls \`${remover.operationId}\` (${remover.method.toUpperCase()} ${remover.path}) ` +
        `at the address the subscription answered with (\`Location\`); ${who}.`,
      "",
    ];
  }
  if (d.kind === "action" && d.triggers !== undefined) {
    return [`Power Automate also calls it to end subscriptions of ${list(d.triggers.map(code))} when a flow is turned off.`, ""];
  }
  return [];
}

function powerApps(d: OperationDoc): string[] {
  const sig = d.signature;
  const out = ["#### Power Apps", ""];
  if (d.example === null || d.call === null) {
    out.push(`Not callable from a canvas app: ${sig.notCallable}.`, "");
    return out;
  }
  out.push("```powerfx", d.call, "```", "");
  out.push(`Example${d.placeholders.length > 0 ? ` (the spec has no sample for ${list(d.placeholders.map(code))}: replace ${d.placeholders.length === 1 ? "it" : "them"})` : ""}:`, "");
  out.push("```powerfx", d.example, "```", "");
  if (sig.behavior) out.push(`A behaviour function (${sig.operation.method.toUpperCase()}): call it from a behaviour property such as \`OnSelect\`, not from a property that only reads data.`, "");
  if (d.arguments.length > 0) {
    out.push("| Argument | Passed | Type | Description |", "|---|---|---|---|");
    for (const a of d.arguments) out.push(argumentRow(a));
    out.push("");
  } else {
    out.push("It takes no arguments.", "");
  }
  if (sig.automatic.length > 0) {
    out.push(`Sent with every call, not part of it: ${list(sig.automatic.map((i) => `\`${i.name}\` = \`${JSON.stringify(i.default)}\``))}.`, "");
  }
  for (const problem of sig.problems) out.push(`> **Note:** ${problem}.`, "");
  out.push(...returns(d.returns, true));
  return out;
}

function argumentRow(a: ArgumentDoc): string {
  const input = a.argument.input;
  const passed = a.position === "record" ? "optional, in the record" : `required, ${ordinal(a.position)}`;
  const renamed = a.argument.name !== input.name ? ` (the ${input.in} input \`${input.name}\`)` : "";
  const notes = [
    input.description || input.summary,
    input.enum ? `One of ${list(input.enum.slice(0, 8).map((v) => code(JSON.stringify(v))), "or")}${input.enum.length > 8 ? ", …" : ""}` : "",
    input.hasDefault && a.position === "record" ? `Default \`${JSON.stringify(input.default)}\`` : "",
    a.sample !== undefined ? `Example: \`${a.sample}\`` : "",
  ];
  return `| \`${a.argument.name}\`${renamed} | ${passed} | ${a.argument.type} | ${sentences(notes)} |`;
}

function returns(r: ReturnsDoc | undefined, canvas: boolean): string[] {
  if (r === undefined) return [canvas ? "Returns nothing to read (no response schema)." : "", ""];
  // The items of a table of records are its rows: the table's own line and its columns say it all (a recursive
  // table's line says whose shape its rows repeat).
  const rows = r.fields.filter((f) => f.path.endsWith("[]") && f.type === "Record");
  const fields = r.fields
    .filter((f) => f.path !== "" && !rows.includes(f))
    .map((f) => {
      const items = rows.find((row) => row.path === `${f.path}/[]`);
      return items?.recursive !== undefined ? { ...f, recursive: items.recursive } : f;
    });
  const what = r.output.dynamic
    ? "a shape fetched at design time (x-ms-dynamic-schema): a Dynamic value to cast, e.g. `Text(result.field)`"
    : r.type === "Record" ? "a record" : r.type.startsWith("Table") ? `a table${r.type === "Table" ? "" : ` (${r.type.slice(6)}, in its column \`Value\`)`}` : `a ${r.type} value`;
  const out = [canvas ? `Returns ${what}${fields.length > 0 ? ":" : "."}` : `Outputs (${r.output.status === "notification" ? "the notification it receives" : `the ${r.output.status} response`}):`, ""];
  if (fields.length === 0) return out;
  out.push(canvas ? "| Field | Type | Description |" : "| Dynamic content | Field | Type |", canvas ? "|---|---|---|" : "|---|---|---|");
  for (const f of fields) {
    const repeat = f.recursive !== undefined ? (f.recursive === "" ? "Rows of the same shape as the result" : `Same shape as \`${f.recursive}\``) : "";
    if (canvas) out.push(`| \`${f.fx}\` | ${f.type} | ${sentences([f.description, repeat])} |`);
    else out.push(`| ${f.dynamicContent === undefined ? "(hidden: internal)" : escape(f.dynamicContent)} | \`${f.fx}\` | ${f.type} |`);
  }
  out.push("");
  return out;
}

function powerAutomate(d: OperationDoc): string[] {
  const out = ["#### Power Automate", ""];
  const visible = d.card.filter((f) => f.placement !== "hidden");
  if (visible.length === 0) out.push("The card has no fields to fill.", "");
  else {
    out.push("| Field on the card | Name | Required | Shown | Notes |", "|---|---|---|---|---|");
    for (const f of d.card) out.push(cardRow(f));
    out.push("");
  }
  const root = d.returns?.fields.find((f) => f.path === "");
  if (d.returns && root && d.returns.fields.length === 1) out.push(`Dynamic content: ${root.dynamicContent ?? "Body"} (${root.type}).`, "");
  else out.push(...returns(d.returns, false));
  return out;
}

function cardRow(f: CardField): string {
  const input = f.input;
  const shown = f.placement === "hidden" ? "hidden (internal)" : f.placement === "advanced" ? "advanced options" : f.placement === "important" ? "first (important)" : "yes";
  const notes: string[] = [];
  if (input.enumNames.length > 0) notes.push(`choices: ${list(input.enumNames.slice(0, 6).map((e) => escape(e.displayName)))}${input.enumNames.length > 6 ? ", …" : ""}`);
  else if (input.enum) notes.push(`choices: ${list(input.enum.slice(0, 6).map((v) => code(JSON.stringify(v))))}${input.enum.length > 6 ? ", …" : ""}`);
  if (input.dynamicValues) notes.push(`drop-down from \`${input.dynamicValues}\``);
  if (input.hasDefault) notes.push(f.placement === "hidden" && f.input.required ? `sends \`${JSON.stringify(input.default)}\`` : `default \`${JSON.stringify(input.default)}\``);
  const indent = "&nbsp;&nbsp;".repeat(f.depth);
  return `| ${indent}${escape(f.label)} | \`${input.segments.join(".").replace(/\.\[\]/g, "[]")}\` (${input.in}) | ${f.required ? "yes" : ""} | ${shown} | ${notes.join("; ")} |`;
}

function title(d: OperationDoc): string {
  return d.operation.summary || d.operation.operationId;
}

function anchor(d: OperationDoc): string {
  return `op-${d.operation.operationId.replace(/[^A-Za-z0-9_-]/g, "-").toLowerCase()}`;
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
/** Markdown-safe text for a table cell: code spans keep their text (only `|` is escaped there, as GFM tables need). */
function escape(s: string): string {
  return oneLine(s)
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, "\\|") : part.replace(/([\\|*_<>[\]])/g, "\\$1")))
    .join("");
}
/** Notes as sentences in one table cell: each ends with a period, the empty ones dropped. */
function sentences(parts: readonly string[]): string {
  return parts
    .map((p) => oneLine(p))
    .filter((p) => p !== "")
    .map((p) => escape(/[.!?]$/.test(p) ? p : `${p}.`))
    .join(" ");
}

function list(items: readonly string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

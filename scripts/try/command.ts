/** `conduit try [operationId…]`: the custom connector wizard's Test tab, against the app running on loopback. */
import { createRequire } from "node:module";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { refuseBlockedSpec, selfContained } from "../generate/spec-source.js";
import { toOperationSpec } from "../generate/operation-spec.js";
import { buildApiModel } from "../model/build.js";
import type { OperationModel } from "../model/model.js";
import { displayPath, projectLayout } from "../project.js";
import { loadSwagger } from "../spec/load.js";
import { loadOrCreateIssuerState } from "../issuer/state.js";
import { currentIssuer, localToken } from "../token/local-token.js";
import type { CompiledValidator } from "../../src/runtime/contract.js";
import { planSteps, type Step } from "./plan.js";
import { startReceiver, type TryReceiver } from "./receiver.js";
import { runSteps, type GeneratedContract, type StepResult } from "./run.js";
import { findTarget, functionKey, type Target } from "./target.js";
import type { Credentials } from "./verdict.js";
import type { TriggerContext } from "./trigger.js";

const HELP = `Usage: conduit try [operationId...] [options]

Calls each action of the connector against the running app (conduit serve, conduit dev, npm start) as the custom
connector wizard's Test tab would: with the function key and a token from the local issuer, inputs from the
spec's x-ms-test-value, examples and defaults. Every answer is checked against the contract with the app's
generated validators. Creates run first and later calls use the ids they return; what the run creates, it
deletes. Naming actions runs those (plus the create they need, and a delete to clean up).

Each webhook trigger is run as a flow would use it: try subscribes a receiver on 127.0.0.1, runs the action that
fires the trigger (x-ms-operation-context.simulate in the spec; x-conduit-try.user for a trigger that fires for
one user), waits for the event, checks it against x-ms-notification-content and unsubscribes (DELETE Location).

Prints one line per call and per trigger: name, status, time, verdict (for a trigger: the subscription's status
and the time from the firing action's call to the event). Exit 1 if an answer is outside the contract or
refuses the request (400, 401, 403, 405, 413, 415: the spec's example input, the key or the token is wrong), or a
trigger's event does not come or is outside the contract; 2 if no app is running.

Options:
  --url URL         the app's root URL (default: the one app running, from .conduit/serve.json; with several
                    running, say which); a serve of this project there signs try's token with its issuer
  --wait SECONDS    wait this long for the app to come up (default 0)
  --user NAME       the signed-in user the token is for (default ana)
  --token TOKEN     send this bearer token instead of one from the local issuer (for an app with its own auth,
                    or one on another machine)
  --key KEY         the function key (default: CONDUIT_FUNCTION_KEY, as in local.settings.json)
  --event-wait SECONDS  how long to wait for a trigger's event (default 10)
  --verbose         print each request and answer
  -h, --help        show this help
`;

export const tryCommand: Command = {
  summary: "call every action against the running app, as the wizard's Test tab would, and check the answers",
  help: HELP,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        url: { type: "string" },
        wait: { type: "string", default: "0" },
        user: { type: "string", default: "ana" },
        token: { type: "string" },
        key: { type: "string" },
        "event-wait": { type: "string", default: "10" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const waitSeconds = Number(values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UserError(`--wait ${values.wait}: give a number of seconds`);
    const eventSeconds = Number(values["event-wait"]);
    if (!Number.isFinite(eventSeconds) || eventSeconds <= 0) throw new UserError(`--event-wait ${values["event-wait"]}: give a number of seconds`);
    const layout = projectLayout();
    const document = await loadSwagger(displayPath(layout.spec));
    const data = await selfContained(document);
    refuseBlockedSpec(document, data);
    const model = buildApiModel(data, document.source);
    const requested = selectOperations(model.operations, positionals);
    const contract = await loadGeneratedContract();

    const target = await findTarget(layout.root, { ...(values.url === undefined ? {} : { url: values.url }), waitSeconds });
    const key = values.key ?? (await functionKey(layout.localSettings));
    const headers: Record<string, string> = {};
    if (key !== undefined) headers["x-functions-key"] = key;
    const scopes = [...new Set(model.operations.flatMap((o) => o.security.flat().filter((r) => r.type === "oauth2").flatMap((r) => r.scopes)))].sort();
    const issuer = await tokenIssuer(layout.root, target);
    const signIn = async (user: string) => `Bearer ${(await localToken({ root: layout.root, user, scopes, ...(typeof issuer === "string" ? { issuer } : {}) })).token}`;
    let token: Credentials["token"];
    if (values.token !== undefined) {
      headers["authorization"] = `Bearer ${values.token}`;
      token = { kind: "given" };
    } else if (typeof issuer === "string") {
      headers["authorization"] = await signIn(values.user);
      token = { kind: "local", user: values.user, issuer };
    } else {
      token = { kind: "none", why: issuer.none };
    }
    const credentials: Credentials = { key: key !== undefined, token };
    const who = token.kind === "local" ? `as ${values.user}` : token.kind === "given" ? "with the token given" : `without a token (${token.why})`;

    const steps = planSteps(data, model.operations, requested);
    const mode = target.record ? ` (${target.record.mode}, pid ${target.record.pid})` : "";
    const actions = steps.filter((s) => s.kind === "call").length;
    const triggerCount = steps.filter((s) => s.kind === "trigger").length;
    const triggerText = triggerCount > 0 ? ` and ${triggerCount} trigger${triggerCount === 1 ? "" : "s"}` : "";
    process.stdout.write(`conduit try: ${actions} call${actions === 1 ? "" : "s"}${triggerText} against ${target.url}${mode} ${who}\n`);
    const started = performance.now();
    const printer = linePrinter(steps, values.verbose);
    const skip = triggerSkip(target);
    const receiver = triggerCount > 0 && skip === undefined ? await startReceiver() : undefined;
    try {
      const triggers: TriggerContext | { skip: string } | undefined = skip !== undefined ? { skip } : receiver === undefined ? undefined : {
        receiver,
        events: loadEventValidators(steps.filter((s) => s.kind === "trigger").map((s) => s.operation.name)),
        eventTimeoutMs: eventSeconds * 1000,
        // A trigger that fires for one user is subscribed and fired as that user, signed by the local issuer.
        headersFor: async (user) => {
          if (user === undefined || user === values.user || headers["authorization"] === undefined) return headers;
          if (token.kind !== "local") {
            return `it fires for ${user}, and try can sign in as them only with the local issuer (not with --token)`;
          }
          return { ...headers, authorization: await signIn(user) };
        },
      };
      const outcome = await runSteps(
        steps,
        { root: data, all: model.operations, url: target.url, headers, credentials, contract, stale: staleness(contract), ...(triggers === undefined ? {} : { triggers }) },
        printer,
      );
      for (const note of outcome.leftBehind) process.stdout.write(`  note: ${note}\n`);
      const late = lateEvents(receiver);
      const failed = summarize(outcome.results, performance.now() - started);
      return failed || late ? 1 : 0;
    } finally {
      await receiver?.close();
    }
  },
};

function selectOperations(all: readonly OperationModel[], names: readonly string[]): OperationModel[] {
  return names.map((name) => {
    const found = all.find((o) => o.operationId === name) ?? all.find((o) => o.operationId.toLowerCase() === name.toLowerCase() || o.name === name);
    if (found === undefined) {
      const close = all.filter((o) => o.operationId.toLowerCase().includes(name.toLowerCase())).map((o) => o.operationId);
      throw new UserError(`the spec has no operation ${name}${close.length > 0 ? `: did you mean ${close.join(", ")}?` : `; it has ${all.map((o) => o.operationId).join(", ")}`}`);
    }
    return found;
  });
}

/** The app's generated contract, compiled beside this module (dist/generated), as the running app loads it. */
async function loadGeneratedContract(): Promise<GeneratedContract> {
  try {
    const [{ operations }, { validators }] = await Promise.all([
      import(new URL("../../generated/operations.js", import.meta.url).href) as Promise<Pick<GeneratedContract, "operations">>,
      import(new URL("../../generated/validators.js", import.meta.url).href) as Promise<Pick<GeneratedContract, "validators">>,
    ]);
    return { operations, validators };
  } catch {
    throw new UserError("the app's generated contract is not built: run `npm run generate` and `npm run build` (npm start does both)", { exitCode: 2 });
  }
}

/**
 * The issuer that signs try's token: the app's own local issuer (from its serve record, whether found by --url or
 * as the only app running); for an app on this machine that serve did not record, the project's local issuer
 * (as \`conduit token\` signs); none for an app that does not use the local issuer or runs elsewhere (why, then).
 */
async function tokenIssuer(root: string, target: Target): Promise<string | { none: string }> {
  if (target.record !== undefined) {
    return target.record.issuer?.issuer ?? { none: `the app runs without the local issuer (${target.record.mode} --no-issuer or CONDUIT_AUTH_* settings)` };
  }
  if (!isLoopback(target.url)) return { none: `the app at ${new URL(target.url).host} is not on this machine; the local issuer signs only for apps here` };
  const state = await loadOrCreateIssuerState(root);
  return currentIssuer(root, state);
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

/** Why triggers cannot run against this target, else undefined. */
function triggerSkip(target: Target): string | undefined {
  if (target.record?.mode === "mock") return "serve --mock takes subscriptions from the spec's examples and delivers no events";
  if (!isLoopback(target.url)) return `the app at ${new URL(target.url).hostname} is not on this machine: it cannot call back a receiver on 127.0.0.1`;
  return undefined;
}

/** The triggers' event validators from the app's build (generated/events/<Trigger>.cts); a trigger not built has none. */
function loadEventValidators(triggers: readonly string[]): Readonly<Record<string, CompiledValidator | undefined>> {
  const require = createRequire(import.meta.url);
  const validators: Record<string, CompiledValidator | undefined> = {};
  for (const name of triggers) {
    try {
      validators[name] = (require(`../../generated/events/${name}.cjs`) as Readonly<Record<string, CompiledValidator | undefined>>)[name];
    } catch {
      validators[name] = undefined;
    }
  }
  return validators;
}

/** Events the app sent to a subscription after it was deleted: said, and they fail the run. */
function lateEvents(receiver: TryReceiver | undefined): boolean {
  const late = receiver?.late() ?? [];
  for (const event of late) {
    process.stdout.write(`  ${event.name}: an event (${String(event.headers["webhook-id"] ?? "no webhook-id")}) arrived after its subscription was deleted\n`);
  }
  return late.length > 0;
}

/** An operation whose generated contract is not what the spec says now: the build is older than the spec. */
function staleness(contract: GeneratedContract): (operation: OperationModel) => string | undefined {
  return (operation) => {
    const generated = contract.operations[operation.name];
    if (generated === undefined || contract.validators[operation.name] === undefined) {
      return "not in the app's build: run `npm run generate` and `npm run build`, or use `conduit dev`";
    }
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(toOperationSpec(operation))), JSON.parse(JSON.stringify(generated)))) {
      return "the app's build is older than the spec: run `npm run generate` and `npm run build`, or use `conduit dev`";
    }
    return undefined;
  };
}

const VERDICT_TEXT = {
  ok: "ok",
  "not-implemented": "not implemented (stub)",
  refused: "REFUSED",
  outside: "OUTSIDE THE CONTRACT",
  "no-event": "NO EVENT",
  failed: "FAILED",
} as const;

function linePrinter(steps: readonly Step[], verbose: boolean): (result: StepResult) => void {
  const label = (step: Step) => `${step.operation.operationId}${step.kind !== "skip" && step.role !== "requested" ? ` (${step.role})` : ""}`;
  const nameWidth = Math.max(...steps.map((s) => label(s).length));
  const route = (step: Step) => `${step.operation.method.padEnd(6)} ${step.operation.path}`;
  const routeWidth = Math.max(...steps.map((s) => route(s).length));
  return (result) => {
    const step = result.step;
    const head = `  ${label(step).padEnd(nameWidth)}  ${route(step).padEnd(routeWidth)}`;
    const lines: string[] = [];
    if (result.kind === "skipped") lines.push(`${head}    -         -  skipped: ${result.reason}`);
    else if (result.kind === "failed") lines.push(`${head}    -  ${formatMs(result.ms)}  FAILED: ${result.reason}`);
    else if (result.kind === "trigger") {
      const { verdict } = result;
      const summary = verdict.summary === "" ? "" : ` (${verdict.summary})`;
      lines.push(`${head}  ${result.status === undefined ? "  -" : String(result.status).padStart(3)}  ${formatMs(result.ms)}  ${VERDICT_TEXT[verdict.kind]}${summary}`);
      for (const problem of verdict.problems) lines.push(`      ${problem}`);
      if (verbose) lines.push(...result.log.map((line) => `    ${line}`));
    } else {
      lines.push(`${head}  ${String(result.status).padStart(3)}  ${formatMs(result.ms)}  ${VERDICT_TEXT[result.verdict.kind]}`);
      for (const problem of result.verdict.problems) lines.push(`      ${problem}`);
    }
    if (verbose && (result.kind === "called" || result.kind === "failed") && result.request !== undefined) {
      const query = result.request.query.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join("&");
      lines.push(`      > ${result.request.method} ${result.request.path}${query ? `?${query}` : ""}`);
      for (const [name, value] of Object.entries(result.request.headers)) lines.push(`      > ${name}: ${value}`);
      if (result.request.body !== undefined) lines.push(`      > ${bodyText(result.request.body)}`);
      for (const note of result.request.notes) lines.push(`      note: ${note}`);
      if (result.kind === "called" && result.responseText !== "") lines.push(`      < ${result.responseText.slice(0, 2_000)}`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  };
}

function bodyText(body: NonNullable<import("./inputs.js").TryRequest["body"]>): string {
  switch (body.kind) {
    case "json":
      return JSON.stringify(body.value);
    case "text":
      return body.value;
    case "bytes":
      return `${body.value.byteLength} bytes`;
    case "form":
      return body.fields.map((f) => `${f.name}=${f.fileName ?? f.value}`).join("&");
  }
}

function formatMs(ms: number): string {
  return `${ms.toFixed(0).padStart(5)} ms`;
}

/** The closing line; true when the run failed. */
function summarize(results: readonly StepResult[], ms: number): boolean {
  const count = (predicate: (r: StepResult) => boolean) => results.filter(predicate).length;
  const calls = count((r) => r.kind === "called" || r.kind === "failed");
  const ok = count((r) => r.kind === "called" && r.verdict.kind === "ok");
  const stubs = count((r) => r.kind === "called" && r.verdict.kind === "not-implemented");
  const refused = count((r) => r.kind === "called" && r.verdict.kind === "refused");
  const outside = count((r) => r.kind === "called" && r.verdict.kind === "outside");
  const failed = count((r) => r.kind === "failed");
  const parts = [`${ok} within the contract`];
  if (stubs > 0) parts.push(`${stubs} not implemented yet`);
  if (refused > 0) parts.push(`${refused} refused`);
  if (outside > 0) parts.push(`${outside} outside the contract`);
  if (failed > 0) parts.push(`${failed} not called`);

  const isTrigger = (r: StepResult) => r.step.kind !== "call";
  const triggers = results.filter(isTrigger);
  const verdict = (kind: string) => count((r) => r.kind === "trigger" && r.verdict.kind === kind);
  const triggerParts: string[] = [];
  const delivered = verdict("ok");
  if (delivered > 0) triggerParts.push(`${delivered} delivered ${delivered === 1 ? "its event" : "their events"} within the contract`);
  if (verdict("not-implemented") > 0) triggerParts.push(`${verdict("not-implemented")} not implemented yet`);
  if (verdict("refused") > 0) triggerParts.push(`${verdict("refused")} refused`);
  if (verdict("outside") > 0) triggerParts.push(`${verdict("outside")} outside the contract`);
  if (verdict("no-event") > 0) triggerParts.push(`${verdict("no-event")} without an event`);
  if (verdict("failed") > 0) triggerParts.push(`${verdict("failed")} failed`);
  const skipped = count((r) => isTrigger(r) && r.kind === "skipped");
  if (skipped > 0) triggerParts.push(`${skipped} skipped`);
  const sections = [
    ...(calls > 0 || triggers.length === 0 ? [`${calls} call${calls === 1 ? "" : "s"}: ${parts.join(", ")}`] : []),
    ...(triggers.length > 0 ? [`${triggers.length} trigger${triggers.length === 1 ? "" : "s"}: ${triggerParts.join(", ")}`] : []),
  ];
  process.stdout.write(`${sections.join("; ")} (${(ms / 1000).toFixed(1)} s)\n`);
  const triggerFailures = verdict("refused") + verdict("outside") + verdict("no-event") + verdict("failed");
  return refused + outside + failed + triggerFailures > 0;
}

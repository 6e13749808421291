/** `conduit try [operationId…]`: the custom connector wizard's Test tab, against the app running on loopback. */
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
import { localToken } from "../token/local-token.js";
import { planSteps, type Step } from "./plan.js";
import { runSteps, type GeneratedContract, type StepResult } from "./run.js";
import { findTarget, functionKey } from "./target.js";

const HELP = `Usage: conduit try [operationId...] [options]

Calls each action of the connector against the running app (conduit serve, conduit dev, npm start) as the custom
connector wizard's Test tab would: with the function key and a token from the local issuer, inputs from the
spec's x-ms-test-value, examples and defaults. Every answer is checked against the contract with the app's
generated validators. Creates run first and later calls use the ids they return; what the run creates, it
deletes. Naming actions runs those (plus the create they need, and a delete to clean up). Triggers are skipped.

Prints one line per call: action, status, time, verdict. Exit 1 if an answer is outside the contract or refuses
the request (400, 401, 403, 405, 413, 415: the spec's example input, the key or the token is wrong); 2 if no app
is running.

Options:
  --url URL         the app's root URL (default: the running serve's, from .conduit/serve.json)
  --wait SECONDS    wait this long for the app to come up (default 0)
  --user NAME       the signed-in user the token is for (default ana)
  --token TOKEN     send this bearer token instead of one from the local issuer (for an app with its own auth)
  --key KEY         the function key (default: CONDUIT_FUNCTION_KEY, as in local.settings.json)
  --verbose         print each request and answer
  -h, --help        show this help
`;

export const tryCommand: Command = {
  summary: "call every action against the running app, as the wizard's Test tab would, and check the answers",
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        url: { type: "string" },
        wait: { type: "string", default: "0" },
        user: { type: "string", default: "ana" },
        token: { type: "string" },
        key: { type: "string" },
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
    let who = "without a token";
    if (values.token !== undefined) {
      headers["authorization"] = `Bearer ${values.token}`;
      who = "with the token given";
    } else if (target.record?.issuer !== undefined) {
      const scopes = [...new Set(model.operations.flatMap((o) => o.security.flat().filter((r) => r.type === "oauth2").flatMap((r) => r.scopes)))].sort();
      const { token } = await localToken({ root: layout.root, user: values.user, scopes });
      headers["authorization"] = `Bearer ${token}`;
      who = `as ${values.user}`;
    }

    const steps = planSteps(data, model.operations, requested);
    const mode = target.record ? ` (${target.record.mode}, pid ${target.record.pid})` : "";
    const actions = steps.filter((s) => s.kind === "call").length;
    process.stdout.write(`conduit try: ${actions} call${actions === 1 ? "" : "s"} against ${target.url}${mode} ${who}\n`);
    const started = performance.now();
    const printer = linePrinter(steps, values.verbose);
    const outcome = await runSteps(
      steps,
      { root: data, all: model.operations, url: target.url, headers, contract, stale: staleness(contract) },
      printer,
    );
    for (const note of outcome.leftBehind) process.stdout.write(`  note: ${note}\n`);
    const failed = summarize(outcome.results, performance.now() - started);
    return failed ? 1 : 0;
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

const VERDICT_TEXT = { ok: "ok", "not-implemented": "not implemented (stub)", refused: "REFUSED", outside: "OUTSIDE THE CONTRACT" } as const;

function linePrinter(steps: readonly Step[], verbose: boolean): (result: StepResult) => void {
  const label = (step: Step) => `${step.operation.operationId}${step.kind === "call" && step.role !== "requested" ? ` (${step.role})` : ""}`;
  const nameWidth = Math.max(...steps.map((s) => label(s).length));
  const route = (step: Step) => `${step.operation.method.padEnd(6)} ${step.operation.path}`;
  const routeWidth = Math.max(...steps.map((s) => route(s).length));
  return (result) => {
    const step = result.step;
    const head = `  ${label(step).padEnd(nameWidth)}  ${route(step).padEnd(routeWidth)}`;
    const lines: string[] = [];
    if (result.kind === "skipped") lines.push(`${head}    -         -  skipped: ${result.reason}`);
    else if (result.kind === "failed") lines.push(`${head}    -  ${formatMs(result.ms)}  FAILED: ${result.reason}`);
    else {
      lines.push(`${head}  ${String(result.status).padStart(3)}  ${formatMs(result.ms)}  ${VERDICT_TEXT[result.verdict.kind]}`);
      for (const problem of result.verdict.problems) lines.push(`      ${problem}`);
    }
    if (verbose && result.kind !== "skipped" && result.request !== undefined) {
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
  const calls = count((r) => r.kind !== "skipped");
  const ok = count((r) => r.kind === "called" && r.verdict.kind === "ok");
  const stubs = count((r) => r.kind === "called" && r.verdict.kind === "not-implemented");
  const refused = count((r) => r.kind === "called" && r.verdict.kind === "refused");
  const outside = count((r) => r.kind === "called" && r.verdict.kind === "outside");
  const failed = count((r) => r.kind === "failed");
  const skipped = count((r) => r.kind === "skipped" && r.step.kind === "skip");
  const parts = [`${ok} within the contract`];
  if (stubs > 0) parts.push(`${stubs} not implemented yet`);
  if (refused > 0) parts.push(`${refused} refused`);
  if (outside > 0) parts.push(`${outside} outside the contract`);
  if (failed > 0) parts.push(`${failed} not called`);
  const skippedText = skipped > 0 ? `; ${skipped} trigger${skipped === 1 ? "" : "s"} skipped` : "";
  process.stdout.write(`${calls} call${calls === 1 ? "" : "s"}: ${parts.join(", ")}${skippedText} (${(ms / 1000).toFixed(1)} s)\n`);
  return refused + outside + failed > 0;
}

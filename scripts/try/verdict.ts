/**
 * Whether an answer is one the contract allows: a declared status (or `default`), and for a status with a schema
 * a JSON body that the generated validator accepts. A 501 that nothing declares is a stub not written yet.
 * An answer refusing try's own request (400, 401, 403, 405, 413, 415) means the spec's examples or the
 * credentials are wrong: it fails the run even where the spec declares that status. Pure.
 */
import type { OperationValidators, ResponseSpec } from "../../src/runtime/contract.js";

export type VerdictKind = "ok" | "not-implemented" | "refused" | "outside";

export interface Verdict {
  readonly kind: VerdictKind;
  /** One line each: what is wrong (or, for refusals, what the API said). */
  readonly problems: readonly string[];
}

export interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly wwwAuthenticate?: string | undefined;
  readonly text: string;
}

/** What try sent to prove who calls: said when the app refuses it, with how to send the right one. */
export interface Credentials {
  readonly key: boolean;
  readonly token:
    | { readonly kind: "local"; readonly user: string; readonly issuer: string }
    | { readonly kind: "given" }
    | { readonly kind: "none"; readonly why: string };
}

const REFUSALS = new Set([400, 401, 403, 405, 413, 415]);

export function judge(responses: readonly ResponseSpec[], validators: OperationValidators, answer: Answer, sent?: Credentials): Verdict {
  const declared = responses.find((r) => r.status === String(answer.status)) ?? responses.find((r) => r.status === "default");
  if (answer.status === 501 && !responses.some((r) => r.status === "501")) {
    return { kind: "not-implemented", problems: [] };
  }
  if (REFUSALS.has(answer.status)) return { kind: "refused", problems: refusalDetail(answer, sent) };
  if (declared === undefined) {
    const list = responses.map((r) => r.status).join(", ") || "none";
    return { kind: "outside", problems: [`status ${answer.status} is not declared (the spec declares ${list})`, ...problemDetail(answer)] };
  }
  if (declared.binary || !declared.hasSchema) return { kind: "ok", problems: [] };
  if (answer.text === "") return { kind: "outside", problems: [`no body: the spec declares a ${declared.status} body`] };
  if (!isJson(answer.contentType)) {
    return { kind: "outside", problems: [`content-type ${answer.contentType ?? "(none)"}: the spec declares a JSON body (${declared.contentType ?? "application/json"})`] };
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch (error) {
    return { kind: "outside", problems: [`the body is not JSON: ${(error as Error).message}`] };
  }
  const validate = validators.responses[declared.status];
  if (validate === undefined || validate(body)) return { kind: "ok", problems: [] };
  return {
    kind: "outside",
    problems: (validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? e.keyword}${allowed(e.params)}`),
  };
}

function allowed(params: Record<string, unknown>): string {
  const values = params["allowedValues"];
  return Array.isArray(values) ? ` (${values.map((v) => JSON.stringify(v)).join(", ")})` : "";
}

function isJson(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

/** What a refusal says: the challenge's error_description, the problem's detail and field errors. */
function refusalDetail(answer: Answer, sent: Credentials | undefined): string[] {
  const lines: string[] = [];
  const description = /error_description="([^"]*)"/.exec(answer.wwwAuthenticate ?? "")?.[1];
  if (description !== undefined) lines.push(description);
  const same = (a: string, b: string) => a.replace(/\.$/, "") === b.replace(/\.$/, "");
  lines.push(...problemDetail(answer).filter((line) => description === undefined || !same(line, description)));
  if (answer.status === 401 || answer.status === 403) lines.push(credentialsHint(answer, sent));
  return lines;
}

/** Which credential the app refused, and how to send one it takes. */
function credentialsHint(answer: Answer, sent: Credentials | undefined): string {
  if (answer.wwwAuthenticate === undefined) {
    return sent?.key === false
      ? "try sent no function key: pass it with --key KEY (CONDUIT_FUNCTION_KEY in local.settings.json)"
      : "the function key try sent was refused: pass the app's key with --key KEY (CONDUIT_FUNCTION_KEY in the app's local.settings.json)";
  }
  if (answer.status === 403) return "the token was accepted but does not allow this: sign in as another user with --user NAME, or pass a token with the scope or role it needs with --token TOKEN (conduit token --scope S --role R)";
  switch (sent?.token.kind) {
    case "none":
      return `try sent no token (${sent.token.why}): pass one with --token TOKEN (for an app of this project: --token "$(conduit token --user NAME)")`;
    case "given":
      return "the token given with --token was refused: get a fresh one for this app (for the local issuer: conduit token --user NAME)";
    case "local":
      return `the token try signed for ${sent.token.user} (issuer ${sent.token.issuer}) was refused: does the app trust the local issuer (conduit serve without --no-issuer)? Otherwise pass --token TOKEN`;
    default:
      return "the token try sent was refused: see --key, --token and --user";
  }
}

function problemDetail(answer: Answer): string[] {
  if (answer.text.trim() === "") return [];
  if (!isJson(answer.contentType)) return answer.text ? [answer.text.slice(0, 200)] : [];
  try {
    const problem = JSON.parse(answer.text) as { detail?: unknown; errors?: unknown };
    const lines = typeof problem.detail === "string" ? [problem.detail] : [];
    if (Array.isArray(problem.errors)) {
      for (const error of problem.errors as { in?: unknown; name?: unknown; message?: unknown }[]) {
        lines.push(`  ${String(error.in ?? "")} ${String(error.name ?? "")}: ${String(error.message ?? "")}`);
      }
    }
    return lines;
  } catch {
    return [answer.text.slice(0, 200)];
  }
}

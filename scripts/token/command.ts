import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { projectLayout } from "../project.js";
import { DEFAULT_LIFETIME_SECONDS } from "../issuer/mint.js";
import { ISSUER_STATE_FILE } from "../issuer/state.js";
import { listApps, readServeRecords } from "../serve/record.js";
import { localToken } from "./local-token.js";
import { specScopes } from "./spec-scopes.js";

const HELP = `Usage: conduit token --user NAME [--scope SCOPE]... [options]

Prints an access token signed by the local issuer that \`conduit serve\` starts, in the shape of an Entra ID
v2.0 token for the function app (iss, aud, tid, oid, name, preferred_username, scp, exp). For example:

  curl -H "Authorization: Bearer $(conduit token --user ana --scope user_impersonation)" \\
       http://127.0.0.1:7071/api/workorders

The issuer's tenant, client id and signing key live in ${ISSUER_STATE_FILE} (git-ignored; created on first use),
so tokens keep working across restarts until they expire. While \`conduit serve\` runs, the token names the issuer
it started (whatever --issuer-port chose); otherwise the port kept in that file. With several apps running (two
serves, or serve and dev), the token is for the one started last unless --url names another.

Options:
  --user NAME        the signed-in user: a name (ana, ana.lopez) or a sign-in name (ana@contoso.com)
  --scope SCOPE      a delegated scope for scp; repeat it, or separate several with spaces
                     (default: every scope the spec's operations ask for)
  --role ROLE        an app role for roles; repeatable
  --lifetime MIN     minutes until the token expires (default ${DEFAULT_LIFETIME_SECONDS / 60}, at most 1440)
  --url URL          the running app the token is for (its URL as serve's banner prints it), when several run
  -h, --help         show this help
`;

const MAX_LIFETIME_MINUTES = 24 * 60;

export const tokenCommand: Command = {
  summary: "print an access token from the local issuer (for calls to `conduit serve`)",
  help: HELP,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        user: { type: "string" },
        scope: { type: "string", multiple: true },
        role: { type: "string", multiple: true },
        lifetime: { type: "string" },
        url: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length > 0) throw new UserError(`token takes no positional arguments (got ${positionals.join(" ")}): use --user NAME --scope SCOPE`);
    const user = values.user?.trim();
    if (!user) throw new UserError("--user NAME is required: the user the token is for, e.g. --user ana");
    if (!/^[^\s"\\]+$/.test(user)) throw new UserError(`--user "${user}": use a name or sign-in name without spaces or quotes`);
    const lifetimeSeconds = readLifetime(values.lifetime);

    const layout = projectLayout();
    const given = splitWords(values.scope ?? []);
    const requested = given.length > 0 ? given : await specScopes();
    if (requested.length === 0) throw new UserError("no scope given and the spec asks for none: pass --scope SCOPE");
    const roles = splitWords(values.role ?? []);
    const { token, issuer, scopes } = await localToken({ root: layout.root, user, scopes: requested, roles, lifetimeSeconds, ...(values.url !== undefined ? { url: values.url } : {}) });
    if (values.url === undefined) {
      const running = (await readServeRecords(layout.root)).filter((r) => r.issuer !== undefined);
      // stderr: stdout carries only the token, for $(conduit token ...).
      if (running.length > 1) process.stderr.write(`${running.length} apps are running here; this token is for ${running.at(-1)!.url}, the one started last. For another, pass --url:\n${listApps(running)}\n`);
    }
    process.stdout.write(`${token}\n`);
    if (process.stderr.isTTY) {
      const expires = new Date(Date.now() + lifetimeSeconds * 1000).toLocaleTimeString();
      process.stderr.write(`token for ${user} (scp: ${scopes.join(" ")}${roles.length ? `; roles: ${roles.join(" ")}` : ""}), valid until ${expires}; issuer ${issuer}\n`);
    }
    return 0;
  },
};

function splitWords(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((value) => value.split(/[\s,]+/)).filter((word) => word !== ""))];
}

function readLifetime(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIFETIME_SECONDS;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_LIFETIME_MINUTES) {
    throw new UserError(`--lifetime ${raw}: give whole minutes from 1 to ${MAX_LIFETIME_MINUTES}`);
  }
  return minutes * 60;
}

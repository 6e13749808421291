import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/identity";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { ServiceError } from "../azure/http.js";
import { defaultCredential } from "../azure/sign-in.js";
import { DEFAULT_SECRET_DAYS, MAX_SECRET_DAYS } from "./secret.js";
import { ENV_KEYS, provision, type ProvisionOptions, type ProvisionResult } from "./provision.js";

const HELP = `Usage: conduit provision --env NAME [--plan] [--host HOST] [--rotate-secret] [--secret-days N] [--tenant ID] [--name BASE]

Creates or updates, through Microsoft Graph, the two Entra ID app registrations a connector to this function app
needs, and records what \`conduit bundle --env NAME\` needs in .env.NAME (git-ignored, readable by you only):

  function app registration  single tenant, identifier URI api://<client id>, the user_impersonation scope,
                             v2 access tokens, the connector pre-authorized for the scope
  connector registration     single tenant, web redirect URI https://global.consent.azure-apim.net/redirect,
                             the delegated permission to that scope, admin consent where you may grant it,
                             a client secret (its value goes into .env.NAME only, never to the screen)

Running it again changes nothing that is already right. Registrations are found by their uniqueName
(conduit-<title>-<env>-api, -connector), never by display name.

Sign-in: the Azure CLI's (\`az login\`) where it is installed and signed in, else a device code.

Options:
  --env NAME          the environment: reads and writes .env.NAME (required)
  --plan              print what would change and change nothing (reads Graph, writes nothing)
  --host HOST         the function app's host name (e.g. myapp.azurewebsites.net), recorded as CONDUIT_HOST
  --rotate-secret     replace the client secret (a secret near its end is reported on every run; an expired one
                      is always replaced); the previous one stays valid until its end
  --secret-days N     lifetime of a new client secret in days (default ${DEFAULT_SECRET_DAYS}, at most ${MAX_SECRET_DAYS})
  --tenant ID         the directory to sign in to, when your account has more than one
  --name BASE         the base of the registrations' uniqueName (default: recorded in .env.NAME, else
                      conduit-<spec title>-<env>)
  -h, --help          show this help

Exit codes: 0 done (or, with --plan, nothing to change), 1 a change is pending (--plan) or a service refused,
2 bad usage or input, or no sign-in.
`;

export interface ProvisionIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Tests only: the sign-in (a TokenCredential for the fake Graph) and where Graph is. */
  readonly credential?: TokenCredential;
  readonly testing?: Pick<ProvisionOptions, "graphUrl" | "retry" | "replicationDelaysMs" | "now">;
}

export async function runProvision(args: string[], io: ProvisionIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      env: { type: "string" },
      plan: { type: "boolean", default: false },
      host: { type: "string" },
      "rotate-secret": { type: "boolean", default: false },
      "secret-days": { type: "string" },
      tenant: { type: "string" },
      name: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UserError(`provision takes no file arguments (got ${positionals.join(" ")}); see --help`);
  const envName = values.env;
  if (envName === undefined) throw new UserError("provision needs --env NAME: the environment whose .env.NAME receives the ids and the client secret (e.g. --env dev)");
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(envName)) throw new UserError(`--env "${envName}": use letters, digits, "-", "_" or "." (it names the file .env.${envName})`);
  const secretDays = values["secret-days"] === undefined ? DEFAULT_SECRET_DAYS : Number(values["secret-days"]);
  if (!Number.isInteger(secretDays) || secretDays < 1 || secretDays > MAX_SECRET_DAYS) {
    throw new UserError(`--secret-days ${values["secret-days"]}: a whole number of days from 1 to ${MAX_SECRET_DAYS}`);
  }
  const host = values.host?.trim();
  if (host !== undefined && !/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
    throw new UserError(`--host "${values.host}": the host name only, without https:// or a path (e.g. myapp.azurewebsites.net)`);
  }
  if (values.tenant !== undefined && !/^[A-Za-z0-9.-]+$/.test(values.tenant)) throw new UserError(`--tenant "${values.tenant}": the directory (tenant) id or a verified domain`);

  const started = performance.now();
  const plan = values.plan === true;
  const credential =
    io.credential ?? (await defaultCredential({ ...(values.tenant === undefined ? {} : { tenantId: values.tenant }), prompt: (message) => io.stderr(`${message}\n`) }));
  io.stdout(`conduit provision --env ${envName}${plan ? " --plan (nothing is changed)" : ""}\n`);
  let result: ProvisionResult;
  try {
    result = await provision({
      root: io.cwd,
      envName,
      plan,
      rotateSecret: values["rotate-secret"] === true,
      secretDays,
      host,
      name: values.name,
      credential,
      log: (line) => io.stdout(`${line}\n`),
      ...io.testing,
    });
  } catch (error) {
    if (error instanceof ServiceError) {
      throw new UserError(
        `${error.message}\nNothing is left that a re-run cannot pick up: fix the cause and run \`conduit provision --env ${envName}\` again (what exists is found, not created twice)`,
        { exitCode: 1 },
      );
    }
    throw error;
  }
  io.stdout(summary(result, envName, Math.round(performance.now() - started)));
  if (plan) return result.changed ? 1 : 0;
  return 0;
}

function summary(result: ProvisionResult, envName: string, ms: number): string {
  const lines: string[] = [""];
  lines.push(`tenant ${result.tenantId}${result.user ? `, signed in as ${result.user}` : ""}`);
  if (result.plan) {
    lines.push(result.changed ? `--plan: the changes above are pending; run without --plan to make them (${ms} ms)` : `--plan: nothing to change (${ms} ms)`);
    if (result.envKeys.length > 0) lines.push(`${result.envFile} would receive: ${result.envKeys.join(", ")}`);
    return `${lines.join("\n")}\n`;
  }
  lines.push(
    result.envKeys.length > 0
      ? `${result.envFile} (mode 0600): ${result.envKeys.map((key) => (key === ENV_KEYS.clientSecret ? `${key} (not shown)` : key)).join(", ")}`
      : `${result.envFile}: up to date`,
  );
  if (result.connectorAppId) lines.push(`  connector client id   ${result.connectorAppId}`);
  if (result.scope) lines.push(`  scope                 ${result.scope}`);
  if (result.appSettings) {
    lines.push("", "Function app settings (docs/auth.md); apply them to the function app of this environment:");
    for (const [key, value] of Object.entries(result.appSettings)) lines.push(`  ${key}=${value}`);
    const app = functionAppName(result);
    lines.push(
      "",
      `  az functionapp config appsettings set -g <resource-group> -n ${app ?? "<function-app-name>"} --settings ${Object.entries(result.appSettings)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")}`,
    );
  }
  for (const warning of result.warnings) lines.push("", `note: ${warning}`);
  lines.push("", `next: conduit bundle --env ${envName}, then conduit publish --env ${envName} (docs/provision.md) (${ms} ms)`);
  return `${lines.join("\n")}\n`;
}

/** myapp.azurewebsites.net is the function app "myapp"; other hosts (custom domains) do not say. */
function functionAppName(result: ProvisionResult): string | undefined {
  const match = /^([a-z0-9-]+)\.azurewebsites\.net$/i.exec(result.host ?? "");
  return match?.[1];
}

export const provisionCommand: Command = {
  summary: "create or update the Entra ID app registrations and record them in .env.<env>",
  help: HELP,
  run: (args) => runProvision(args, { cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }),
};

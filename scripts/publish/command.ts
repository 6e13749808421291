import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/identity";
import type { Command } from "../cli.js";
import { UserError } from "../diagnostics.js";
import { defaultCredential } from "../azure/sign-in.js";
import { publish, type PublishOptions } from "./publish.js";

const HELP = `Usage: conduit publish --env NAME [--power-platform-env ID] [--plan] [--dir DIR] [--tenant ID]

Creates or updates the custom connector in a Power Platform environment from the package \`conduit bundle --env
NAME\` wrote into dist/connector/, with the service calls \`paconn create\` / \`paconn update\` make. The client
secret (CONDUIT_CLIENT_SECRET, from the environment or .env.NAME, where \`conduit provision\` puts it) travels in
the request's oAuthSettings.clientSecret, never in a file. The connector's id is recorded as CONDUIT_CONNECTOR_ID
in .env.NAME and in dist/connector/settings.json, so the next run updates the same connector.

Offline: reading dist/connector/ and checking it was bundled for NAME (host, client id).
Online: sign-in, finding the connector, the service's validation of the definition, the icon upload, create or
update. Nothing else: connections, sharing and the function key stay in the maker portal (docs/provision.md).

Options:
  --env NAME                 the environment: .env.NAME and the package bundled for it (required)
  --power-platform-env ID    the Power Platform environment's id (default: CONDUIT_POWER_PLATFORM_ENVIRONMENT,
                             else settings.json); without one, your environments are listed
  --plan                     say whether the connector would be created or updated, and change nothing
  --dir DIR                  the package folder (default: dist/connector)
  --tenant ID                the directory to sign in to, when your account has more than one
  -h, --help                 show this help

Sign-in: the Azure CLI's (\`az login\`) where it is installed and signed in, else a device code.
`;

export interface PublishIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Tests only: the sign-in and the fake service. */
  readonly credential?: TokenCredential;
  readonly testing?: Pick<PublishOptions, "endpoints" | "retry" | "processEnv">;
}

export async function runPublish(args: string[], io: PublishIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      env: { type: "string" },
      "power-platform-env": { type: "string" },
      plan: { type: "boolean", default: false },
      dir: { type: "string" },
      tenant: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UserError(`publish takes no file arguments (got ${positionals.join(" ")}); see --help`);
  const envName = values.env;
  if (envName === undefined) throw new UserError("publish needs --env NAME: the environment whose package (conduit bundle --env NAME) and .env.NAME it uses");
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(envName)) throw new UserError(`--env "${envName}": use letters, digits, "-", "_" or "." (it names the file .env.${envName})`);
  if (values.tenant !== undefined && !/^[A-Za-z0-9.-]+$/.test(values.tenant)) throw new UserError(`--tenant "${values.tenant}": the directory (tenant) id or a verified domain`);
  const started = performance.now();
  const credential =
    io.credential ?? (await defaultCredential({ ...(values.tenant === undefined ? {} : { tenantId: values.tenant }), prompt: (message) => io.stderr(`${message}\n`) }));
  const result = await publish({
    root: io.cwd,
    envName,
    plan: values.plan === true,
    dir: values.dir,
    environment: values["power-platform-env"],
    credential,
    log: (line) => io.stdout(`${line}\n`),
    ...io.testing,
  });
  for (const warning of result.warnings) io.stdout(`note: ${warning}\n`);
  const ms = Math.round(performance.now() - started);
  if (values.plan) {
    io.stdout(`--plan: nothing was changed (${ms} ms)\n`);
    return 0;
  }
  for (const line of result.recorded) io.stdout(`recorded: ${line}\n`);
  io.stdout(
    `next: in https://make.powerapps.com/environments/${result.environment}/customconnectors create a connection (it asks for the function key), then add it to a canvas app (docs/provision.md) (${ms} ms)\n`,
  );
  return 0;
}

export const publishCommand: Command = {
  summary: "create or update the custom connector in a Power Platform environment from dist/connector/",
  help: HELP,
  run: (args) => runPublish(args, { cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }),
};

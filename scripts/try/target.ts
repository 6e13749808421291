/**
 * Which running app `conduit try` calls: the one `--url` names, else the only one `.conduit/serve.json` records
 * (written by `conduit serve` and `conduit dev` once they listen). With several running, try asks for --url and
 * lists them. The record found (by --url too) tells try which local issuer to sign its token with. With
 * `--wait`, try waits for the app to come up, so a script can start serve in the background and call try
 * straight after.
 */
import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "../diagnostics.js";
import { displayPath } from "../project.js";
import { FUNCTION_KEY_SETTING } from "../serve/local-settings.js";
import { listApps, readServeRecords, sameApp, SERVE_RECORD_FILE, type ServeRecord } from "../serve/record.js";

export interface Target {
  /** The app's root URL with the route prefix, no trailing slash. */
  readonly url: string;
  /** Present when the app is one that serve or dev runs in this project. */
  readonly record?: ServeRecord;
}

export async function findTarget(root: string, options: { readonly url?: string; readonly waitSeconds: number }): Promise<Target> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  for (;;) {
    const records = await readServeRecords(root);
    const found = options.url !== undefined ? byUrl(options.url, records) : onlyOne(records);
    if (found !== undefined && (await reachable(found.url))) return found;
    if (Date.now() >= deadline) {
      throw new UserError(
        options.url !== undefined
          ? `nothing answers at ${options.url}: start the app (npm start, conduit serve or conduit dev) or check --url`
          : `no app is running in this project (no live ${SERVE_RECORD_FILE}): start it with \`npm start\` (or \`conduit serve\`, \`conduit dev\`) in another terminal, pass --wait SECONDS to wait for it, or --url URL`,
        { exitCode: 2 },
      );
    }
    await sleep(200);
  }
}

/** The URL given, with the record of the app there when serve runs it (its issuer signs try's token). */
function byUrl(url: string, records: readonly ServeRecord[]): Target {
  const trimmed = url.replace(/\/+$/, "");
  const record = records.filter((r) => sameApp(r.url, trimmed)).at(-1);
  return record === undefined ? { url: trimmed } : { url: trimmed, record };
}

/** The one app running; several: a clear refusal that lists them. */
function onlyOne(records: readonly ServeRecord[]): Target | undefined {
  if (records.length <= 1) return records[0] === undefined ? undefined : { url: records[0].url.replace(/\/+$/, ""), record: records[0] };
  throw new UserError(`${records.length} apps are running in this project; choose one with --url:\n${listApps(records)}`, { exitCode: 2 });
}

/** Something accepts connections there (a TCP connect: an HTTP probe would show up in the app's request log). */
function reachable(url: string): Promise<boolean> {
  let address: URL;
  try {
    address = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  const port = Number(address.port || (address.protocol === "https:" ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host: address.hostname.replace(/^\[|\]$/g, ""), port });
    socket.setTimeout(2_000, () => socket.destroy());
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}

/** The function key the app requires, as serve finds it: the environment first, then local.settings.json. */
export async function functionKey(file: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const fromEnv = env[FUNCTION_KEY_SETTING];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const values = (JSON.parse(text.replace(/^\uFEFF/, "")) as { Values?: Record<string, unknown> }).Values;
    const key = values?.[FUNCTION_KEY_SETTING];
    return typeof key === "string" && key !== "" ? key : undefined;
  } catch {
    throw new UserError(`${displayPath(file)} is not valid JSON: fix it, or pass the key with --key`, { exitCode: 2 });
  }
}

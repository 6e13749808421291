// Helpers for tests that run `conduit serve` as a child process in a fresh project folder.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

/** The compiled project (dist/), whose CLI and function app the child runs. */
export const BUILD = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = path.join(BUILD, "scripts", "cli.js");
export const REPO = process.cwd();

/** The environment without the machine's own auth, storage or runtime settings. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("CONDUIT_") && name !== "AzureWebJobsStorage" && name !== "NODE_ENV" && name !== "AZURE_FUNCTIONS_ENVIRONMENT") env[name] = value;
  }
  return { ...env, ...extra };
}

/** A project as a fresh clone has it: host.json and the spec (the frozen sample), no local.settings.json yet. */
export async function project(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-serve-"));
  await writeFile(path.join(root, "host.json"), await readFile(path.join(REPO, "host.json")));
  await mkdir(path.join(root, "spec"));
  await writeFile(path.join(root, "spec", "apiDefinition.swagger.yaml"), await readFile(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml")));
  return root;
}

export function script(cli: string, args: readonly string[]): string {
  return `const { main } = await import(${JSON.stringify(new URL(`file://${cli}`).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
}


export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

/** Per-environment values of a made-up tenant, as a .env.dev would hold them. */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  CONDUIT_HOST: "conduit-dev.azurewebsites.net",
  CONDUIT_TENANT_ID: "0b5c4d1e-0000-4a6b-9c1d-7e2f3a4b5c6d",
  CONDUIT_CLIENT_ID: "1c2d3e4f-1111-4b2c-8d3e-4f5a6b7c8d9e",
  CONDUIT_SCOPE: "api://2d3e4f5a-2222-4c3d-9e4f-5a6b7c8d9e0f/user_impersonation",
  CONDUIT_CLIENT_SECRET: "Xy7~client.secret-value",
  CONDUIT_FUNCTION_KEY: "fn-host-key-0123456789abcdef==",
};

/** A throw-away project folder holding a copy of the sample fixture as its spec/ (plus any extra files). */
export async function sampleProject(extra: Readonly<Record<string, string>> = {}): Promise<{ root: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-bundle-"));
  await cp(SAMPLE_FIXTURE, path.join(root, "spec"), { recursive: true, filter: (source) => path.basename(source) !== "README.md" });
  for (const [name, text] of Object.entries(extra)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}

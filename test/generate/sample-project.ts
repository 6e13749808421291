/** A throwaway conduit project in the temp folder, holding a copy of the sample fixture (not the project's spec/). */
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SAMPLE_FIXTURE } from "../helpers/fixtures.js";

export interface SampleProject {
  readonly root: string;
  readonly spec: string;
  readonly generated: string;
  readonly handlers: string;
  /** The real src/runtime, so generated imports resolve when the project is compiled. */
  readonly runtime: string;
  remove(): Promise<void>;
}

export const repositoryRoot = process.cwd();

export async function createSampleProject(): Promise<SampleProject> {
  const root = await mkdtemp(path.join(os.tmpdir(), "conduit-generate-"));
  const spec = path.join(root, "spec", "apiDefinition.swagger.yaml");
  await mkdir(path.dirname(spec), { recursive: true });
  await copyFile(path.join(SAMPLE_FIXTURE, "apiDefinition.swagger.yaml"), spec);
  return {
    root,
    spec,
    generated: path.join(root, "generated"),
    handlers: path.join(root, "src", "handlers"),
    runtime: path.join(repositoryRoot, "src", "runtime"),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

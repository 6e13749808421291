import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TokenCredential } from "@azure/identity";
import { UserError } from "../../scripts/diagnostics.js";
import { runProvision } from "../../scripts/provision/command.js";
import { sampleProject } from "../bundle/project.js";
import { TestCredential } from "./credential.js";
import { FakeGraph } from "./fake-graph.js";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** No waiting in tests: throttling and replication retries happen at once. */
export const NO_WAIT = { retry: { throttleDelaysMs: [0, 0, 0, 0], sleep: async () => undefined }, replicationDelaysMs: [0, 0, 0, 0] };

/** A sample project in a temporary folder and a fresh fake Graph tenant. */
export async function provisionWorld(): Promise<{
  root: string;
  graph: FakeGraph;
  provision(args: string[], options?: { credential?: TokenCredential; now?: () => Date }): Promise<RunResult>;
  dispose(): Promise<void>;
}> {
  const project = await sampleProject();
  const graph = await new FakeGraph().start();
  return {
    root: project.root,
    graph,
    provision: (args, options = {}) =>
      runCommand((io) =>
        runProvision(args, {
          ...io,
          cwd: project.root,
          credential: options.credential ?? new TestCredential(),
          testing: { graphUrl: graph.url, ...NO_WAIT, ...(options.now ? { now: options.now } : {}) },
        }),
      ),
    async dispose() {
      await graph.close();
      await project.dispose();
    },
  };
}

/** Runs a command as the CLI would: a UserError becomes its message on stderr and its exit code. */
export async function runCommand(run: (io: { stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  try {
    const code = await run(io);
    return { code, stdout, stderr };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    stderr += `conduit: ${error.message}\n`;
    return { code: error.exitCode, stdout, stderr };
  }
}

export async function temporaryFolder(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-provision-"));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The load bench's server, in its own process so the load generator does not share its event loop: the sample's
 * registrations (the generated bindings, real handlers on Azurite's Table storage, or the in-memory stubs) behind
 * conduit serve's local host on 127.0.0.1. It answers the parent over IPC: `ready` with its port, and memory
 * figures on request (run with --expose-gc so the heap can be read after a collection).
 *
 *   LOAD_HANDLERS=real|stub  AzureWebJobsStorage=...  node --expose-gc load-server.js
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { OperationBinding } from "../../src/runtime/contract.js";
import { registerOperations } from "../../src/runtime/register.js";
import { DEFAULT_MAX_BODY_BYTES } from "../../src/runtime/settings.js";
import { createLocalHost } from "../serve/host.js";
import { FUNCTION_KEY, type MemoryFigures, type ServerMessage } from "./load-protocol.js";
import { stubHandlers } from "./stub-handlers.js";

function send(message: ServerMessage): void {
  process.send?.(message);
}

function memory(): MemoryFigures {
  const before = process.memoryUsage();
  const gc = (globalThis as { gc?: () => void }).gc;
  let heapAfterGcBytes: number | undefined;
  if (gc !== undefined) {
    gc();
    heapAfterGcBytes = process.memoryUsage().heapUsed;
  }
  return { rssBytes: before.rss, heapUsedBytes: before.heapUsed, heapAfterGcBytes };
}

async function bindings(mode: "real" | "stub"): Promise<readonly OperationBinding[]> {
  const { registrations } = (await import(new URL("../../generated/registrations.js", import.meta.url).href)) as { registrations: readonly OperationBinding[] };
  if (mode === "real") {
    // The technicians drop-down reads its table; serve fills it from the spec's example, so does the bench.
    const { seedDevelopmentData } = await import("../serve/seed.js");
    const { APP_ENTRY } = await import("../serve/app.js");
    await seedDevelopmentData(APP_ENTRY, path.join(process.cwd(), "spec", "apiDefinition.swagger.yaml"));
    return registrations;
  }
  const stubs = stubHandlers();
  return registrations.map((binding) => ({ ...binding, handler: stubs[binding.operation.operationId] ?? binding.handler }));
}

async function main(): Promise<void> {
  const mode = process.env["LOAD_HANDLERS"] === "stub" ? "stub" : "real";
  const registrations = registerOperations(() => {}, await bindings(mode), { maxBodyBytes: DEFAULT_MAX_BODY_BYTES, responseValidation: "enforce" });
  const server = createLocalHost({ registrations, routePrefix: "api", functionKey: FUNCTION_KEY, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.on("message", (message: unknown) => {
    if (message === "memory") send({ kind: "memory", memory: memory() });
    if (message === "stop") {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({ kind: "ready", port: (server.address() as AddressInfo).port, handlers: mode });
}

main().catch((error: unknown) => {
  send({ kind: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.disconnect?.();
  process.exitCode = 1;
});

/** Azurite for a test file: started once on 127.0.0.1 with a temporary location, stopped after. */
import { after, before } from "node:test";
import { startAzurite, type AzuriteHandle } from "../../scripts/serve/azurite.js";

export interface AzuriteFixture {
  readonly handle: () => AzuriteHandle;
}

/** Registers before/after hooks in the calling file (or suite) and points AzureWebJobsStorage at it. */
export function useAzurite(): AzuriteFixture {
  let handle: AzuriteHandle | undefined;
  let previous: string | undefined;
  before(async () => {
    handle = await startAzurite();
    previous = process.env["AzureWebJobsStorage"];
    process.env["AzureWebJobsStorage"] = handle.connectionString;
  });
  after(async () => {
    if (previous === undefined) delete process.env["AzureWebJobsStorage"];
    else process.env["AzureWebJobsStorage"] = previous;
    await handle?.stop();
  });
  return {
    handle: () => {
      if (!handle) throw new Error("Azurite is not started yet: use it inside a test");
      return handle;
    },
  };
}

/** The sample function app's registrations, as src/index.ts makes them, without the Functions host or auth. */
import { registrations as bindings } from "../../generated/registrations.js";
import type { OperationId } from "../../generated/operations.js";
import type { AdapterOptions } from "../../src/runtime/adapter.js";
import { registerOperations, type HttpRegistration } from "../../src/runtime/register.js";
import { DEFAULT_MAX_BODY_BYTES } from "../../src/runtime/settings.js";

export type SampleApp = Readonly<Record<OperationId, HttpRegistration>>;

/** Every operation registered (with a registrar that records nothing), validating responses strictly by default. */
export function sampleApp(options: Partial<AdapterOptions> = {}): SampleApp {
  const registrations = registerOperations(() => {}, bindings, {
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    responseValidation: "enforce",
    ...options,
  });
  const byName: Partial<Record<OperationId, HttpRegistration>> = {};
  for (const registration of registrations) byName[registration.binding.operation.operationId as OperationId] = registration;
  return byName as SampleApp;
}

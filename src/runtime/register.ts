import type { HttpFunctionOptions, HttpHandler } from "@azure/functions";
import type { OperationBinding } from "./contract.js";
import { adaptOperation, type AdapterOptions } from "./adapter.js";

/** One `app.http` registration, as the Functions host sees it. */
export interface HttpRegistration {
  readonly name: string;
  readonly options: HttpFunctionOptions & { readonly handler: HttpHandler };
  readonly binding: OperationBinding;
}

/** `app.http` or anything with its shape (the local host records registrations through it). */
export type HttpRegistrar = (name: string, options: HttpFunctionOptions) => void;

/**
 * Registers every operation with `app.http` exactly as in Azure: one function per operation, named after it, with
 * its route, its one method and authLevel `function` (the connector's policy sends the key).
 * Returns the registrations so that a host outside Azure can serve the same app.
 */
export function registerOperations(
  registrar: HttpRegistrar,
  bindings: readonly OperationBinding[],
  options: AdapterOptions,
): readonly HttpRegistration[] {
  const registrations = bindings.map((binding): HttpRegistration => {
    const { operation } = binding;
    const name = operation.name ?? operation.operationId;
    return {
      name,
      binding,
      options: {
        route: operation.route,
        methods: [operation.method],
        authLevel: "function",
        handler: adaptOperation(binding, options),
      },
    };
  });
  for (const registration of registrations) registrar(registration.name, registration.options);
  return registrations;
}

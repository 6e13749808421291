import type { CompiledValidator, OperationValidators, ValidationError } from "./contract.js";

/** What one generated validators/<Operation>.cjs module exports: `request`, and one validator per response status. */
export type ValidatorModule = Readonly<Record<string, CompiledValidator>>;

/**
 * An operation's validators, loaded from its own module the first time one of them runs. ajv's standalone code
 * for a large API is megabytes of JavaScript; parsing all of it when the app starts would cost every cold start
 * tens of milliseconds for operations that may never be called. `load` must be synchronous (a `require` of
 * CommonJS), so validating stays synchronous and each validator keeps ajv's shape (`errors` after a call).
 */
export function lazyValidators(load: () => ValidatorModule, statuses: readonly string[]): OperationValidators {
  let module: ValidatorModule | undefined;
  const validator = (name: string): CompiledValidator => {
    const validate = (data: unknown): boolean => {
      module ??= load();
      const real = module[name];
      if (real === undefined) throw new Error(`the generated validators module has no "${name}" validator: run \`npm run generate\``);
      const valid = real(data);
      validate.errors = real.errors;
      return valid;
    };
    validate.errors = null as readonly ValidationError[] | null | undefined;
    return validate;
  };
  const responses: Record<string, CompiledValidator> = {};
  for (const status of statuses) responses[status] = validator(status);
  return { request: validator("request"), responses };
}

/** Know the caller: what the runtime and the app entry use from src/auth. */
export type { Caller } from "./caller.js";
export { AuthConfigError, AUTH_SETTINGS, describeAuthConfig, resolveAuthConfig, type AuthConfig, type AuthMode } from "./config.js";
export { authGuardFromSettings, createAuthGuard, type AuthGuard, type AuthGuardOptions, type AuthOutcome } from "./guard.js";
export { KeysUnavailableError } from "./keys.js";
export { requiredScopeSets } from "./requirements.js";

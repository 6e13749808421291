// The function app's entry (package.json "main"): registers every operation of the contract with app.http.
import functions from "@azure/functions";
import { registrations as bindings } from "../generated/registrations.js";
import { triggers } from "../generated/webhooks.js";
import { authGuardFromSettings } from "./auth/guard.js";
import { registerOperations } from "./runtime/register.js";
import { readRuntimeSettings } from "./runtime/settings.js";
import { registerWebhookTerminate, registerWebhookTimers } from "./webhooks/register.js";

const { app } = functions;

/** What was registered, so that `conduit serve` can host the same app outside the Functions host. */
export const registrations = registerOperations((name, options) => app.http(name, options), bindings, {
  ...readRuntimeSettings(),
  // Auth settings that cannot check the callers of an OAuth 2 operation throw here: the app does not start.
  authorizer: authGuardFromSettings(bindings.map((binding) => binding.operation)),
});

/** With webhook triggers: the timer that drains the outbox (their settings are checked here: wrong ones stop start-up). */
export const timers = registerWebhookTimers((name, options) => app.timer(name, options), triggers);

/** On a graceful stop: webhook deliveries in flight finish, those waiting go back to the outbox. */
export const terminate = registerWebhookTerminate((handler) => app.hook.appTerminate(handler), triggers);

/**
 * A failed sign-in through @azure/identity's real ChainedTokenCredential: one line per credential tried, with its
 * cause, exit 2, no stack; printed by the CLI's reportError as a user would see it.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AuthenticationRequiredError, ChainedTokenCredential, CredentialUnavailableError, type AccessToken, type TokenCredential } from "@azure/identity";
import { reportError } from "../../scripts/cli.js";
import { Session } from "../../scripts/azure/sign-in.js";
import { UserError } from "../../scripts/diagnostics.js";

class Failing implements TokenCredential {
  constructor(private readonly error: Error) {}
  async getToken(): Promise<AccessToken | null> {
    throw this.error;
  }
}

function printed(error: unknown): { code: number; text: string } {
  const write = process.stderr.write;
  let text = "";
  process.stderr.write = ((chunk: string) => ((text += chunk), true)) as typeof process.stderr.write;
  const debug = process.env["CONDUIT_DEBUG"];
  delete process.env["CONDUIT_DEBUG"];
  try {
    return { code: reportError(error), text };
  } finally {
    process.stderr.write = write;
    if (debug !== undefined) process.env["CONDUIT_DEBUG"] = debug;
  }
}

describe("a failed sign-in", () => {
  test("each credential of the chain: its cause on a line of its own; exit 2, no stack", async () => {
    const chain = new ChainedTokenCredential(
      new Failing(new CredentialUnavailableError("Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.")),
      new Failing(new AuthenticationRequiredError({ scopes: ["https://graph.microsoft.com/.default"], message: "network_error: See https://aka.ms/msal.js.errors#network_error for details" })),
    );
    const error = await new Session(chain).token("https://graph.microsoft.com/.default").then(
      () => assert.fail("signed in"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof UserError);
    const { code, text } = printed(error);
    assert.equal(code, 2);
    assert.equal(
      text,
      "conduit: cannot sign in for https://graph.microsoft.com/.default; each way of signing in failed:\n" +
        "  - CredentialUnavailableError: Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions\n" +
        "  - AuthenticationRequiredError: network_error: See https://aka.ms/msal.js.errors#network_error for details\n" +
        "Sign in with `az login` (add --tenant <tenant> for another directory), or run again and follow the device code prompt\n",
    );
  });
});

/**
 * What a missing project file is and how to get one: a user who deleted or never had spec/apiProperties.yaml
 * needs to know what it holds and where one comes from, not only that it is not there.
 */
import path from "node:path";

const PROJECT_FILES: Record<string, string> = {
  "apiDefinition.swagger.yaml":
    "it is the connector's OpenAPI 2.0 definition (its actions, parameters and responses), the source of truth for lint, generate, serve and bundle. " +
    "Bring an existing connector's with `conduit import <apiDefinition.swagger.json> [apiProperties.json]`, or start from the sample: copy test/fixtures/sample/apiDefinition.swagger.yaml to spec/",
  "apiProperties.yaml":
    "it holds the connector's properties: sign-in (OAuth 2 against Entra ID), the policy that sends the function key, the icon's colour, from which `conduit bundle` writes apiProperties.json. " +
    "Bring an existing connector's with `conduit import <apiDefinition.swagger.json> <apiProperties.json>`, or start from the sample: copy test/fixtures/sample/apiProperties.yaml to spec/ and set its ${…} values (docs/bundle.md)",
};

/** `no such file`, and for the project's own files what the file is and how to create it. */
export function noSuchFile(shown: string): string {
  const about = PROJECT_FILES[path.basename(shown)];
  return about === undefined ? "no such file" : `no such file; ${about}.`;
}

import type { FunctionKeySource, IdentityProvider } from "./config.js";
import { PACKAGE_FILES } from "./settings.js";

/** What UPLOAD.md needs to know about one bundled package. */
export interface UploadFacts {
  readonly title: string;
  readonly host: string;
  readonly basePath: string;
  readonly envName: string | undefined;
  /** The env file per-environment values come from, e.g. .env.dev. */
  readonly envFile: string;
  readonly signIn:
    | {
        readonly identityProvider: IdentityProvider;
        readonly tenantId: string;
        readonly clientId: string;
        readonly scope: string;
        readonly authorizationUrl: string;
        readonly tokenUrl: string;
        readonly resourceUri: string | undefined;
        readonly redirectUrl: string;
      }
    | undefined;
  readonly functionKey: { readonly source: FunctionKeySource; readonly header: string; readonly parameter: string | undefined } | undefined;
  readonly includeSecrets: boolean;
  /** The files of this package that hold a secret (the client secret, a key in a policy, a secure default). */
  readonly secretFiles: readonly string[];
  readonly icon: boolean;
  readonly iconBrandColor: string | undefined;
  readonly powerPlatformEnvironment: string | undefined;
  readonly connectorId: string | undefined;
  readonly hasUpdateProperties: boolean;
}

/** The exact next steps for this package, for the three ways Power Platform takes a connector. */
export function renderUploadGuide(facts: UploadFacts): string {
  const lines: string[] = [];
  const push = (...more: string[]): void => {
    lines.push(...more);
  };
  const env = facts.envName === undefined ? "" : ` --env ${facts.envName}`;
  const ppEnv = facts.powerPlatformEnvironment ?? "<environment id>";
  const connectorId = facts.connectorId ?? "<connector id>";
  const held = facts.secretFiles;
  const secretNote =
    held.length === 0
      ? "No file of this package holds a secret."
      : `${held.join(" and ")} ${held.length === 1 ? "holds a secret" : "hold secrets"}${facts.includeSecrets ? " (bundled with --include-secrets)" : ""}: keep this folder out of git and delete it once the connector is uploaded.${facts.includeSecrets ? "" : " The client secret is not in this package."}`;

  push(`# Upload "${facts.title}"${facts.envName ? ` (environment: ${facts.envName})` : ""}`, "");
  push(`This folder was written by \`conduit bundle${env}${facts.includeSecrets ? " --include-secrets" : ""}\`; bundle again rather than editing it. ${secretNote}`, "");
  push("| | |", "|---|---|");
  push(`| Host | \`${facts.host}\`, base URL \`${facts.basePath}\` |`);
  if (facts.signIn) {
    const provider = facts.signIn.identityProvider === "oauth2" ? "Generic OAuth 2" : "Azure Active Directory (Entra ID)";
    push(`| Sign-in | ${provider}, tenant \`${facts.signIn.tenantId}\`, client id \`${facts.signIn.clientId}\` |`);
  }
  if (facts.functionKey) {
    push(
      facts.functionKey.source === "connection"
        ? `| Function key | asked for by each new connection (\`${facts.functionKey.parameter}\`), sent as \`${facts.functionKey.header}\` |`
        : `| Function key | built into the connector, sent as \`${facts.functionKey.header}\`: anyone who can download the connector can read it |`,
    );
  }
  push("");

  if (facts.signIn) {
    push("## 1. Once per environment: the connector's app registration", "");
    push(`In the Azure portal, Microsoft Entra ID, App registrations, open the registration with client id \`${facts.signIn.clientId}\`:`, "");
    push(`1. Authentication: add the platform **Web** with the redirect URI \`${facts.signIn.redirectUrl}\`.`);
    push(`2. API permissions: add a permission, My APIs, the function app's registration, \`${facts.signIn.scope}\`.`);
    push(
      `3. Certificates & secrets: create a client secret and copy its value. Keep it out of git: \`${facts.envFile}\` (git-ignored) as \`CONDUIT_CLIENT_SECRET\` is the place conduit reads it from.`,
      "",
    );
  }

  push(`## ${facts.signIn ? "2" : "1"}. Upload: pick one of the three`, "");
  push("### The custom connector wizard (make.powerapps.com)", "");
  const wizardBlocked = facts.functionKey?.source === "connection";
  if (wizardBlocked) {
    push(
      `The wizard cannot create the \`${facts.functionKey?.parameter}\` connection parameter that carries the function key, so create the connector with paconn or pac connector (below); the wizard can edit it afterwards. To use the wizard alone, set \`conduit.functionKey.source: static\` and bundle again.`,
      "",
    );
  } else {
    push("1. Custom connectors, **New custom connector**, **Import an OpenAPI file**: choose `apiDefinition.swagger.json`.");
    push(
      `2. General: check Host \`${facts.host}\` and Base URL \`${facts.basePath}\`${facts.icon ? "; upload `icon.png`" : ""}${facts.iconBrandColor ? ` and set the background colour \`${facts.iconBrandColor}\`` : ""}.`,
    );
    if (facts.signIn) {
      const s = facts.signIn;
      if (s.identityProvider === "oauth2") {
        push(
          `3. Security: OAuth 2.0, identity provider **Generic Oauth 2**; Client id \`${s.clientId}\`; Client secret: paste the secret from step 1.3; Authorization URL \`${s.authorizationUrl}\`; Token URL and Refresh URL \`${s.tokenUrl}\`; Scope \`${s.scope} offline_access\`.`,
        );
      } else {
        push(
          `3. Security: OAuth 2.0, identity provider **Azure Active Directory**; Client id \`${s.clientId}\`; Client secret: paste the secret from step 1.3; Login URL \`https://login.microsoftonline.com\`; Tenant ID \`${s.tenantId}\`; Resource URL \`${s.resourceUri ?? ""}\`; Scope \`${s.scope}\`.`,
        );
      }
    }
    if (facts.functionKey) {
      push(
        `4. Definition, **New policy**: Name \`Set api key in header\`, Template **Set HTTP header**, Header name \`${facts.functionKey.header}\`, Header value: the function app's host key (it is in \`apiProperties.json\`), Action if header exists **override**, Run policy on **Request**.`,
      );
    }
    push(
      `5. **Create connector**.${facts.signIn ? ` Then the Security tab shows the Redirect URL: it must be \`${facts.signIn.redirectUrl}\`, as added in step 1.1.` : ""}`,
    );
    push("6. Test: **New connection**, sign in, and run an operation.", "");
  }

  const iconFlag = facts.icon ? ` --icon ${PACKAGE_FILES.icon}` : "";
  push("### paconn (Python: `pip install paconn`)", "");
  push("Run in this folder. paconn puts the secret into the `token` connection's OAuth settings; it never lands in a file.", "");
  push("```sh", "paconn login");
  push(
    `paconn create --environment ${ppEnv} --api-def ${PACKAGE_FILES.definition} --api-prop ${PACKAGE_FILES.properties}${iconFlag}${facts.signIn ? ' --secret "$CONDUIT_CLIENT_SECRET"' : ""}`,
  );
  push("# later changes:");
  const updateProps = facts.hasUpdateProperties ? PACKAGE_FILES.propertiesForUpdate : PACKAGE_FILES.properties;
  push(
    `paconn update --environment ${ppEnv} --connector-id ${connectorId} --api-def ${PACKAGE_FILES.definition} --api-prop ${updateProps}${iconFlag}${facts.signIn ? ' --secret "$CONDUIT_CLIENT_SECRET"' : ""}`,
  );
  push("```", "");
  push(
    `In PowerShell write \`$env:CONDUIT_CLIENT_SECRET\`. \`paconn create\` prints the new connector's id: set it as \`CONDUIT_CONNECTOR_ID\` in \`${facts.envFile}\`${facts.powerPlatformEnvironment ? "" : " (and the environment id as `CONDUIT_POWER_PLATFORM_ENVIRONMENT`)"} and the next bundle fills them into these commands and settings.json.${facts.hasUpdateProperties ? " `paconn update` refuses an apiProperties.json that has `stackOwner`, hence apiProperties.update.json (the same without it); settings.json names apiProperties.json, so use it only for `paconn create --settings settings.json`." : " `paconn create` and `paconn update` also take `--settings settings.json` instead of the file flags."}`,
    "",
  );

  push("### pac connector (Power Platform CLI)", "");
  push("```sh", `pac auth create --environment ${ppEnv}`);
  push(`pac connector create --api-definition-file ${PACKAGE_FILES.definition} --api-properties-file ${PACKAGE_FILES.properties}${facts.icon ? ` --icon-file ${PACKAGE_FILES.icon}` : ""}`);
  push("# later changes:");
  push(
    `pac connector update --connector-id ${connectorId} --api-definition-file ${PACKAGE_FILES.definition} --api-properties-file ${PACKAGE_FILES.properties}${facts.icon ? ` --icon-file ${PACKAGE_FILES.icon}` : ""}`,
  );
  push("```", "");
  push("Add `--solution-unique-name <solution>` to create the connector inside a solution.", "");
  if (facts.signIn) {
    push(
      facts.includeSecrets
        ? "pac connector has no flag for the client secret; this package carries it in apiProperties.json."
        : `pac connector has no flag for the client secret: either bundle with \`conduit bundle${env} --include-secrets\` (apiProperties.json then holds it; delete the folder after the upload), or after \`create\` open the connector in the wizard, Security, paste the secret and **Update connector**.`,
    );
  }
  push("");
  return lines.join("\n");
}

import type { JsonObject, JsonValue } from "./ordered.js";

export const PACKAGE_FILES = {
  definition: "apiDefinition.swagger.json",
  properties: "apiProperties.json",
  /** apiProperties.json without stackOwner: `paconn update` refuses a file that has one. */
  propertiesForUpdate: "apiProperties.update.json",
  icon: "icon.png",
  settings: "settings.json",
  upload: "UPLOAD.md",
  /** The actions as makers meet them (conduit docs): not uploaded, for whoever builds the apps and flows. */
  actions: "ACTIONS.md",
} as const;

/** paconn's settings.json: the package's file names, plus the Power Platform environment and connector when known. */
export function renderSettings(options: { icon: boolean; environment: string | undefined; connectorId: string | undefined }): JsonObject {
  const settings: JsonObject = new Map<string, JsonValue>();
  if (options.connectorId !== undefined) settings.set("connectorId", options.connectorId);
  if (options.environment !== undefined) settings.set("environment", options.environment);
  settings.set("apiDefinition", PACKAGE_FILES.definition);
  settings.set("apiProperties", PACKAGE_FILES.properties);
  if (options.icon) settings.set("icon", PACKAGE_FILES.icon);
  return settings;
}

import { isObject, objectEntries, type JsonObject, type JsonPath } from "./json.js";

/** An `oAuthSettings` value of an oauthSetting connection parameter, and the path of that parameter. */
export interface OAuthSettingsUse {
  readonly settings: unknown;
  readonly path: JsonPath;
}

/** Every oauthSetting connection parameter, in connectionParameters and in each connectionParameterSets value. */
export function oauthSettingsOf(properties: JsonObject, path: JsonPath): OAuthSettingsUse[] {
  const sets = isObject(properties["connectionParameterSets"]) ? properties["connectionParameterSets"]["values"] : undefined;
  const groups: [JsonPath, unknown][] = [[[...path, "connectionParameters"], properties["connectionParameters"]]];
  if (Array.isArray(sets)) sets.forEach((set: unknown, i) => isObject(set) && groups.push([[...path, "connectionParameterSets", "values", i, "parameters"], set["parameters"]]));
  const uses: OAuthSettingsUse[] = [];
  for (const [at, group] of groups) {
    for (const [name, parameter] of objectEntries(group)) {
      if (parameter["type"] === "oauthSetting") uses.push({ settings: parameter["oAuthSettings"], path: [...at, name] });
    }
  }
  return uses;
}

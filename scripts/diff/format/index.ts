/** The formatters by name: each a pure function of the report. */
import type { DiffFormat } from "../options.js";
import { formatGithubActions } from "./github-actions.js";
import { formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";
import type { DiffReport } from "./report.js";
import { formatStylish } from "./stylish.js";

export const FORMATTERS: Record<DiffFormat, (report: DiffReport) => string> = {
  stylish: formatStylish,
  markdown: formatMarkdown,
  json: formatJson,
  "github-actions": formatGithubActions,
};

/** A loaded definition → the maker reference, as Markdown or JSON. No IO beyond the side's own reads. */
import { UserError } from "../diagnostics.js";
import { buildContract } from "../model/contract/build.js";
import { loadSide, named } from "../diff/load/load-side.js";
import { memorySource, type SideSource } from "../diff/load/side.js";
import { formatDocsJson } from "./json.js";
import { formatDocsMarkdown } from "./markdown.js";
import type { DocsFormat } from "./options.js";
import { buildReference, type DocsReference } from "./reference.js";

/** Reads the definition (and every file it `$ref`s) and builds the reference; refuses anything but Swagger 2.0. */
export async function loadReference(source: SideSource): Promise<DocsReference> {
  const side = await loadSide(source);
  const name = named(source, source.mainKey);
  if (side.missing) throw new UserError(`cannot read ${name}: no such file`, { exitCode: 2 });
  if (side.version !== "Swagger 2.0") {
    const what = side.version === "" ? 'no swagger: "2.0" at the top' : `it is ${side.version}`;
    throw new UserError(`${name} is not a Swagger 2.0 definition (${what}): Power Platform connectors are Swagger 2.0`, { exitCode: 2 });
  }
  return buildReference(buildContract(side.set), source.display(source.mainKey));
}

export function formatReference(ref: DocsReference, format: DocsFormat): string {
  return format === "json" ? formatDocsJson(ref) : formatDocsMarkdown(ref);
}

/** The Markdown reference of a definition held in memory (the bundle's, as uploaded). */
export async function referenceMarkdown(fileName: string, text: string): Promise<string> {
  return formatDocsMarkdown(await loadReference(memorySource(fileName, { [fileName]: text })));
}

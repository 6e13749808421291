import { readFile, stat } from "node:fs/promises";
import { UserError } from "../diagnostics.js";
import { parseSourceDocument, type SourceDocument } from "./document.js";
import { sizeProblem } from "./guards.js";
import { noSuchFile } from "./missing.js";

/** Reads and parses one spec file; a missing or unreadable file is the user's mistake, not a crash. */
export async function loadSourceDocument(file: string, display: string = file): Promise<SourceDocument> {
  let text: string;
  try {
    // Refused before it is read: a file of gigabytes would fill the memory first.
    const tooLarge = sizeProblem((await stat(file)).size, file);
    if (tooLarge) throw new UserError(`${display} is too large`, { diagnostics: [tooLarge], exitCode: 2 });
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? noSuchFile(display) : code === "EISDIR" ? "it is a directory" : (code ?? "unreadable");
    throw new UserError(`cannot read ${display}: ${why}`, { exitCode: 2 });
  }
  return parseSourceDocument(text, display);
}

/** Loads the Swagger 2.0 definition and checks that it is one, so later stages may rely on its shape. */
export async function loadSwagger(file: string): Promise<SourceDocument & { readonly data: Swagger }> {
  const doc = await loadSourceDocument(file);
  const data = doc.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UserError(`${file}: expected an OpenAPI 2.0 object at the top level`, { exitCode: 2 });
  }
  const version = (data as Record<string, unknown>)["swagger"];
  if (version !== "2.0") {
    const openapi = (data as Record<string, unknown>)["openapi"];
    const hint = typeof openapi === "string"
      ? `it is OpenAPI ${openapi}; Power Platform connectors take OpenAPI 2.0 ("swagger": "2.0")`
      : `set "swagger": "2.0" at the top`;
    throw new UserError(`${file}: not an OpenAPI 2.0 definition: ${hint}`, { exitCode: 2 });
  }
  return doc as SourceDocument & { readonly data: Swagger };
}

/** The parts of a Swagger 2.0 document conduit reads; everything else is kept as unknown. */
export interface Swagger {
  swagger: "2.0";
  info?: { title?: string; description?: string; version?: string; [k: string]: unknown };
  host?: string;
  basePath?: string;
  schemes?: string[];
  consumes?: string[];
  produces?: string[];
  paths?: Record<string, Record<string, unknown>>;
  definitions?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  responses?: Record<string, unknown>;
  securityDefinitions?: Record<string, Record<string, unknown>>;
  security?: Record<string, string[]>[];
  [k: string]: unknown;
}

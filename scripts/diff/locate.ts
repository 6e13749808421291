/** Findings with JSON paths → findings with file names, revisions and line ranges: the edge where paths meet files. */
import { EMPTY_RANGE } from "../diagnostics.js";
import type { Place } from "../model/contract/contract.js";
import type { Finding, ReportedFinding, ReportedPlace } from "./compare/findings.js";
import type { LoadedSide } from "./load/load-side.js";

export function locateFindings(findings: readonly Finding[], base: LoadedSide, head: LoadedSide): ReportedFinding[] {
  return findings.map(({ base: b, head: h, ...rest }) => ({
    ...rest,
    ...(b ? { base: place(b, base) } : {}),
    ...(h ? { head: place(h, head) } : {}),
  }));
}

function place(at: Place, side: LoadedSide): ReportedPlace {
  const doc = side.documents.get(at.file);
  return {
    file: side.source.display(at.file),
    ...(side.source.revision === undefined ? {} : { revision: side.source.revision }),
    path: at.path,
    range: doc ? doc.rangeOf(at.path) : EMPTY_RANGE,
  };
}

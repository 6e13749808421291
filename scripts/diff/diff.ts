/** Two loaded sides → a located report. No IO: the command loads, this compares, the formatters print. */
import { UserError } from "../diagnostics.js";
import { compareContracts, emptyContract } from "./compare/compare.js";
import type { DiffReport } from "./format/report.js";
import type { LoadedSide } from "./load/load-side.js";
import { named } from "./load/load-side.js";
import { locateFindings } from "./locate.js";
import { buildContract } from "../model/contract/build.js";

const SWAGGER_2 = "Swagger 2.0";

export function diffSides(base: LoadedSide, head: LoadedSide, options: { allowBreaking?: boolean } = {}): DiffReport {
  if (head.missing) {
    throw new UserError(`${named(head.source, head.source.mainKey)} does not exist: there is no head spec to compare`, { exitCode: 2 });
  }
  checkVersions(base, head);
  const headModel = buildContract(head.set);
  const baseModel = base.missing ? emptyContract(headModel) : buildContract(base.set);
  const findings = locateFindings(compareContracts(baseModel, headModel), base, head);
  return {
    base: { label: base.source.label, file: base.source.display(base.source.mainKey) },
    head: { label: head.source.label, file: head.source.display(head.source.mainKey) },
    findings,
    allowBreaking: options.allowBreaking ?? false,
    newConnector: base.missing,
  };
}

function checkVersions(base: LoadedSide, head: LoadedSide): void {
  const sides = base.missing ? [head] : [base, head];
  if (sides.every((s) => s.version === SWAGGER_2)) return;
  const describe = (s: LoadedSide) => `${named(s.source, s.source.mainKey)} is ${s.version === "" ? "not an OpenAPI definition (no swagger: \"2.0\" at the top)" : s.version}`;
  if (!base.missing && base.version !== head.version && base.version !== "" && head.version !== "") {
    throw new UserError(
      `the two sides are different versions: ${describe(base)}, ${describe(head)}. conduit diff compares Swagger 2.0 definitions, the only version Power Platform connectors take`,
      { exitCode: 2 },
    );
  }
  const wrong = sides.find((s) => s.version !== SWAGGER_2)!;
  throw new UserError(`${describe(wrong)}: conduit diff compares Swagger 2.0 definitions (swagger: "2.0"), the only version Power Platform connectors take`, { exitCode: 2 });
}

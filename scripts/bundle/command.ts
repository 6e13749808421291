import path from "node:path";
import { parseArgs } from "node:util";
import type { Command } from "../cli.js";
import { displayPath, projectLayout } from "../project.js";
import { stringifyJson } from "./ordered.js";
import { resolveExternalRefs } from "./resolve.js";
import { loadOrderedSource } from "./source.js";
import { writePackageAtomically } from "./write.js";

const HELP = `Usage: conduit bundle [--out DIR]

Writes the connector package (apiDefinition.swagger.json) into dist/connector/.

Options:
  --out DIR   where to write the package (default: dist/connector)
`;

export const bundleCommand: Command = {
  summary: "write the connector package into dist/connector/",
  async run(args) {
    const { values } = parseArgs({ args, options: { out: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const layout = projectLayout();
    const out = path.resolve(values.out ?? path.join(layout.dist, "connector"));
    const load = (file: string) => loadOrderedSource(file, displayPath(file));
    const root = await load(layout.spec);
    const definition = await resolveExternalRefs(root, load);
    const text = `${stringifyJson(definition)}\n`;
    await writePackageAtomically(out, [{ name: "apiDefinition.swagger.json", content: text }]);
    process.stdout.write(`wrote ${displayPath(out)}/apiDefinition.swagger.json (${Buffer.byteLength(text)} bytes)\n`);
    return 0;
  },
};

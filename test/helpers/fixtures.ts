/**
 * Fixtures of the tool's own tests. conduit is also a template: a team replaces the sample in spec/, so tests of
 * the tool (generate, bundle, import, lint, docs, diff) read these copies, never the project's spec/.
 */
import path from "node:path";

/** The Work orders sample (apiDefinition.swagger.yaml, apiProperties.yaml, icon.png), frozen for the tool's tests. */
export const SAMPLE_FIXTURE = path.resolve(process.cwd(), "test/fixtures/sample");

/** Runs the cached openapi-generator JAR: one Java process, arguments passed as a list (no shell in between). */
import { spawn } from "node:child_process";

export interface GeneratorRun {
  readonly code: number | null;
  /** What the generator printed, stdout and stderr interleaved. */
  readonly output: string;
}

/**
 * `java [JAVA_OPTS] -jar <jar> generate -g <generator> -i <definition> -o <out> [extra…]`. The wrapper's own
 * pass-through would join these into one shell line unquoted (a path with a space breaks it) and start Java twice
 * more to list commands, so conduit runs the JAR it fetched directly.
 */
export function runGenerator(options: {
  readonly java: string;
  readonly jar: string;
  readonly generator: string;
  readonly definition: string;
  readonly out: string;
  readonly extra: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}): Promise<GeneratorRun> {
  const env = options.env ?? process.env;
  const javaOptions = (env["JAVA_OPTS"] ?? "").split(/\s+/).filter((part) => part !== "");
  const args = [...javaOptions, "-jar", options.jar, "generate", "-g", options.generator, "-i", options.definition, "-o", options.out, ...options.extra];
  return new Promise((resolve) => {
    const child = spawn(options.java, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => resolve({ code: null, output: `${output}\n${error.message}` }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The lines worth showing a user: warnings and errors, without the INFO chatter and the donation banner. */
export function notableLines(output: string): string[] {
  return output
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "" && !/\bINFO\b/.test(line) && !line.startsWith("#"));
}

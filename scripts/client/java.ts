/** Finding the Java that runs openapi-generator: JAVA_HOME first (as Maven and Gradle do), then PATH. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { UserError } from "../diagnostics.js";

/** openapi-generator 7.x is built for Java 11. */
export const MINIMUM_JAVA = 11;

export interface JavaRuntime {
  /** The java executable: an absolute path from JAVA_HOME, or `java` as found on PATH. */
  readonly executable: string;
  readonly major: number;
  /** As `java -version` prints it, e.g. 17.0.15. */
  readonly version: string;
}

const INSTALL_HINT =
  "Install a Java runtime (17 is a good choice) and run the command again: `sudo apt-get install openjdk-17-jre-headless` on Debian or Ubuntu, " +
  "`brew install openjdk@17` on macOS, `winget install EclipseAdoptium.Temurin.17.JRE` on Windows, or from https://adoptium.net; " +
  "or point JAVA_HOME at an installed one";

export async function findJava(env: NodeJS.ProcessEnv = process.env): Promise<JavaRuntime> {
  const home = env["JAVA_HOME"];
  const fromHome = home ? path.join(home, "bin", process.platform === "win32" ? "java.exe" : "java") : undefined;
  if (home && fromHome && !existsSync(fromHome)) {
    throw new UserError(`JAVA_HOME is ${home}, but it holds no bin/java: openapi-generator needs Java ${MINIMUM_JAVA} or later. ${INSTALL_HINT}.`);
  }
  const executable = fromHome ?? "java";
  const probe = await run(executable, ["-version"], env);
  if (probe.missing) {
    throw new UserError(`no Java found (no JAVA_HOME, no java on PATH): client SDKs come from openapi-generator, a Java program that needs Java ${MINIMUM_JAVA} or later. ${INSTALL_HINT}.`);
  }
  const version = parseJavaVersion(probe.output);
  if (version === undefined) {
    throw new UserError(`${executable} -version did not say which Java it is (exit ${probe.code}): ${firstLine(probe.output)}. ${INSTALL_HINT}.`);
  }
  if (version.major < MINIMUM_JAVA) {
    throw new UserError(`${executable} is Java ${version.text}; openapi-generator needs Java ${MINIMUM_JAVA} or later. ${INSTALL_HINT}.`);
  }
  return { executable, major: version.major, version: version.text };
}

/** `openjdk version "17.0.15" 2025-04-15`, `java version "1.8.0_402"` (major 8), `openjdk version "21" 2023-09-19`. */
export function parseJavaVersion(output: string): { major: number; text: string } | undefined {
  const match = /version "([^"]+)"/.exec(output);
  if (match?.[1] === undefined) return undefined;
  const text = match[1];
  const parts = text.split(/[._+-]/).map((part) => Number.parseInt(part, 10));
  const major = parts[0] === 1 ? parts[1] : parts[0];
  return major === undefined || Number.isNaN(major) ? undefined : { major, text };
}

function run(executable: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ missing: boolean; code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(executable, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => resolve({ missing: error.code === "ENOENT" || error.code === "EACCES", code: null, output: error.message }));
    child.on("close", (code) => resolve({ missing: false, code, output }));
  });
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

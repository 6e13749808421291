/** What `conduit dev` and its app worker say to each other over IPC. */
import type { BannerRoute, BannerTimer } from "../serve/app.js";

/** The environment variable that carries the worker's configuration (JSON). */
export const WORKER_CONFIG = "CONDUIT_DEV_WORKER";

export interface WorkerConfig {
  readonly mode: "app" | "mock";
  readonly spec: string;
  readonly routePrefix: string;
  readonly functionKey: string;
  readonly maxBodyBytes: number;
}

export type WorkerMessage =
  | { readonly type: "ready"; readonly port: number; readonly routes: readonly BannerRoute[]; readonly timers: readonly BannerTimer[]; readonly notes: readonly string[] }
  | { readonly type: "failed"; readonly message: string };

/**
 * What the parent tells a worker: `timers` once it is the only app running (the previous one has stopped and
 * handed its deliveries back), as the Functions host runs a timer on one instance at a time; `stop` to go.
 */
export type ParentMessage = { readonly type: "timers" } | { readonly type: "stop" };

/** What `conduit dev` and its app worker say to each other over IPC. */
import type { BannerRoute } from "../serve/app.js";

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
  | { readonly type: "ready"; readonly port: number; readonly routes: readonly BannerRoute[] }
  | { readonly type: "failed"; readonly message: string };

/**
 * Timer functions on the local host: each `app.timer` registration runs once when the host starts (a restarted
 * app catches up at once, as a past-due timer does in Azure) and then on its interval, never two runs of the same
 * timer at a time, with real @azure/functions invocation contexts.
 */
import { randomUUID } from "node:crypto";
import functions from "@azure/functions";
import type { Timer } from "@azure/functions";
import type { TimerRegistration } from "../../src/webhooks/register.js";

const { InvocationContext } = functions;

export interface RunningTimers {
  /** Stops scheduling: no run starts after this. */
  pause(): void;
  /** Stops scheduling and waits for runs in progress (at most `waitMs`, when given). */
  stop(waitMs?: number): Promise<void>;
}

export function startTimers(timers: readonly TimerRegistration[], log: (line: string) => void): RunningTimers {
  const intervals: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  for (const timer of timers) {
    let busy = false;
    let last: Date | undefined;
    const run = (): void => {
      if (busy) return;
      busy = true;
      const invocationId = randomUUID();
      const now = new Date();
      const context = new InvocationContext({
        functionName: timer.name,
        invocationId,
        logHandler: (level, ...args) => log(`  [${level}] ${timer.name} (${invocationId}): ${args.map(String).join(" ")}`),
      });
      const info: Timer = {
        isPastDue: false,
        schedule: { adjustForDST: false },
        scheduleStatus: { last: (last ?? now).toISOString(), next: new Date(now.getTime() + timer.everyMs).toISOString(), lastUpdated: now.toISOString() },
      };
      last = now;
      const done = timer
        .handler(info, context)
        .catch((error: unknown) => log(`  [error] ${timer.name} (${invocationId}): ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          busy = false;
          running.delete(done);
        });
      running.add(done);
    };
    run();
    intervals.push(setInterval(run, timer.everyMs));
  }
  const pause = (): void => {
    for (const interval of intervals) clearInterval(interval);
  };
  return {
    pause,
    async stop(waitMs) {
      pause();
      const all = Promise.all(running).then(() => undefined);
      if (waitMs === undefined) return all;
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise<void>((resolve) => (timeout = setTimeout(resolve, waitMs)))]);
      clearTimeout(timeout);
    },
  };
}

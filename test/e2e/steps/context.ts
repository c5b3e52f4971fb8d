// What the lifecycle's steps share: the one stack they run on (started by lifecycle.e2e.ts) and
// waits that fail fast when a process of the stack died.
import type { Obj } from '../harness/kube';
import { until } from '../harness/processes';
import type { Stack } from '../harness/stack';

/** How long a step waits for the control plane to converge. */
export const CONVERGE = 240_000;
/** The namespace of the tour's ModelDeployment and ModelService. */
export const NS = 'ml-team';

let current: Stack | undefined;
export const setStack = (s: Stack | undefined): void => {
  current = s;
};
/** The stack, if it started. */
export const startedStack = (): Stack | undefined => current;
/** The running stack (beforeAll started it). */
export function stack(): Stack {
  if (!current) throw new Error('the e2e stack did not start');
  return current;
}

/** Waits for an object to satisfy a predicate, checking that no process of the stack died. */
export function waitFor(what: string, probe: () => Promise<Obj | undefined>, ok: (o: Obj) => boolean, timeoutMs = CONVERGE): Promise<Obj> {
  return until(
    what,
    async () => {
      stack().group.assertRunning();
      const o = await probe();
      return o && ok(o) ? o : undefined;
    },
    timeoutMs,
  );
}

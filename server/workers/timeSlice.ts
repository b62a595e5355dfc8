/**
 * Cooperative long work: a task written as a generator yields after each bounded piece of work, and
 * runSliced gives the event loop a turn every few milliseconds, so a long export or overlap pass never
 * stalls other users. The same generator drained by runAtOnce gives the result without pauses.
 */

/** Work that yields (nothing) at points where it may be paused, and returns a `T` at its end. */
export type Steps<T = void> = Generator<void, T, undefined>;

/** Longest stretch of work between two turns of the event loop. */
const SLICE_MS = 15;

/** Resolves on the event loop's next turn, after pending I/O callbacks. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `steps` to the end, pausing for the event loop whenever a slice of `sliceMs` has been used. */
export async function runSliced<T>(steps: Steps<T>, sliceMs: number = SLICE_MS): Promise<T> {
  let until = performance.now() + sliceMs;
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (performance.now() < until) continue;
    await nextTurn();
    until = performance.now() + sliceMs;
  }
}

/** Runs `steps` to the end without pausing. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

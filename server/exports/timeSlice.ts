/**
 * Cooperative rendering: a renderer written as a generator yields after each bounded piece of work, and
 * runSliced gives the event loop a turn every few milliseconds, so a long export never stalls other users.
 */

/** Work that yields (nothing) at points where it may be paused. */
export type Steps = Generator<void, void, undefined>;

/** Longest stretch of rendering between two turns of the event loop. */
const SLICE_MS = 15;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `steps` to the end, pausing for the event loop whenever a slice of SLICE_MS has been used. */
export async function runSliced(steps: Steps, sliceMs: number = SLICE_MS): Promise<void> {
  let until = performance.now() + sliceMs;
  for (let step = steps.next(); !step.done; step = steps.next()) {
    if (performance.now() < until) continue;
    await nextTurn();
    until = performance.now() + sliceMs;
  }
}

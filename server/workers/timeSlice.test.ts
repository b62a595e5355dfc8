import { describe, expect, it } from 'vitest';
import { runAtOnce, runSliced, type Steps } from './timeSlice.js';

/** Counts to `n`, one step each, logging each step into `log`. */
function* counting(n: number, log: string[]): Steps<number> {
  let total = 0;
  for (let i = 0; i < n; i++) {
    log.push(`step ${i}`);
    total += i;
    yield;
  }
  return total;
}

describe('time-sliced work', () => {
  it('returns what the generator returns, run at once or sliced', async () => {
    expect(runAtOnce(counting(5, []))).toBe(10);
    expect(await runSliced(counting(5, []), 0)).toBe(10);
    expect(await runSliced(counting(0, []), 0)).toBe(0);
  });

  it('lets other callbacks run between slices', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    const done = runSliced(counting(3, log), 0);
    log.push('started');
    await done;
    // With a zero slice every step is followed by a turn: the first step runs at once, the other work right after it.
    expect(log).toEqual(['step 0', 'started', 'other work', 'step 1', 'step 2']);
  });

  it('runs at once without giving turns', () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    runAtOnce(counting(3, log));
    expect(log).toEqual(['step 0', 'step 1', 'step 2']);
  });
});

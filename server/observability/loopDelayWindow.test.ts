/** The event-loop delay window forgets a stall once two windows have passed. */
import { describe, expect, it } from 'vitest';
import { delayBeyondPeriod, LoopDelayWindow, RESOLUTION_MS } from './loopDelayWindow.js';

function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // hold the event loop, as a long synchronous task would
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('event-loop delay window', () => {
  it('reports a stall while it is recent and forgets it two windows later', async () => {
    // The stall is far longer than any scheduling hiccup of a loaded test machine, so only it can cross the bar.
    const window = new LoopDelayWindow(400);
    try {
      await pause(100);
      blockFor(1500);
      await pause(50);
      expect(window.p99Seconds).toBeGreaterThanOrEqual(1.4);
      await pause(900); // two windows without a stall
      expect(window.p99Seconds).toBeLessThan(1);
      expect(window.meanSeconds).toBeLessThan(1);
    } finally {
      window.close();
    }
  });

  it('reads the delay beyond the sampling period: an idle loop reads 0, not the period', () => {
    const period = RESOLUTION_MS * 1e6;
    expect(delayBeyondPeriod(period + 0.17e6)).toBeCloseTo(0.00017, 6);
    expect(delayBeyondPeriod(period - 0.9e6)).toBe(0);
    expect(delayBeyondPeriod(period + 1_500e6)).toBeCloseTo(1.5, 6);
  });
});

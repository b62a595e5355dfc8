/** The event-loop delay window forgets a stall once two windows have passed. */
import { describe, expect, it } from 'vitest';
import { LoopDelayWindow } from './loopDelayWindow.js';

function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // hold the event loop, as a long synchronous task would
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('event-loop delay window', () => {
  it('reports a stall while it is recent and forgets it two windows later', async () => {
    const window = new LoopDelayWindow(300);
    try {
      await pause(100);
      blockFor(400);
      await pause(50);
      expect(window.p99Seconds).toBeGreaterThanOrEqual(0.3);
      await pause(700); // two windows without a stall
      expect(window.p99Seconds).toBeLessThan(0.3);
      expect(window.meanSeconds).toBeLessThan(0.3);
    } finally {
      window.close();
    }
  });
});

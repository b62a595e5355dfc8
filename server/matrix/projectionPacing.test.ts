/** Projection pacing: the base wait while passes are cheap, longer waits when they take the database. */
import { describe, expect, it } from 'vitest';
import { ProjectionPacing } from './projectionPacing.js';

describe('projection pacing', () => {
  it('keeps the base wait while passes take a small share of the time', () => {
    let t = 0;
    const pacing = new ProjectionPacing(600, () => t);
    for (let i = 0; i < 20; i++) {
      t += 600;
      pacing.record(30); // a plan projected every 600 ms in 30 ms: 5 % of the time
    }
    expect(pacing.waitMs()).toBe(600);
  });

  it('spaces passes out when they take most of the time, up to a cap, and recovers once they are cheap again', () => {
    let t = 0;
    const pacing = new ProjectionPacing(600, () => t);
    for (let i = 0; i < 300; i++) {
      t += 200;
      pacing.record(1_000); // a minute of overlapping passes: five times the wall time
    }
    expect(pacing.busyShare).toBeGreaterThan(4.5);
    expect(pacing.waitMs()).toBe(10_000);

    t += 60_000; // a quiet minute
    expect(pacing.waitMs()).toBe(600);
  });

  it('grows the wait with the square of the share above the target', () => {
    let t = 0;
    const pacing = new ProjectionPacing(600, () => t);
    pacing.record(5_000); // half of the 10 s decay window: twice the target share
    expect(pacing.waitMs()).toBe(2_400);
  });
});

/** The bench harness still works: each server (Enlace and both peers) runs ~2 s with 5 clients that must converge. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../bench/runner.js';
import { smoke } from '../../bench/scenarios/smoke.js';

describe('bench smoke', () => {
  it('runs Enlace, @y/websocket-server and Hocuspocus with 5 converging clients each', async () => {
    const result = await runScenario(smoke, { runs: '1' }, () => undefined);
    for (const label of ['enlace', 'yws', 'hocuspocus']) {
      const [run] = result.runs[label];
      expect(run.error, `${label} failed`).toBeUndefined();
      expect(run.converged, `${label} converged`).toBe(true);
      expect(run.distinct_digests).toBe(1);
      expect(run.activities).toBeGreaterThanOrEqual(5);
    }
  }, 180_000);
});

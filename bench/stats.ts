/** Small statistics helpers for benchmark samples. */

/** The q-quantile (0..1) of the samples by nearest rank; NaN when there are none. */
export function quantile(samples: ArrayLike<number>, q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of the samples; NaN when there are none. */
export function median(samples: ArrayLike<number>): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** p50/p99/max/count of latency samples in milliseconds. */
export function summarize(samples: ArrayLike<number>): { p50: number; p99: number; max: number; count: number } {
  let max = Number.NaN;
  for (let i = 0; i < samples.length; i++) max = Number.isNaN(max) ? samples[i] : Math.max(max, samples[i]);
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), max, count: samples.length };
}

/** Concatenates sample arrays coming back from several load generators. */
export function concatSamples(parts: ArrayLike<number>[]): Float64Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Rounds for display without losing small values. */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

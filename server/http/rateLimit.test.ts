import { describe, expect, it, vi } from 'vitest';
import { FailureCounter } from './rateLimit.js';

describe('FailureCounter', () => {
  it('blocks a key at its bound and forgets keys whose failures expired, even ones never asked about again', () => {
    vi.useFakeTimers();
    try {
      const counter = new FailureCounter(3, 60_000);
      for (let i = 0; i < 3; i++) counter.fail('ana');
      expect(counter.blocked('ana')).toBe(true);
      expect(counter.retryAfterMs('ana')).toBe(60_000);
      // A client claiming a new address on every attempt leaves one key per attempt behind.
      for (let i = 0; i < 1000; i++) counter.fail(`10.0.${i >> 8}.${i & 255}`);
      expect(counter.size).toBe(1001);
      vi.advanceTimersByTime(61_000);
      for (let i = 0; i < 30; i++) counter.fail(`192.168.0.${i}`);
      expect(counter.size).toBe(30);
      expect(counter.blocked('ana')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

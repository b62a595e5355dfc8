import { describe, expect, it, vi } from 'vitest';
import { FailureCounter, KeyedTokenBucket } from './rateLimit.js';

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

describe('KeyedTokenBucket', () => {
  it('allows a burst, then refuses with the wait until the next token, per key; full buckets are forgotten without a timer', () => {
    vi.useFakeTimers();
    try {
      // 30 at once, then 30 a minute: one token every 2 s.
      const bucket = new KeyedTokenBucket(30 / 60, 30);
      for (let i = 0; i < 30; i++) expect(bucket.take('ana'), `take ${i + 1}`).toBe(true);
      expect(bucket.take('ana')).toBe(false);
      expect(bucket.retryAfterMs('ana')).toBe(2000);
      // Someone else is not held back by Ana.
      expect(bucket.take('beto')).toBe(true);
      expect(bucket.retryAfterMs('beto')).toBe(0);
      vi.advanceTimersByTime(1500);
      expect(bucket.take('ana')).toBe(false);
      expect(bucket.retryAfterMs('ana')).toBe(500);
      vi.advanceTimersByTime(500);
      expect(bucket.take('ana')).toBe(true);
      expect(bucket.take('ana')).toBe(false);
      // No timer is left behind for a bucket nobody closes.
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(120_000);
      expect(bucket.take('carla')).toBe(true);
      expect(bucket.size).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

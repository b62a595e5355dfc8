import { describe, expect, it } from 'vitest';
import { FailureBound, reserveAll, type SharedFailureStore } from './failureBounds.js';

/** A shared store kept in a Map (what another node would have written), which can be made to fail like a lost Redis. */
class MapStore implements SharedFailureStore {
  times = new Map<string, number[]>();
  down = false;
  private check(): void {
    if (this.down) throw new Error('connection lost');
  }
  async recent(bound: string, key: string, windowMs: number): Promise<number[]> {
    this.check();
    return (this.times.get(`${bound}|${key}`) ?? []).filter((t) => t > Date.now() - windowMs);
  }
  async fail(bound: string, key: string, _windowMs: number, keep: number): Promise<void> {
    this.check();
    this.times.set(`${bound}|${key}`, [...(this.times.get(`${bound}|${key}`) ?? []), Date.now()].slice(-keep));
  }
  async clear(bound: string, key: string): Promise<void> {
    this.check();
    this.times.delete(`${bound}|${key}`);
  }
}

describe('FailureBound', () => {
  it('refuses once the failures of every node together reach the bound, and a success clears them for all', async () => {
    const store = new MapStore();
    const here = new FailureBound('login', 3, 60_000, store);
    const there = new FailureBound('login', 3, 60_000, store);
    await here.fail('ana');
    await there.fail('ana');
    expect(await here.retryAfterMs('ana')).toBe(0);
    await there.fail('ana');
    expect(await here.retryAfterMs('ana')).toBeGreaterThan(59_000);
    expect(await here.retryAfterMs('beto')).toBe(0);
    await there.clear('ana');
    expect(await there.retryAfterMs('ana')).toBe(0);
    // This node's own count was never shared-cleared by the other: it holds 1, under the bound.
    expect(await here.retryAfterMs('ana')).toBe(0);
  });

  it('keeps counting on this node while the shared store fails, logging once, and never lifts a bound', async () => {
    const store = new MapStore();
    const warnings: string[] = [];
    const bound = new FailureBound('login', 3, 60_000, store, { warn: (_o, msg) => warnings.push(String(msg)) });
    store.down = true;
    for (let i = 0; i < 3; i++) await bound.fail('ana');
    expect(await bound.retryAfterMs('ana')).toBeGreaterThan(59_000);
    expect(warnings).toEqual(['shared sign-in failure count write failed; counting on this node only']);
    store.down = false;
    expect(await bound.retryAfterMs('ana')).toBeGreaterThan(59_000);
  });

  it('counts attempts under way against the bound, so guesses sent at once cannot all pass it together', () => {
    const bound = new FailureBound('login', 3, 60_000);
    const places = [bound.reserve('ana'), bound.reserve('ana'), bound.reserve('ana')];
    expect(places.every(Boolean)).toBe(true);
    expect(bound.reserve('ana')).toBeUndefined();
    expect(bound.reserve('beto')).toBeDefined();
    // An attempt that succeeded gives its place back; one that failed leaves its failure in it.
    places[0]!();
    places[0]!(); // given back once only
    const next = bound.reserve('ana');
    expect(next).toBeDefined();
    expect(bound.reserve('ana')).toBeUndefined();
    void bound.fail('ana');
    next!();
    expect(bound.reserve('ana')).toBeUndefined();
  });

  it('reserves in every bound or in none', () => {
    const account = new FailureBound('login-account', 1, 60_000);
    const address = new FailureBound('login-address', 2, 60_000);
    const first = reserveAll([[account, 'ana'], [address, '10.0.0.1']]);
    expect(first).toBeDefined();
    // The account is full: the address's place is not taken either.
    expect(reserveAll([[account, 'ana'], [address, '10.0.0.1']])).toBeUndefined();
    expect(reserveAll([[address, '10.0.0.1']])).toBeDefined();
    expect(reserveAll([[address, '10.0.0.1']])).toBeUndefined();
    first!();
    expect(reserveAll([[account, 'ana']])).toBeDefined();
  });
});

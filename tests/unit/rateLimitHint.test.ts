/** A 429 says when to try again: the seconds left, or the time of day the server's Retry-After names. */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { translators } from '../helpers/translators.js';
import { ApiError, retryAtOf } from '../../client/api/http.js';
import { describeError } from '../../client/components/ErrorNotice.js';

const NOW = Date.UTC(2026, 11, 6, 16, 40, 30);
const limited = (retryAt?: Date) => new ApiError(429, 'rate_limited', 'Too many failed sign-ins', undefined, undefined, retryAt);

describe('the hint of a rate-limited answer', () => {
  let tEs: TFunction;
  let tEn: TFunction;
  beforeAll(async () => {
    ({ es: tEs, en: tEn } = await translators());
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    expect(retryAtOf('900', NOW)?.getTime()).toBe(NOW + 900_000);
    expect(retryAtOf('Sun, 06 Dec 2026 16:55:00 GMT', NOW)?.getTime()).toBe(Date.UTC(2026, 11, 6, 16, 55));
    expect(retryAtOf(null, NOW)).toBeUndefined();
    expect(retryAtOf('soon', NOW)).toBeUndefined();
  });

  it('counts the seconds of a short wait, in either language', () => {
    expect(describeError(limited(new Date(NOW + 1000)), tEs, 'es', NOW).hint).toBe('Espere 1 segundo y vuelva a intentarlo.');
    expect(describeError(limited(new Date(NOW + 42_000)), tEs, 'es', NOW).hint).toBe('Espere 42 segundos y vuelva a intentarlo.');
    expect(describeError(limited(new Date(NOW + 42_000)), tEn, 'en', NOW).hint).toBe('Wait 42 seconds and try again.');
  });

  it('names the minute a long lockout ends, rounded up, and falls back to "a few minutes" without Retry-After', () => {
    const at = new Date(NOW + 15 * 60_000); // 16:55:30 UTC: from 16:56 on
    const shown = new Intl.DateTimeFormat('es-MX', { hour: 'numeric', minute: '2-digit' }).format(new Date(Date.UTC(2026, 11, 6, 16, 56)));
    expect(describeError(limited(at), tEs, 'es', NOW).hint).toBe(`Podrá intentarlo de nuevo a partir de esta hora: ${shown}`);
    expect(describeError(limited(), tEs, 'es', NOW).hint).toBe('Espere unos minutos y vuelva a intentarlo.');
    expect(describeError(limited(), tEn, 'en', NOW).title).toBe('Too many attempts in a row.');
  });
});

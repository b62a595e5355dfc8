/** Shows what went wrong and what to do about it, from an ApiError code or any thrown value. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CONFLICT_REASONS } from '../../shared/constants.js';
import { ApiError } from '../api/http.js';
import { cachedDateTimeFormat, localeOf } from '../lib/format.js';
import { validationLines } from './validationDetails.js';

const KNOWN_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'network_error',
  'server_error',
] as const;

/**
 * What a 429 says to do: wait the seconds left, or until the time of day the server named ("wait a few minutes" had
 * people retry at once and stay locked out). Without a `Retry-After`, the general hint.
 */
function rateLimitHint(err: ApiError, t: TFunction, locale: string, now: number): string {
  if (!err.retryAt) return t('errors.rate_limited.hint');
  const seconds = Math.max(1, Math.ceil((err.retryAt.getTime() - now) / 1000));
  if (seconds < 60) return t('errors.rate_limited.hintSeconds', { count: seconds });
  // Rounded up to the minute: a time shown as 10:47 must not still refuse at 10:47:00.
  const at = new Date(Math.ceil(err.retryAt.getTime() / 60_000) * 60_000);
  return t('errors.rate_limited.hintAt', { time: cachedDateTimeFormat(localeOf(locale), { hour: 'numeric', minute: '2-digit' }).format(at) });
}

/** The translated title and hint for a thrown value (`locale`: the interface language, for a time in the hint). */
export function describeError(err: unknown, t: TFunction, locale = 'es', now = Date.now()): { title: string; hint: string; details: string[] } {
  if (err instanceof ApiError) {
    const code = (KNOWN_CODES as readonly string[]).includes(err.code) ? err.code : err.status >= 500 ? 'server_error' : 'unknown';
    // A conflict with a known reason says which conflict it is and what to do, not "another change got there first".
    if (code === 'conflict' && err.reason && (CONFLICT_REASONS as readonly string[]).includes(err.reason)) {
      return { title: t(`errors.conflictReasons.${err.reason}.title`), hint: t(`errors.conflictReasons.${err.reason}.hint`), details: [] };
    }
    return {
      title: t(`errors.${code}.title`),
      hint: code === 'rate_limited' ? rateLimitHint(err, t, locale, now) : t(`errors.${code}.hint`),
      details: code === 'validation_failed' ? validationLines(err.details, t) : code === 'unknown' && err.message ? [err.message] : [],
    };
  }
  return { title: t('errors.unknown.title'), hint: t('errors.unknown.hint'), details: err instanceof Error && err.message ? [err.message] : [] };
}

/**
 * An alert box for an error, with an optional retry button (a way home instead, when the thing does not exist or is not
 * theirs). `id`: for the fields it is about to name it in their `aria-describedby`.
 */
export function ErrorNotice({ error, onRetry, compact, id }: { error: unknown; onRetry?: () => void; compact?: boolean; id?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const { title, hint, details } = describeError(error, t, i18n.language);
  // Retrying cannot make a missing (or not-ours) thing appear; a page-level notice offers the way back instead.
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div id={id} className={compact ? 'notice notice-error notice-compact' : 'notice notice-error'} role="alert">
      <p className="notice-title">{title}</p>
      <p className="notice-hint">{hint}</p>
      {details.length > 0 && (
        <ul className="notice-details">
          {details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
      {notFound && !compact ? (
        <Link className="btn btn-secondary btn-small" to="/">
          {t('errors.goHome')}
        </Link>
      ) : (
        onRetry &&
        !notFound && (
          <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )
      )}
    </div>
  );
}

/**
 * The person's calendar subscription link: made on request, shown once (the server keeps only its hash) with a way
 * to copy it, then only when it was made and last read; replacing it (the old one stops working) or switching it off
 * asks first.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCalendarFeed, getCalendarFeed, revokeCalendarFeed, type CalendarFeed } from '../../api/calendarFeed.js';
import { useFormat } from '../../lib/format.js';
import { useAsync } from '../../lib/useAsync.js';
import { ConfirmButton } from '../ConfirmButton.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Field } from '../Field.js';
import { Loading } from '../Loading.js';

/** The section's content, for the account menu's «Calendario» dialog. */
export function CalendarFeedPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const current = useAsync((signal) => getCalendarFeed(signal), []);
  // The link as made in this dialog: the one time it can be shown.
  const [made, setMade] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const linkRef = useRef<HTMLInputElement>(null);

  /** Runs a change, then shows the feed as it now is. */
  const change = async (run: () => Promise<{ feed: CalendarFeed | null; url: string | null }>, done: string) => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const { feed, url } = await run();
      current.setData(() => feed);
      setMade(url);
      setNotice(done);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const create = () => change(async () => createCalendarFeed(), t('account.calendar.made'));
  const revoke = () => change(async () => (await revokeCalendarFeed(), { feed: null, url: null }), t('account.calendar.revoked'));

  const copy = async () => {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made);
      setCopied(true);
    } catch (err) {
      // Clipboard access can be denied (plain http, permissions): select the text for a manual copy.
      console.warn('Clipboard unavailable', err);
      linkRef.current?.select();
    }
  };

  if (current.loading && current.data === undefined) return <Loading />;
  const feed = current.data ?? null;
  return (
    <div className="form" data-testid="calendar-feed">
      <p className="muted">{t('account.calendar.intro')}</p>
      <ErrorNotice error={error ?? current.error} compact />
      {made && (
        <div className="form inline-form" data-testid="calendar-feed-link">
          <Field id={`${uid}-link`} label={t('account.calendar.linkLabel')} hint={t('account.calendar.showOnce')}>
            <input id={`${uid}-link`} ref={linkRef} readOnly value={made} aria-describedby={`${uid}-link-hint`} onFocus={(e) => e.target.select()} />
          </Field>
          <div className="inline-controls">
            <button type="button" className="btn btn-secondary" onClick={() => void copy()}>
              {t('account.calendar.copy')}
            </button>
            <span role="status" className="muted">
              {copied ? t('account.calendar.copied') : ''}
            </span>
          </div>
        </div>
      )}
      {feed ? (
        <>
          <div data-testid="calendar-feed-status">
            <p>{t('account.calendar.createdOn', { date: fmt.dateTime(feed.createdAt) })}</p>
            <p>{feed.lastUsedAt ? t('account.calendar.lastUsed', { date: fmt.dateTime(feed.lastUsedAt) }) : t('account.calendar.neverUsed')}</p>
          </div>
          <p className="muted">{t('account.calendar.secret')}</p>
          {/* Wrapping, unlike a table's actions cell: a question asked in place must fit the dialog's width. */}
          <div className="inline-controls">
            <ConfirmButton
              label={t('account.calendar.rotate')}
              question={t('account.calendar.rotateQuestion')}
              confirmLabel={t('account.calendar.rotateConfirm')}
              disabled={busy}
              onConfirm={() => void create()}
            />
            <ConfirmButton
              label={t('account.calendar.revoke')}
              question={t('account.calendar.revokeQuestion')}
              confirmLabel={t('account.calendar.revokeConfirm')}
              disabled={busy}
              onConfirm={() => void revoke()}
            />
          </div>
        </>
      ) : (
        <div>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void create()}>
            {busy ? t('common.creating') : t('account.calendar.create')}
          </button>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {notice}
      </p>
    </div>
  );
}

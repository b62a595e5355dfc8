/**
 * What the plan page shows while its content first arrives. Until the first sync the editor holds nothing (or an old
 * local copy), and someone could start typing into what looks like a blank plan: a calm status covers the editor and
 * the activities wait. If the sync takes longer than SLOW_SYNC_MS, the page says so, says what to do, and lets people
 * type anyway (their words are kept in this browser and merge once the plan arrives).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './planContentLoading.css';

/** How long the first sync may take before the page stops waiting for it. */
export const SLOW_SYNC_MS = 10_000;

/** True once SLOW_SYNC_MS passed without the plan's first sync (false again when it comes). */
export function useSlowFirstSync(everSynced: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (everSynced) return;
    const timer = setTimeout(() => setSlow(true), SLOW_SYNC_MS);
    return () => clearTimeout(timer);
  }, [everSynced]);
  return slow && !everSynced;
}

/** The status laid over the editor card while the plan's content loads. */
export function PlanContentLoading() {
  const { t } = useTranslation();
  return (
    <div className="plan-content-loading" role="status" aria-live="polite" data-testid="plan-content-loading">
      <span className="spinner" aria-hidden="true" />
      <span>{t('plans.contentLoading')}</span>
    </div>
  );
}

/** Where the activities table will be, while the plan's content loads (the editor's status speaks for both). */
export function ActivitiesPlaceholder() {
  const { t } = useTranslation();
  return (
    <section className="card activities activities-placeholder" aria-busy="true">
      <div className="section-head">
        <h2>{t('activities.title')}</h2>
      </div>
      <p className="muted" aria-hidden="true">
        {t('plans.contentLoading')}
      </p>
    </section>
  );
}

/** Said when the first sync is slow: what is happening and what to do. */
export function SlowSyncNotice() {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning" role="status" data-testid="plan-content-slow">
      <p className="notice-title">{t('plans.contentSlow')}</p>
      <p className="notice-hint">{t('plans.contentSlowHint')}</p>
    </div>
  );
}

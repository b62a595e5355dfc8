/** A polite loading indicator. */
import { useTranslation } from 'react-i18next';

/** Spinner with a translated "Loading…" label announced to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

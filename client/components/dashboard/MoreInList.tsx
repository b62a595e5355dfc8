/** Under a list the overview cut short: how many it shows of how many, and where to see them all. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format.js';

/** Nothing when the list is whole. */
export function MoreInList({ shown, total, to, label }: { shown: number; total: number; to?: string; label?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (total <= shown) return null;
  return (
    <p className="small muted" data-testid="more-in-list">
      {t('dashboard.showingOf', { shown: fmt.number(shown), total: fmt.number(total) })}
      {to && label && (
        <>
          {' '}
          <Link to={to}>{label}</Link>
        </>
      )}
    </p>
  );
}

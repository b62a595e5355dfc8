/** The search above a big activities table: which rows it shows, how many match, and a way back to all of them. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.js';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  /** Rows matching (equal to `total` when nothing is searched). */
  shown: number;
  total: number;
}

/** The search field, then what it found: a count, or that nothing matches. */
export function ActivitySearch({ query, onQuery, shown, total }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const searching = query.trim() !== '';
  return (
    <div className="activity-search" role="search">
      <label htmlFor={id} className="visually-hidden">
        {t('activities.searchLabel')}
      </label>
      <input
        id={id}
        type="search"
        data-testid="activities-search"
        value={query}
        placeholder={t('activities.searchPlaceholder')}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            onQuery('');
          }
        }}
        aria-describedby={searching ? `${id}-found` : undefined}
      />
      {searching && (
        <p id={`${id}-found`} className="muted" role="status" data-testid="activities-search-found">
          {shown ? t('activities.searchFound', { count: shown, shown: fmt.number(shown), total: fmt.number(total) }) : t('activities.searchNone', { query: query.trim() })}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => onQuery('')}>
            {t('activities.searchClear')}
          </button>
        </p>
      )}
    </div>
  );
}

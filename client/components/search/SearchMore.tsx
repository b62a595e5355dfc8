/** Under a search's results: how many of the total are shown, and "Mostrar más" while the server has more. */
import { useTranslation } from 'react-i18next';
import { MAX_SEARCH_DEPTH } from '../../api/search.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useFormat } from '../../lib/format.js';

interface Props {
  shown: number;
  total: number;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  onMore: () => void;
}

/** Nothing once every hit is shown. */
export function SearchMore({ shown, total, hasMore, loading, error, onMore }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (shown >= total) return null;
  const rest = total - shown;
  return (
    <div className="search-more">
      <p className="muted" data-testid="search-progress">
        {t('search.progress', { count: total, shown: fmt.number(shown), total: fmt.number(total) })}
      </p>
      <ErrorNotice error={error} compact />
      {hasMore ? (
        // aria-disabled, not disabled: a disabled button drops the keyboard focus while the page loads.
        <button type="button" className="btn btn-secondary" aria-disabled={loading} aria-busy={loading} onClick={() => !loading && onMore()} data-testid="search-more">
          {loading ? t('search.loadingMore') : t('search.showMore', { count: rest, formatted: fmt.number(rest) })}
        </button>
      ) : (
        // Otherwise the hits changed while paging (one shown twice is shown once): nothing more to offer.
        total > MAX_SEARCH_DEPTH && <p className="muted">{t('search.tooDeep', { formatted: fmt.number(MAX_SEARCH_DEPTH) })}</p>
      )}
    </div>
  );
}

/** The results page's kind filter: "Todo" and one chip per kind that has hits, each with the query's true count. */
import { useTranslation } from 'react-i18next';
import { SEARCH_RESULT_TYPES, type SearchCounts, type SearchResultType } from '../../api/search.js';
import { useFormat } from '../../lib/format.js';

interface Props {
  counts: SearchCounts;
  only: SearchResultType | null;
  onChange: (type: SearchResultType | null) => void;
}

/** Chips for "all" and each kind with hits (the chosen one stays, so it can be turned off). */
export function SearchKindChips({ counts, only, onChange }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const all = SEARCH_RESULT_TYPES.reduce((sum, type) => sum + counts[type], 0);
  return (
    <div className="search-filters" role="group" aria-labelledby="search-show" data-testid="search-kinds">
      <span id="search-show" className="search-filters-label">
        {t('search.show')}
      </span>
      <button type="button" className="filter-chip" aria-pressed={only === null} onClick={() => onChange(null)} data-kind="all">
        {t('search.types.all')} ({fmt.number(all)})
      </button>
      {SEARCH_RESULT_TYPES.map((type) =>
        counts[type] || only === type ? (
          <button key={type} type="button" className="filter-chip" aria-pressed={only === type} onClick={() => onChange(only === type ? null : type)} data-kind={type}>
            {t(`search.typesPlural.${type}`)} ({fmt.number(counts[type])})
          </button>
        ) : null,
      )}
    </div>
  );
}

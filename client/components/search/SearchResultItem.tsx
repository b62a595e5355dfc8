/** One search hit: its kind, reference and group, a link to it with the matched words marked, and its snippet. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { resultHref, type SearchResult } from '../../api/search.js';
import { Highlighted } from '../Highlighted.js';

/** A result row of the results page's list. */
export function SearchResultItem({ result: r }: { result: SearchResult }) {
  const { t } = useTranslation();
  return (
    <li className="search-result" data-type={r.type}>
      <div className="item-meta">
        <span className={`type-badge type-badge-${r.type}`}>{t(`search.types.${r.type}`)}</span>
        {r.ref && <span>{r.ref}</span>}
        <span>{r.workspaceName}</span>
        {r.documentTitle && r.type === 'activity' && <span>· {r.documentTitle}</span>}
      </div>
      <Link to={resultHref(r)} className="search-result-title">
        {r.type === 'comment' ? t('search.commentOn', { title: r.title }) : <Highlighted segments={r.titleHighlights} fallback={r.title} />}
      </Link>
      {r.snippet && (
        <p className="search-result-snippet">
          <Highlighted segments={r.highlights} fallback={r.snippet} />
        </p>
      )}
    </li>
  );
}

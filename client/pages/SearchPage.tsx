/** The /search?q= page: results from every working group the person belongs to, highlighted, filterable by kind. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { resultHref, searchAll, type SearchResult, type SearchResultType } from '../api/search.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { Highlighted } from '../components/Highlighted.js';
import { Loading } from '../components/Loading.js';
import '../components/search.css';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';

const TYPES: SearchResultType[] = ['plan', 'activity', 'decision', 'comment'];
const LIMIT = 50;

/** The search results page. */
export function SearchPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [draft, setDraft] = useState(q);
  const [only, setOnly] = useState<SearchResultType | null>(null);
  useEffect(() => setDraft(q), [q]);
  useDocumentTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  const { data, error, loading, reload } = useAsync((signal) => (q ? searchAll(q, { limit: LIMIT }, signal) : Promise.resolve<SearchResult[]>([])), [q]);
  const shown = (data ?? []).filter((r) => !only || r.type === only);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = draft.trim();
    if (next) setParams({ q: next });
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('search.title')}</h1>
        <p className="muted">{t('search.intro')}</p>
      </div>
      <section className="card" aria-labelledby="search-results-title">
        <form className="search-form" role="search" onSubmit={onSubmit} aria-label={t('search.label')}>
          <Field id="search-page-q" label={t('search.label')}>
            <input id="search-page-q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={200} data-testid="search-page-input" />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={!draft.trim()}>
            {t('search.submit')}
          </button>
        </form>
        <h2 id="search-results-title" className="visually-hidden">
          {t('search.results')}
        </h2>
        {q && data && data.length > 0 && (
          <div className="search-filters" role="group" aria-labelledby="search-show">
            <span id="search-show" className="search-filters-label">
              {t('search.show')}
            </span>
            <button type="button" className="filter-chip" aria-pressed={only === null} onClick={() => setOnly(null)}>
              {t('search.types.all')} ({fmt.number(data.length)})
            </button>
            {TYPES.map((type) => {
              const n = data.filter((r) => r.type === type).length;
              return n ? (
                <button key={type} type="button" className="filter-chip" aria-pressed={only === type} onClick={() => setOnly(only === type ? null : type)}>
                  {t(`search.typesPlural.${type}`)} ({fmt.number(n)})
                </button>
              ) : null;
            })}
          </div>
        )}
        <div aria-live="polite" className="visually-hidden">
          {q && data && !loading ? t('search.count', { count: data.length, q }) : ''}
        </div>
        {!q && <p className="empty">{t('search.hint')}</p>}
        {q && loading && <Loading label={t('search.searching')} />}
        <ErrorNotice error={error} onRetry={reload} />
        {q && !loading && data && data.length === 0 && !error && (
          <div className="notice notice-info" data-testid="search-empty">
            <p className="notice-title">{t('search.emptyTitle', { q })}</p>
            <p className="notice-hint">{t('search.emptyHint')}</p>
          </div>
        )}
        {shown.length > 0 && (
          <ol className="search-results" data-testid="search-results">
            {shown.map((r) => (
              <li key={`${r.type}:${r.id}`} className="search-result" data-type={r.type}>
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
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

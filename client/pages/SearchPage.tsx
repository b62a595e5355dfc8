/**
 * The /search?q= page: results from every working group the person belongs to, highlighted, a page at a time
 * ("Mostrar más"), filterable by kind (`&type=`). The kind chips carry the query's true counts and a filter
 * asks the server for that kind, so hits ranked below the first page are found and counted too.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SEARCH_RESULT_TYPES, type SearchResultType } from '../api/search.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { Loading } from '../components/Loading.js';
import { SearchKindChips } from '../components/search/SearchKindChips.js';
import { SearchMore } from '../components/search/SearchMore.js';
import { SearchResultItem } from '../components/search/SearchResultItem.js';
import { useSearchPages } from '../components/search/useSearchPages.js';
import '../components/search.css';
import { useFormat } from '../lib/format.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';

const kindParam = (v: string | null): SearchResultType | null => (SEARCH_RESULT_TYPES as readonly string[]).includes(v ?? '') ? (v as SearchResultType) : null;

/** The search results page. */
export function SearchPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const only = kindParam(params.get('type'));
  const [draft, setDraft] = useState(q);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => setDraft(q), [q]);
  useDocumentTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  const pages = useSearchPages(q, only);
  const data = pages.results;
  // While another kind's first page loads, the previous kind's hits are not shown as if they were of this one.
  const shown = (data ?? []).filter((r) => !only || r.type === only);
  const settled = Boolean(q && data && !pages.loading);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = draft.trim();
    if (next) setParams({ q: next }); // a new search starts over with every kind
  };
  // Replace, not push: choosing a kind is a view of the same search, not a page to go back to.
  const choose = (type: SearchResultType | null) => setParams(type ? { q, type } : { q }, { replace: true });
  // The button may go away with the last page: the keyboard continues at the first new result, once it is in the list.
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const more = async () => {
    const before = shown.length;
    if (await pages.loadMore()) setFocusAt(before);
  };
  useEffect(() => {
    const link = focusAt === null ? null : list.current?.children[focusAt]?.querySelector<HTMLElement>('a');
    if (!link) return;
    link.focus();
    setFocusAt(null);
  }, [focusAt, shown.length]);

  const announce = () => {
    if (pages.loadingMore) return t('search.loadingMore');
    const text =
      shown.length < pages.total
        ? t('search.countPartial', { count: pages.total, shown: fmt.number(shown.length), total: fmt.number(pages.total), q })
        : t('search.count', { count: pages.total, q });
    return only ? t('search.countOfKind', { kind: t(`search.typesPlural.${only}`), text }) : text;
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('search.title')}</h1>
        <p className="muted">{t('search.intro')}</p>
      </div>
      <section className="card" aria-labelledby="search-results-title">
        <form className="search-form" role="search" onSubmit={onSubmit} aria-label={t('search.pageLabel')}>
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
        {q && pages.counts && (pages.total > 0 || only) && <SearchKindChips counts={pages.counts} only={only} onChange={choose} />}
        <div aria-live="polite" className="visually-hidden" data-testid="search-announcement">
          {settled ? announce() : ''}
        </div>
        {!q && <p className="empty">{t('search.hint')}</p>}
        {q && pages.loading && <Loading label={t('search.searching')} />}
        <ErrorNotice error={pages.error} onRetry={pages.reload} />
        {settled && pages.total === 0 && !pages.error && (
          <div className="notice notice-info" data-testid="search-empty">
            <p className="notice-title">{t('search.emptyTitle', { q })}</p>
            <p className="notice-hint">{t('search.emptyHint')}</p>
          </div>
        )}
        {shown.length > 0 && (
          <ol className="search-results" data-testid="search-results" ref={list}>
            {shown.map((r) => (
              <SearchResultItem key={`${r.type}:${r.documentId ?? ''}:${r.id}`} result={r} />
            ))}
          </ol>
        )}
        {settled && <SearchMore shown={shown.length} total={pages.total} hasMore={pages.hasMore} loading={pages.loadingMore} error={pages.moreError} onMore={() => void more()} />}
      </section>
    </div>
  );
}

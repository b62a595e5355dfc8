/** Who does what where: activities of every visible plan, filtered, pivoted, mapped, with overlap flags. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { getMatrix, MATRIX_FILTER_KEYS, type MatrixFilters, type PivotRows } from '../api/matrix.js';
import type { MatrixActivity } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { StateMap } from '../components/StateMap.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { MatrixFiltersForm } from './MatrixFiltersForm.js';
import { MatrixOverlaps } from './MatrixOverlaps.js';
import { MatrixPivot } from './MatrixPivot.js';
import { MatrixTable } from './MatrixTable.js';
import { useMatrixRevision } from './useMatrixRevision.js';
import './matrix.css';

type View = 'table' | 'organization' | 'state';
const VIEWS: View[] = ['table', 'organization', 'state'];

/** How many activities touch each state: listed states plus the states of listed municipalities. */
function countByState(rows: MatrixActivity[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) for (const c of new Set([...r.stateCodes, ...r.municipalityCodes.map((m) => m.slice(0, 2))])) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** The /matrix page; filters and the chosen view live in the URL so a view can be shared. */
export function MatrixPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const [params, setParams] = useSearchParams();
  const filters: MatrixFilters = Object.fromEntries(MATRIX_FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as MatrixFilters;
  const view: View = VIEWS.includes(params.get('view') as View) ? (params.get('view') as View) : 'table';
  // Live: other people's edits bump the revision; the shown rows stay until the new ones arrive.
  const revision = useMatrixRevision();
  const matrix = useAsync((signal) => getMatrix(filters, signal), [...MATRIX_FILTER_KEYS.map((k) => filters[k]), revision]);
  useDocumentTitle(t('matrix.title'));

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const clear = () => update(Object.fromEntries(MATRIX_FILTER_KEYS.map((k) => [k, ''])));
  const pick = (rows: PivotRows) => (rowKey: string, mandateArea: string) =>
    update({ view: '', mandateArea, ...(rows === 'organization' ? { organizationId: rowKey } : { stateCode: rowKey }) });

  return (
    <div className="page page-wide">
      <div className="page-head">
        <h1>{t('matrix.title')}</h1>
        <p className="muted">{t('matrix.intro')}</p>
      </div>
      <MatrixFiltersForm filters={filters} onChange={(k, v) => update({ [k]: v })} onClear={clear} />
      {matrix.loading && !matrix.data && <Loading />}
      <ErrorNotice error={matrix.error} onRetry={matrix.reload} />
      {matrix.data && (
        <section className="card matrix-results" aria-labelledby={`${uid}-results`}>
          <div className="section-head">
            <h2 id={`${uid}-results`} aria-live="polite">
              {t('matrix.results', { count: matrix.data.length, formatted: fmt.number(matrix.data.length) })}
            </h2>
            <div className="matrix-views" role="group" aria-label={t('matrix.view')}>
              {VIEWS.map((v) => (
                <button key={v} type="button" className="btn btn-small btn-ghost" aria-pressed={view === v} onClick={() => update({ view: v === 'table' ? '' : v })}>
                  {t(`matrix.views.${v}`)}
                </button>
              ))}
            </div>
          </div>
          {view === 'table' ? <MatrixTable rows={matrix.data} /> : <MatrixPivot rows={view} filters={filters} revision={revision} onPick={pick(view)} />}
        </section>
      )}
      <div className="matrix-layout">
        <MatrixOverlaps revision={revision} settled={matrix.data !== undefined || !!matrix.error} />
        {matrix.data && (
          <section className="card" aria-labelledby={`${uid}-map`}>
            <h2 id={`${uid}-map`}>{t('matrix.mapTitle')}</h2>
            <StateMap counts={countByState(matrix.data)} selected={filters.stateCode ?? ''} onSelect={(code) => update({ stateCode: code })} />
            <p className="small muted matrix-attribution">
              {t('matrix.mapAttribution')}{' '}
              <a href="https://github.com/VictorCazanave/svg-maps" rel="noreferrer" target="_blank">
                @svg-maps/mexico
              </a>{' '}
              © Victor Cazanave,{' '}
              <a href="https://creativecommons.org/licenses/by/4.0/" rel="license noreferrer" target="_blank">
                CC BY 4.0
              </a>
            </p>
          </section>
        )}
      </div>
    </div>
  );
}

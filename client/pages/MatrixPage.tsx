/**
 * Who does what where: activities of every visible plan, filtered, pivoted, mapped, with overlap flags. The matrix is
 * fetched once (then kept live) and filtered in memory, so a filter change fetches nothing and the counts are exact.
 */
import { memo, useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MATRIX_FILTER_KEYS } from '../api/matrix.js';
import type { MatrixActivity } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { countByState, filterMatrix, indexMatrix, type MatrixIndex } from '../components/matrix/matrixRows.js';
import { useMatrixActivities } from '../components/matrix/useMatrixActivities.js';
import { useMatrixRooms } from '../components/matrix/useMatrixRooms.js';
import { MATRIX_VIEWS, useMatrixUrlState } from '../components/matrix/useMatrixUrlState.js';
import { StateMap } from '../components/StateMap.js';
import { useFormat } from '../lib/format.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { MatrixFiltersForm } from './MatrixFiltersForm.js';
import { MatrixOverlaps } from './MatrixOverlaps.js';
import { MatrixPivot } from './MatrixPivot.js';
import { MatrixTable } from './MatrixTable.js';
import { usePlanNames } from '../components/matrix/usePlanNames.js';
import { useOverlapMarks } from '../components/matrix/useOverlapMarks.js';
import './matrix.css';

/** The map of the filtered rows; memoized, as the page re-renders on every keystroke in the filters. */
const MatrixMap = memo(function MatrixMap({ rows, index, selected, onSelect }: { rows: MatrixActivity[]; index: MatrixIndex; selected: string; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const counts = useMemo(() => countByState(rows, index), [rows, index]);
  return (
    <section className="card" aria-labelledby={`${uid}-map`}>
      <h2 id={`${uid}-map`}>{t('matrix.mapTitle')}</h2>
      <StateMap counts={counts} selected={selected} onSelect={onSelect} />
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
  );
});

/** The /matrix page; filters and the chosen view live in the URL so a view can be shared. */
export function MatrixPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const { filters, shownFilters, shownKey, stale, view, update } = useMatrixUrlState();
  const rooms = useMatrixRooms();
  // Live: other people's edits refetch the rows; the shown rows stay until the new ones arrive.
  const matrix = useMatrixActivities(rooms);
  const organizations = useOrganizations();
  useDocumentTitle(t('matrix.title'));

  // Filter keys once per load; a filter change then only walks the rows (in the background: useDeferredValue).
  const index = useMemo(() => (matrix.data ? indexMatrix(matrix.data, organizations.byId) : undefined), [matrix.data, organizations.byId]);
  const rows = useMemo(() => (index ? filterMatrix(index, shownFilters) : undefined), [index, shownFilters]);
  // The level filter reads the organization directory: until it loads, no count would be right.
  const waiting = !!shownFilters.level && organizations.loading;
  const filtered = Object.values(shownFilters).some(Boolean);
  const planNames = usePlanNames(matrix.data);
  const { marks, refresh: refreshMarks } = useOverlapMarks(rooms);

  // Stable handlers (`update` is), so the memoized map and pivots skip the renders a filter change causes elsewhere.
  const setState = useCallback((code: string) => update({ stateCode: code }), [update]);
  const onPick = useCallback(
    (rowKey: string, mandateArea: string) =>
      update({ view: '', mandateArea, ...(view === 'organization' ? { organizationId: rowKey } : { stateCode: rowKey }) }),
    [update, view],
  );
  const clear = () => update(Object.fromEntries(MATRIX_FILTER_KEYS.map((k) => [k, ''])));

  return (
    <div className="page page-wide">
      <div className="page-head">
        <h1>{t('matrix.title')}</h1>
        <p className="muted">{t('matrix.intro')}</p>
      </div>
      <MatrixFiltersForm filters={filters} onChange={(k, v) => update({ [k]: v })} onClear={clear} />
      {((matrix.loading && !matrix.data) || waiting) && <Loading />}
      <ErrorNotice error={matrix.error} onRetry={matrix.refresh} />
      {rows && index && !waiting && (
        <section className={`card matrix-results${stale ? ' matrix-stale' : ''}`} aria-labelledby={`${uid}-results`} aria-busy={stale}>
          <div className="section-head">
            <h2 id={`${uid}-results`} aria-live="polite">
              {t('matrix.results', { count: rows.length, formatted: fmt.number(rows.length) })}
            </h2>
            <div className="matrix-views" role="group" aria-label={t('matrix.view')}>
              {MATRIX_VIEWS.map((v) => (
                <button key={v} type="button" className="btn btn-small btn-ghost" aria-pressed={view === v} onClick={() => update({ view: v === 'table' ? '' : v })}>
                  {t(`matrix.views.${v}`)}
                </button>
              ))}
            </div>
          </div>
          {view === 'table' ? <MatrixTable rows={rows} listKey={shownKey} filtered={filtered} planNames={planNames} marks={marks} /> : <MatrixPivot rows={view} activities={rows} index={index} filtered={filtered} onPick={onPick} />}
        </section>
      )}
      <div className="matrix-layout">
        <MatrixOverlaps rooms={rooms} filters={shownFilters} settled={matrix.data !== undefined || !!matrix.error} onResolved={refreshMarks} />
        {rows && index && !waiting && <MatrixMap rows={rows} index={index} selected={shownFilters.stateCode ?? ''} onSelect={setState} />}
      </div>
    </div>
  );
}

/**
 * Pivot views: activity counts per organization or state × mandate area; a count filters the matrix to it. Counted
 * in memory from the rows the table shows (what `GET /api/matrix/pivot` would answer), so a view switch fetches nothing.
 */
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { STATES } from '../../shared/constants.js';
import type { PivotRows } from '../api/matrix.js';
import type { MatrixActivity } from '../api/types.js';
import { pivotMatrix, type MatrixIndex } from '../components/matrix/matrixRows.js';
import { useFormat } from '../lib/format.js';
import { useOrganizations } from '../session/OrganizationsContext.js';

interface Props {
  rows: PivotRows;
  /** The filtered activities, and the index they come from. */
  activities: MatrixActivity[];
  index: MatrixIndex;
  /** Whether any filter is on (an empty pivot then says so, not that there is nothing at all). */
  filtered: boolean;
  /** Narrows the matrix to one row key and area (shown in the table view). */
  onPick: (rowKey: string, mandateArea: string) => void;
}

/** Cell shade: darker for bigger counts, relative to the largest cell. */
function shade(n: number, max: number): string | undefined {
  if (!n || !max) return undefined;
  return `rgba(32, 94, 110, ${(0.08 + 0.42 * (n / max)).toFixed(2)})`;
}

/** One pivot table over the page's filtered rows. */
export const MatrixPivot = memo(function MatrixPivot({ rows, activities, index, filtered, onPick }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { byId, label } = useOrganizations();
  const { columns, data, totals, total } = useMemo(() => pivotMatrix(activities, index, rows), [activities, index, rows]);
  if (!data.length) return <p className="empty">{t(filtered ? 'matrix.empty' : 'matrix.emptyUnfiltered')}</p>;
  const max = Math.max(...data.flatMap((r) => Object.values(r.counts)));
  const rowLabel = (key: string) => (rows === 'organization' ? (byId.get(key) ? `${byId.get(key)!.acronym} · ${byId.get(key)!.name}` : label(key)) : (STATES.find((s) => s.code === key)?.name ?? key));
  const areaLabel = (area: string) => (area === 'none' ? t('matrix.noArea') : t(`mandateAreas.${area}`));
  return (
    <div className="table-wrap" role="region" aria-label={t(rows === 'organization' ? 'matrix.byOrganization' : 'matrix.byState')} tabIndex={0}>
      <table className="table matrix-pivot" data-testid={`matrix-pivot-${rows}`}>
        <caption className="small muted">{t(rows === 'organization' ? 'matrix.pivotOrganizationNote' : 'matrix.pivotStateNote')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(rows === 'organization' ? 'matrix.organization' : 'matrix.state')}</th>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {areaLabel(c)}
              </th>
            ))}
            <th scope="col">{t('matrix.total')}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((r) => (
            <tr key={r.key}>
              <th scope="row">{rowLabel(r.key)}</th>
              {columns.map((c) => {
                const n = r.counts[c] ?? 0;
                return (
                  <td key={c} className="num" style={{ background: shade(n, max) }}>
                    {n && c !== 'none' ? (
                      <button type="button" className="link-button" onClick={() => onPick(r.key, c)} aria-label={t('matrix.pivotCell', { count: n, row: rowLabel(r.key), area: areaLabel(c) })}>
                        {fmt.number(n)}
                      </button>
                    ) : n ? (
                      fmt.number(n)
                    ) : (
                      <span className="muted">·</span>
                    )}
                  </td>
                );
              })}
              <td className="num">
                <strong>{fmt.number(r.total)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('matrix.activitiesTotal')}</th>
            {columns.map((c) => (
              <td key={c} className="num">
                {fmt.number(totals[c] ?? 0)}
              </td>
            ))}
            <td className="num">
              <strong>{fmt.number(total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
});

/** Pivot views: activity counts per organization or state × mandate area; a count filters the matrix to it. */
import { useTranslation } from 'react-i18next';
import { STATES } from '../../shared/constants.js';
import { getPivot, type MatrixFilters, type PivotRows } from '../api/matrix.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useOrganizations } from '../session/OrganizationsContext.js';

interface Props {
  rows: PivotRows;
  filters: MatrixFilters;
  /** Bumped when the matrix changed on the server: the counts are fetched again. */
  revision: number;
  /** Narrows the matrix to one row key and area (shown in the table view). */
  onPick: (rowKey: string, mandateArea: string) => void;
}

/** Cell shade: darker for bigger counts, relative to the largest cell. */
function shade(n: number, max: number): string | undefined {
  if (!n || !max) return undefined;
  return `rgba(32, 94, 110, ${(0.08 + 0.42 * (n / max)).toFixed(2)})`;
}

/** One pivot table, loaded from the server with the page's filters. */
export function MatrixPivot({ rows, filters, revision, onPick }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { byId } = useOrganizations();
  const pivot = useAsync((signal) => getPivot(rows, filters, signal), [rows, JSON.stringify(filters), revision]);
  if (pivot.loading && !pivot.data) return <Loading />;
  if (!pivot.data) return <ErrorNotice error={pivot.error} onRetry={pivot.reload} />;
  const { columns, data, totals, total } = pivot.data;
  if (!data.length) return <p className="empty">{t('matrix.empty')}</p>;
  const max = Math.max(...data.flatMap((r) => Object.values(r.counts)));
  const rowLabel = (key: string) => (rows === 'organization' ? (byId.get(key) ? `${byId.get(key)!.acronym} · ${byId.get(key)!.name}` : key) : (STATES.find((s) => s.code === key)?.name ?? key));
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
}

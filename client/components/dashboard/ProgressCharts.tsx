/**
 * Activity progress of the group's plans: by mandate area (stacked by status) and by status.
 * The charts are pictures of the numbers: a caption states them in words and a table holds them,
 * so screen-reader and keyboard users get the same information (the SVGs are hidden from them).
 */
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../../../shared/constants.js';
import type { WorkspaceDashboard } from '../../api/dashboard.js';
import { useFormat } from '../../lib/format.js';

/** Status colours with at least 3:1 contrast against white (WCAG non-text contrast). */
const STATUS_COLORS: Record<ActivityStatus, string> = {
  planned: '#3d5a99',
  in_progress: '#b25e00',
  done: '#2e7d32',
  cancelled: '#6b7280',
};

type Progress = WorkspaceDashboard['activityProgress'];

/** The progress block under the dashboard cards. */
export function ProgressCharts({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const total = progress.byStatus.reduce((n, s) => n + s.count, 0);
  const areaName = (area: string | null) => (area ? t(`mandateAreas.${area}`) : t('dashboard.noArea'));
  const statusName = (s: ActivityStatus) => t(`activityStatus.${s}`);
  const summary = t('dashboard.progressSummary', {
    count: total,
    total: fmt.number(total),
    // "2 planeadas": each count agrees in number (and, in Spanish, gender) with its status.
    parts: fmt.list(progress.byStatus.filter((s) => s.count > 0).map((s) => t(`dashboard.statusCount.${s.status}`, { count: s.count, n: fmt.number(s.count) }))),
  });

  const areaRows = progress.byMandateArea.map((a) => ({ name: areaName(a.mandateArea), ...a.byStatus }));
  const statusRows = progress.byStatus.filter((s) => s.count > 0).map((s) => ({ name: statusName(s.status), status: s.status, value: s.count }));
  // Only statuses some activity has: a legend of «Cancelada» with no cancelled activity only adds a word to read.
  const shownStatuses = ACTIVITY_STATUSES.filter((s) => statusRows.some((r) => r.status === s));
  // Both legends in the statuses' own order (planned → cancelled), not sorted by their names.
  const statusOrder = (item: { value?: unknown }) => shownStatuses.findIndex((s) => statusName(s) === item.value);

  return (
    <section className="card" aria-labelledby="dash-progress" data-testid="activity-progress">
      <h3 id="dash-progress">{t('dashboard.progress')}</h3>
      {total === 0 ? (
        <p className="empty">{t('dashboard.noActivities')}</p>
      ) : (
        <>
          <p data-testid="progress-summary">{summary}</p>
          <div className="chart-grid">
            <figure className="chart">
              <figcaption className="chart-caption">{t('dashboard.byMandateArea')}</figcaption>
              <div aria-hidden="true" style={{ height: Math.max(140, 48 * areaRows.length + 60) }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={areaRows} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
                    <CartesianGrid horizontal={false} stroke="#d9dee5" />
                    <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => fmt.number(v)} />
                    <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12, fill: '#1c2330' }} />
                    <Tooltip formatter={(v) => fmt.number(Number(v))} />
                    <Legend itemSorter={statusOrder} formatter={(value) => <span style={{ color: '#1c2330' }}>{value}</span>} />
                    {shownStatuses.map((s) => (
                      <Bar key={s} dataKey={s} name={statusName(s)} stackId="status" fill={STATUS_COLORS[s]} isAnimationActive={false} />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </figure>
            <figure className="chart">
              <figcaption className="chart-caption">{t('dashboard.byStatus')}</figcaption>
              <div aria-hidden="true" style={{ height: 220 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <PieChart accessibilityLayer={false}>
                    <Pie data={statusRows} dataKey="value" nameKey="name" innerRadius="50%" outerRadius="80%" isAnimationActive={false} rootTabIndex={-1}>
                      {statusRows.map((r) => (
                        <Cell key={r.status} fill={STATUS_COLORS[r.status]} />
                      ))}
                    </Pie>
                    <Tooltip formatter={(v) => fmt.number(Number(v))} />
                    <Legend itemSorter={statusOrder} formatter={(value) => <span style={{ color: '#1c2330' }}>{value}</span>} />
                  </PieChart>
                </ResponsiveContainer>
              </div>
            </figure>
          </div>
          <details className="chart-data">
            <summary>{t('dashboard.showTable')}</summary>
            <div className="table-wrap">
              <table className="table" data-testid="progress-table">
                <caption className="visually-hidden">{t('dashboard.byMandateArea')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.mandateArea')}</th>
                    {ACTIVITY_STATUSES.map((s) => (
                      <th key={s} scope="col">
                        {statusName(s)}
                      </th>
                    ))}
                    <th scope="col">{t('dashboard.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {progress.byMandateArea.map((a) => (
                    <tr key={a.mandateArea ?? 'none'}>
                      <th scope="row">{areaName(a.mandateArea)}</th>
                      {ACTIVITY_STATUSES.map((s) => (
                        <td key={s}>{fmt.number(a.byStatus[s])}</td>
                      ))}
                      <td>{fmt.number(a.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

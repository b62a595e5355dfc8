/**
 * The matrix rows: one activity per row, its title linking to the activity in its plan (marked when it has open
 * overlaps), then the plan and group. Only the first rows are
 * rendered (thousands of rows made a page nobody reads and that took seconds to lay out); more on request.
 */
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { STATES } from '../../shared/constants.js';
import { municipalityLabel } from '../../shared/municipalities.js';
import { activityHref } from '../api/matrix.js';
import type { MatrixActivity } from '../api/types.js';
import { ShowMoreButton } from '../components/ShowMoreButton.js';
import { useListLimit } from '../components/matrix/useListLimit.js';
import { revealOverlapsOf } from '../components/matrix/overlapReveal.js';
import { TableScrollFrame } from '../components/TableScrollFrame.js';
import { OrgBadge } from '../components/OrgBadge.js';
import type { PlanName } from '../components/matrix/usePlanNames.js';
import { formatDateRange } from '../lib/dateRange.js';
import { useFormat, type Formatters } from '../lib/format.js';

/** Rows rendered at first and added per "show more". */
const ROWS_STEP = 200;

const stateName = (code: string) => STATES.find((s) => s.code === code)?.name ?? code;
/** Municipalities listed in a cell before "and N more": a row naming hundreds stays one row high. */
const CELL_CODES = 12;
/** "Tapachula (07089), Juárez (08037)": names where INEGI's catalog has them. */
const clippedList = (codes: string[], t: TFunction) =>
  codes.length > CELL_CODES
    ? `${codes.slice(0, CELL_CODES).map(municipalityLabel).join(', ')} ${t('matrix.moreCodes', { count: codes.length - CELL_CODES })}`
    : codes.map(municipalityLabel).join(', ');

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether two fetches returned the same row (a live refresh re-renders only the rows that changed). */
function sameActivity(a: MatrixActivity, b: MatrixActivity): boolean {
  return (
    a === b ||
    (a.title === b.title &&
      a.workspaceId === b.workspaceId &&
      a.leadOrganizationId === b.leadOrganizationId &&
      a.mandateArea === b.mandateArea &&
      a.startDate === b.startDate &&
      a.endDate === b.endDate &&
      a.status === b.status &&
      sameList(a.partnerOrganizationIds, b.partnerOrganizationIds) &&
      sameList(a.stateCodes, b.stateCodes) &&
      sameList(a.municipalityCodes, b.municipalityCodes))
  );
}

interface RowProps {
  a: MatrixActivity;
  t: TFunction;
  fmt: Formatters;
  /** The plan and group the row comes from, once known. */
  from: PlanName | undefined;
  /** Open overlaps the row is part of (that the caller may see). */
  open: number;
}

const MatrixRow = memo(
  function MatrixRow({ a, t, fmt, from, open }: RowProps) {
    return (
      <tr data-activity-id={a.activityId} className={open > 0 ? 'matrix-row-overlap' : undefined}>
        <th scope="row">
          <Link to={activityHref(a)}>{a.title || t('activities.untitled')}</Link>
          {open > 0 && (
            <button type="button" className="overlap-mark" data-testid="overlap-mark" title={t('matrix.overlapMarkHint')} onClick={() => revealOverlapsOf(a.documentId, a.activityId)}>
              {t('matrix.overlapMark', { count: open, formatted: fmt.number(open) })}
            </button>
          )}
        </th>
        <td className="matrix-plan">
          {from ? (
            <>
              <Link to={`/w/${a.workspaceId}/d/${a.documentId}`}>{from.plan}</Link>
              <span className="muted small"> · {from.group}</span>
            </>
          ) : (
            '…'
          )}
        </td>
        <td>
          <OrgBadge id={a.leadOrganizationId} />
        </td>
        <td>
          {a.partnerOrganizationIds.map((id) => (
            <OrgBadge key={id} id={id} />
          ))}
        </td>
        <td>{a.mandateArea ? t(`mandateAreas.${a.mandateArea}`) : '—'}</td>
        <td>{a.stateCodes.map(stateName).join(', ') || '—'}</td>
        <td>{clippedList(a.municipalityCodes, t) || '—'}</td>
        <td className="matrix-dates">
          {a.startDate && a.endDate ? (
            // Each date whole, the range broken after its dash: the column is as wide as one date, not two.
            <>
              <span className="nowrap">{fmt.date(a.startDate)} –</span> <span className="nowrap">{fmt.date(a.endDate)}</span>
            </>
          ) : (
            <span className="nowrap">{formatDateRange(a.startDate, a.endDate, fmt, t)}</span>
          )}
        </td>
        <td>
          <span className={`status status-${a.status}`}>{t(`activityStatus.${a.status}`)}</span>
        </td>
      </tr>
    );
  },
  (prev, next) => prev.t === next.t && prev.fmt === next.fmt && prev.open === next.open && prev.from?.plan === next.from?.plan && prev.from?.group === next.from?.group && sameActivity(prev.a, next.a),
);

/**
 * The activities table (the caller filters and counts); `listKey` names the filters, whose change shows the first rows
 * again; `filtered` says whether any filter is on, so an empty table does not blame filters nobody set.
 */
export const MatrixTable = memo(function MatrixTable({
  rows,
  listKey,
  filtered,
  planNames,
  marks,
}: {
  rows: MatrixActivity[];
  listKey: string;
  filtered: boolean;
  planNames: ReadonlyMap<string, PlanName>;
  /** Open overlaps per `documentId:activityId`, to mark rows that may duplicate another. */
  marks: ReadonlyMap<string, number>;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [limit, more] = useListLimit(listKey, ROWS_STEP);
  const body = useRef<HTMLTableSectionElement>(null);
  if (rows.length === 0) return <p className="empty">{t(filtered ? 'matrix.empty' : 'matrix.emptyUnfiltered')}</p>;
  return (
    <>
      <TableScrollFrame label={t('matrix.title')} testId="matrix">
        <table className="table" data-testid="matrix-table">
          <caption className="visually-hidden">{t('matrix.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activities.fields.title')}</th>
              <th scope="col">{t('matrix.planColumn')}</th>
              <th scope="col">{t('activities.fields.leadOrganizationId')}</th>
              <th scope="col">{t('activities.fields.partnerOrganizationIds')}</th>
              <th scope="col">{t('activities.fields.mandateArea')}</th>
              <th scope="col">{t('activities.fields.stateCodes')}</th>
              <th scope="col">{t('activities.fields.municipalityCodes')}</th>
              <th scope="col">{t('matrix.dates')}</th>
              <th scope="col">{t('activities.fields.status')}</th>
            </tr>
          </thead>
          <tbody ref={body}>
            {rows.slice(0, limit).map((a) => (
              <MatrixRow key={`${a.documentId}:${a.activityId}`} a={a} t={t} fmt={fmt} from={planNames.get(a.documentId)} open={marks.get(`${a.documentId}:${a.activityId}`) ?? 0} />
            ))}
          </tbody>
        </table>
      </TableScrollFrame>
      <ShowMoreButton shown={Math.min(limit, rows.length)} total={rows.length} fmt={fmt} onMore={more} list={body} testId="matrix-more" />
    </>
  );
});

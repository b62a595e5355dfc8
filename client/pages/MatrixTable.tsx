/** The matrix rows: one activity per row, its title linking to the activity in its plan. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STATES } from '../../shared/constants.js';
import { activityHref } from '../api/matrix.js';
import type { MatrixActivity } from '../api/types.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { useFormat } from '../lib/format.js';

const stateName = (code: string) => STATES.find((s) => s.code === code)?.name ?? code;

/** The activities table (the caller filters and counts). */
export function MatrixTable({ rows }: { rows: MatrixActivity[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (rows.length === 0) return <p className="empty">{t('matrix.empty')}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={t('matrix.title')} tabIndex={0}>
      <table className="table" data-testid="matrix-table">
        <caption className="visually-hidden">{t('matrix.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('activities.fields.title')}</th>
            <th scope="col">{t('activities.fields.leadOrganizationId')}</th>
            <th scope="col">{t('activities.fields.partnerOrganizationIds')}</th>
            <th scope="col">{t('activities.fields.mandateArea')}</th>
            <th scope="col">{t('activities.fields.stateCodes')}</th>
            <th scope="col">{t('activities.fields.municipalityCodes')}</th>
            <th scope="col">{t('matrix.dates')}</th>
            <th scope="col">{t('activities.fields.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={`${a.documentId}:${a.activityId}`} data-activity-id={a.activityId}>
              <th scope="row">
                <Link to={activityHref(a)}>{a.title || t('activities.untitled')}</Link>
              </th>
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
              <td>{a.municipalityCodes.join(', ') || '—'}</td>
              <td className="nowrap">
                {fmt.date(a.startDate)} – {fmt.date(a.endDate)}
              </td>
              <td>
                <span className={`status status-${a.status}`}>{t(`activityStatus.${a.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

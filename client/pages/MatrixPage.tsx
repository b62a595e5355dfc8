/** Who does what where: activities of every visible plan, filtered by area, state and organization. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MANDATE_AREAS, STATES } from '../../shared/constants.js';
import { getMatrix, matrixCsvUrl, type MatrixFilters } from '../api/matrix.js';
import type { MatrixActivity } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { StateMap } from '../components/StateMap.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useOrganizations } from '../session/OrganizationsContext.js';

const stateName = (code: string) => STATES.find((s) => s.code === code)?.name ?? code;

/** How many activities name each state. */
function countByState(rows: MatrixActivity[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) for (const c of new Set(r.stateCodes)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** The /matrix page; filters live in the URL so a filtered view can be shared. */
export function MatrixPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const { list } = useOrganizations();
  const [params, setParams] = useSearchParams();
  const filters: MatrixFilters = {
    mandateArea: params.get('mandateArea') ?? '',
    stateCode: params.get('stateCode') ?? '',
    organizationId: params.get('organizationId') ?? '',
  };
  const matrix = useAsync((signal) => getMatrix(filters, signal), [filters.mandateArea, filters.stateCode, filters.organizationId]);
  useDocumentTitle(t('matrix.title'));

  const setFilter = (key: keyof MatrixFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <div className="page page-wide">
      <div className="page-head">
        <h1>{t('matrix.title')}</h1>
        <p className="muted">{t('matrix.intro')}</p>
      </div>
      <form className="card filters" role="search" aria-label={t('matrix.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${uid}-area`}>{t('activities.fields.mandateArea')}</label>
          <select id={`${uid}-area`} value={filters.mandateArea} onChange={(e) => setFilter('mandateArea', e.target.value)}>
            <option value="">{t('matrix.allAreas')}</option>
            {MANDATE_AREAS.map((a) => (
              <option key={a} value={a}>
                {t(`mandateAreas.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-state`}>{t('matrix.state')}</label>
          <select id={`${uid}-state`} value={filters.stateCode} onChange={(e) => setFilter('stateCode', e.target.value)}>
            <option value="">{t('matrix.allStates')}</option>
            {STATES.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-org`}>{t('matrix.organization')}</label>
          <select id={`${uid}-org`} value={filters.organizationId} onChange={(e) => setFilter('organizationId', e.target.value)}>
            <option value="">{t('matrix.allOrganizations')}</option>
            {list.map((o) => (
              <option key={o.id} value={o.id}>
                {o.acronym} · {o.name}
              </option>
            ))}
          </select>
        </div>
        <a className="btn btn-secondary" href={matrixCsvUrl(filters)} download>
          {t('matrix.csv')}
        </a>
      </form>
      {matrix.loading && !matrix.data && <Loading />}
      <ErrorNotice error={matrix.error} onRetry={matrix.reload} />
      {matrix.data && (
        <section className="card" aria-labelledby={`${uid}-map`}>
          <h2 id={`${uid}-map`}>{t('matrix.mapTitle')}</h2>
          <StateMap counts={countByState(matrix.data)} selected={filters.stateCode ?? ''} onSelect={(code) => setFilter('stateCode', code)} />
        </section>
      )}
      {matrix.data && (
        <section className="card" aria-labelledby={`${uid}-results`}>
          <h2 id={`${uid}-results`} aria-live="polite">
            {t('matrix.results', { count: matrix.data.length, formatted: fmt.number(matrix.data.length) })}
          </h2>
          {matrix.data.length === 0 ? (
            <p className="empty">{t('matrix.empty')}</p>
          ) : (
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
                  {matrix.data.map((a) => (
                    <tr key={`${a.documentId}:${a.activityId}`}>
                      <th scope="row">
                        <Link to={`/w/${a.workspaceId}/d/${a.documentId}`}>{a.title || t('activities.untitled')}</Link>
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
          )}
        </section>
      )}
    </div>
  );
}

/** Open actions on my agency or me, and every overdue action of the group. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardAction } from '../../api/dashboard.js';
import { useFormat } from '../../lib/format.js';
import { OrgBadge } from '../OrgBadge.js';
import { MoreInList } from './MoreInList.js';

function ActionList({ workspaceId, items, testId }: { workspaceId: string; items: DashboardAction[]; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <ul className="item-list compact-list" data-testid={testId}>
      {items.map((a) => (
        <li key={a.id} className="item">
          <div className="item-main">
            <Link to={`/w/${workspaceId}/decisions/${a.decisionId}`} className="item-title">
              {a.title}
            </Link>
            <p className="item-meta">
              <OrgBadge id={a.ownerOrganizationId} />
              <span>{t('decisions.due', { date: fmt.date(a.dueDate) })}</span>
              {a.overdue && <span className="tag tag-overdue">{t('actions.overdue')}</span>}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Card with two lists: mine, and overdue. */
export function ActionsCard({ workspaceId, mine, overdue, totals }: { workspaceId: string; mine: DashboardAction[]; overdue: DashboardAction[]; totals: { myActions: number; overdueActions: number } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="card dash-card" aria-labelledby="dash-actions">
      <h3 id="dash-actions">{t('dashboard.myActions')} <span className="count">{fmt.number(totals.myActions)}</span></h3>
      {mine.length === 0 ? <p className="empty">{t('dashboard.noMyActions')}</p> : <ActionList workspaceId={workspaceId} items={mine} testId="my-actions" />}
      <MoreInList shown={mine.length} total={totals.myActions} to={`/w/${workspaceId}/actions?mine=1`} label={t('actionsPage.seeAllMine')} />
      <h3 id="dash-overdue" className="dash-subtitle">
        {t('dashboard.overdueActions')} <span className="count">{fmt.number(totals.overdueActions)}</span>
      </h3>
      {overdue.length === 0 ? <p className="empty">{t('dashboard.noOverdue')}</p> : <ActionList workspaceId={workspaceId} items={overdue} testId="overdue-actions" />}
      <MoreInList shown={overdue.length} total={totals.overdueActions} to={`/w/${workspaceId}/actions?overdue=1`} label={t('dashboard.seeAllOverdue')} />
    </section>
  );
}

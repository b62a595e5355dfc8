/** Decisions still waiting for my agency's stance. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkspaceDashboard } from '../../api/dashboard.js';
import { useFormat } from '../../lib/format.js';
import { MoreInList } from './MoreInList.js';

interface Props {
  workspaceId: string;
  items: WorkspaceDashboard['pendingStances'];
  /** How many in all (the list stops at 10). */
  total: number;
  /** Whether this person may record the stance (focal point or facilitator). */
  canCast: boolean;
}

/** Card listing proposed decisions without my organization's stance. */
export function PendingStancesCard({ workspaceId, items, total, canCast }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="card dash-card" aria-labelledby="dash-stances" data-testid="pending-stances">
      <h3 id="dash-stances">
        {t('dashboard.pendingStances')} <span className="count">{fmt.number(total)}</span>
      </h3>
      {items.length === 0 ? (
        <p className="empty">{t('dashboard.noPendingStances')}</p>
      ) : (
        <>
          <p className="small muted">{canCast ? t('dashboard.castHint') : t('dashboard.askFocalPoint')}</p>
          <ul className="item-list compact-list">
            {items.map((d) => (
              <li key={d.id} className="item">
                <div className="item-main">
                  <Link to={`/w/${workspaceId}/decisions/${d.id}`} className="item-title">
                    {d.ref} · {d.title}
                  </Link>
                  {d.dueDate && <p className="item-meta">{t('decisions.due', { date: fmt.date(d.dueDate) })}</p>}
                </div>
              </li>
            ))}
          </ul>
          <MoreInList shown={items.length} total={total} to={`/w/${workspaceId}/decisions?status=proposed`} label={t('dashboard.seeAllProposed')} />
        </>
      )}
    </section>
  );
}

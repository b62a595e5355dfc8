/** Who is in the working group right now, and where (the group's summary, its decisions, a meeting or one of its plans). */
import { useTranslation } from 'react-i18next';
import type { WorkspaceDashboard } from '../../api/dashboard.js';
import type { Member } from '../../api/types.js';
import { initials, organizationColor } from '../../lib/colors.js';
import type { PresenceEntry } from '../../realtime/socket.js';
import { OrgBadge } from '../OrgBadge.js';
import { mergeByUser } from '../../../shared/presenceMerge.js';

interface Props {
  online: PresenceEntry[];
  members: Member[];
  plans: WorkspaceDashboard['recentPlans'];
}

/** One row per person online (several tabs of one person collapse to the most active one). */
export function PresenceCard({ online, members, plans }: Props) {
  const { t } = useTranslation();
  const titles = new Map(plans.map((p) => [p.id, p.title]));
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const people = mergeByUser(online).sort((a, b) => (names.get(a.userId) ?? a.name).localeCompare(names.get(b.userId) ?? b.name));
  const where = (p: PresenceEntry) => {
    if (!p.documentId) return p.section === 'decisions' ? t('dashboard.inDecisions') : p.section === 'actions' ? t('dashboard.inActions') : p.section === 'meeting' ? t('dashboard.inMeeting') : t('dashboard.onOverview');
    const title = titles.get(p.documentId);
    return title ? t('dashboard.inPlan', { title }) : t('dashboard.inAPlan');
  };

  return (
    <section className="card dash-card" aria-labelledby="dash-presence" data-testid="who-is-here">
      <h3 id="dash-presence">
        {t('dashboard.whoIsHere')} <span className="count">{people.length}</span>
      </h3>
      {people.length === 0 ? (
        <p className="empty">{t('dashboard.nobodyHere')}</p>
      ) : (
        <ul className="presence-list">
          {people.map((p) => (
            <li key={p.userId} className="presence-person">
              <span className="avatar" style={{ background: organizationColor(p.organizationId) }} aria-hidden="true">
                {initials(names.get(p.userId) ?? p.name)}
              </span>
              <span className="presence-text">
                <span className="presence-name">{names.get(p.userId) ?? p.name}</span> <OrgBadge id={p.organizationId} />
                <span className="item-meta">
                  {where(p)} · {p.state === 'active' ? t('presence.online') : t('presence.idle')}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Read-only list of a working group's members: name, organization, role, focal point. */
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types.js';
import type { PresenceEntry } from '../realtime/socket.js';
import { OrgBadge } from './OrgBadge.js';

/** Members sorted by organization then name, marking who is online. */
export function MembersList({ members, online }: { members: Member[]; online: PresenceEntry[] }) {
  const { t } = useTranslation();
  const onlineIds = new Set(online.map((p) => p.userId));
  const sorted = [...members].sort((a, b) => a.organizationId.localeCompare(b.organizationId) || a.name.localeCompare(b.name));
  return (
    <ul className="member-list" data-testid="member-list">
      {sorted.map((m) => (
        <li key={m.userId} className="member">
          <span className={onlineIds.has(m.userId) ? 'presence-dot online' : 'presence-dot'} aria-hidden="true" />
          <span className="member-name">
            {m.name}
            {onlineIds.has(m.userId) && <span className="visually-hidden"> ({t('presence.online')})</span>}
          </span>
          <OrgBadge id={m.organizationId} />
          <span className={`role role-${m.role}`}>{t(`roles.${m.role}`)}</span>
          {m.focalPoint && <span className="tag tag-focal">{t('members.focalPoint')}</span>}
          {m.active === false && <span className="tag tag-warning">{t('members.deactivated')}</span>}
        </li>
      ))}
    </ul>
  );
}

/** A row of round initials for the people present, coloured by organization. */
import { useTranslation } from 'react-i18next';
import { initials, organizationColor } from '../lib/colors.js';

export interface AvatarPerson {
  key: string;
  name: string;
  organizationId?: string | null;
  color?: string;
  acronym?: string;
  idle?: boolean;
  /** Marks the viewer's own avatar. */
  self?: boolean;
}

/** Avatars with a visible-to-screen-readers list of names. */
export function Avatars({ people, label, max = 6 }: { people: AvatarPerson[]; label: string; max?: number }) {
  const { t } = useTranslation();
  const shown = people.slice(0, max);
  const rest = people.length - shown.length;
  return (
    <ul className="avatars" aria-label={label} data-testid="presence-avatars">
      {shown.map((p) => {
        const who = p.self ? `${p.name} (${t('members.you')})` : p.name;
        const title = p.acronym ? `${who} · ${p.acronym}` : who;
        return (
          <li
            key={p.key}
            className={p.idle ? 'avatar avatar-idle' : 'avatar'}
            style={{ background: p.color ?? organizationColor(p.organizationId) }}
            title={p.idle ? `${title} · ${t('presence.idle')}` : title}
          >
            <span aria-hidden="true">{initials(p.name)}</span>
            <span className="visually-hidden">{title}</span>
          </li>
        );
      })}
      {rest > 0 && (
        <li className="avatar avatar-more" title={t('presence.more', { count: rest })}>
          +{rest}
        </li>
      )}
    </ul>
  );
}

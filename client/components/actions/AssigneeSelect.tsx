/**
 * Who carries an action: "nobody", or one of the group's members, grouped by institution with the owner's people
 * first. Anyone in the group may carry an action (a partner lending a hand), so another institution's person is
 * allowed; `assigneeOutsideOwner` words the note the forms show then, so the choice is not made by mistake.
 */
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import { labelCollator } from '../groupOrganizations.js';

interface Props {
  id: string;
  /** A user id, or '' for nobody. */
  value: string;
  onChange: (userId: string) => void;
  members: readonly Member[];
  /** The owner institution: its people are the usual choice, though anyone in the group may carry an action. */
  ownerOrganizationId: string;
  'aria-describedby'?: string;
}

/** The select; a value naming someone no longer in the group stays shown as such. */
export function AssigneeSelect({ id, value, onChange, members, ownerOrganizationId: owner, 'aria-describedby': describedBy }: Props) {
  const { t, i18n } = useTranslation();
  const { label } = useOrganizations();
  // Institutions by what their optgroups show (the acronym), as the owner select sorts them; people by name.
  const compare = labelCollator(i18n.resolvedLanguage);
  const byOrganization = new Map<string, Member[]>();
  // A deactivated account (someone who left) is not suggested, though an action it already carries keeps showing it.
  for (const m of members) if (m.active !== false || m.userId === value) byOrganization.set(m.organizationId, [...(byOrganization.get(m.organizationId) ?? []), m]);
  const groups = [...byOrganization.entries()]
    .map(([organizationId, people]) => ({ organizationId, name: label(organizationId), people: people.sort((a, b) => compare(a.name, b.name)) }))
    .sort((a, b) => Number(b.organizationId === owner) - Number(a.organizationId === owner) || compare(a.name, b.name));
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
      <option value="">{t('actions.noAssignee')}</option>
      {value && !members.some((m) => m.userId === value) && <option value={value}>{t('actions.formerMember')}</option>}
      {groups.map((g) => (
        <optgroup key={g.organizationId} label={g.organizationId === owner ? t('actions.ownerPeople', { organization: g.name }) : g.name}>
          {g.people.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** The assignee's institution when it is not the owner's (both known), for the forms' note; otherwise null. */
export function assigneeOutsideOwner(members: readonly Member[], assigneeId: string, ownerOrganizationId: string): Member | null {
  if (!assigneeId || !ownerOrganizationId) return null;
  const person = members.find((m) => m.userId === assigneeId);
  return person && person.organizationId !== ownerOrganizationId ? person : null;
}

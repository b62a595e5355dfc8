/** Who carries an action: "nobody", or one of the group's members, those of the owner institution first. */
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types.js';

interface Props {
  id: string;
  /** A user id, or '' for nobody. */
  value: string;
  onChange: (userId: string) => void;
  members: readonly Member[];
  /** The owner institution: its people are the usual choice, though anyone in the group may carry an action. */
  ownerOrganizationId: string;
}

/** The select; a value naming someone no longer in the group stays shown as such. */
export function AssigneeSelect({ id, value, onChange, members, ownerOrganizationId: owner }: Props) {
  const { t } = useTranslation();
  const assignable = [...members].sort((a, b) => Number(b.organizationId === owner) - Number(a.organizationId === owner) || a.name.localeCompare(b.name));
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('actions.noAssignee')}</option>
      {value && !members.some((m) => m.userId === value) && <option value={value}>{t('actions.formerMember')}</option>}
      {assignable.map((m) => (
        <option key={m.userId} value={m.userId}>
          {m.name}
        </option>
      ))}
    </select>
  );
}

/** The "Institución responsable" filter of a list (decisions, actions): all, or one institution by its acronym. */
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { groupOnly, shownName, sortByShownName } from './groupOrganizations.js';

interface Props {
  id: string;
  label: string;
  /** An organization id, or '' for all. */
  value: string;
  onChange: (organizationId: string) => void;
  /** The group's organizations, and any that owns a listed item (an owner may come from outside the group). */
  groupOrganizationIds?: readonly string[];
  ownerIds: readonly string[];
}

/** Label and select; the chosen owner stays listed, so the select never shows a value it has no option for. */
export function OwnerFilterSelect({ id, label, value, onChange, groupOrganizationIds, ownerIds }: Props) {
  const { t, i18n } = useTranslation();
  const { list } = useOrganizations();
  // Sorted by what the options show (the acronym), not by the full name the directory is sorted by.
  const owners = groupOnly(sortByShownName(list, i18n.resolvedLanguage), groupOrganizationIds, value ? [...ownerIds, value] : ownerIds);
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('org.all')}</option>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {shownName(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A dropdown of the organization directory ("ACRONYM · Name"), for owner and membership fields. */
import { useTranslation } from 'react-i18next';
import type { Organization } from '../api/types.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { sortByShownName, splitByGroup } from './groupOrganizations.js';

interface Props {
  id: string;
  value: string;
  onChange: (organizationId: string) => void;
  /** Required fields start at "Choose…"; optional ones offer "None". */
  required?: boolean;
  invalid?: boolean;
  'aria-describedby'?: string;
  /**
   * The working group's organizations: listed first, under their own heading, with the rest of the
   * directory after them (an owner may sit outside the group, but is usually at the table).
   */
  groupOrganizationIds?: readonly string[];
  /** Offers only these organizations (besides "None"). */
  onlyIds?: readonly string[];
}

function OrganizationOptions({ list }: { list: Organization[] }) {
  return list.map((o) => (
    <option key={o.id} value={o.id}>
      {o.acronym ? `${o.acronym} · ${o.name}` : o.name}
    </option>
  ));
}

/** Picks one organization; the empty value means none chosen yet. */
export function OrganizationSelect({ id, value, onChange, required, invalid, 'aria-describedby': ariaDescribedBy, groupOrganizationIds, onlyIds }: Props) {
  const { t, i18n } = useTranslation();
  const { list } = useOrganizations();
  // A deactivated agency is offered to no one; one already chosen stays shown. In the order of what the options show
  // first (the acronym), the group's first when known.
  const offered = sortByShownName(list, i18n.resolvedLanguage).filter((o) => (o.active !== false || o.id === value) && (!onlyIds || onlyIds.includes(o.id)));
  const { group, others } = splitByGroup(offered, groupOrganizationIds);
  return (
    <select id={id} required={required} value={value} aria-invalid={invalid} aria-describedby={ariaDescribedBy} onChange={(e) => onChange(e.target.value)}>
      <option value="">{required ? t('common.choose') : t('org.none')}</option>
      {group.length === 0 ? (
        <OrganizationOptions list={others} />
      ) : (
        <>
          <optgroup label={t('org.inGroup')}>
            <OrganizationOptions list={group} />
          </optgroup>
          {others.length > 0 && (
            <optgroup label={t('org.others')}>
              <OrganizationOptions list={others} />
            </optgroup>
          )}
        </>
      )}
    </select>
  );
}

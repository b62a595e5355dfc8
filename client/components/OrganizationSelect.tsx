/** A dropdown of the organization directory ("ACRONYM · Name"), for owner and membership fields. */
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../session/OrganizationsContext.js';

interface Props {
  id: string;
  value: string;
  onChange: (organizationId: string) => void;
  /** Required fields start at "Choose…"; optional ones offer "None". */
  required?: boolean;
  invalid?: boolean;
  'aria-describedby'?: string;
}

/** Picks one organization; the empty value means none chosen yet. */
export function OrganizationSelect({ id, value, onChange, required, invalid, 'aria-describedby': ariaDescribedBy }: Props) {
  const { t } = useTranslation();
  const { list } = useOrganizations();
  return (
    <select id={id} required={required} value={value} aria-invalid={invalid} aria-describedby={ariaDescribedBy} onChange={(e) => onChange(e.target.value)}>
      <option value="">{required ? t('common.choose') : t('common.none')}</option>
      {list.map((o) => (
        <option key={o.id} value={o.id}>
          {o.acronym} · {o.name}
        </option>
      ))}
    </select>
  );
}

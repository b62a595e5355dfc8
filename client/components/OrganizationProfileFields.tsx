/** The level and state fields of an organization, shared by first-run setup and the admin's "new organization" form. */
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_LEVELS, STATES, type OrganizationLevel } from '../../shared/constants.js';
import { Field } from './Field.js';

/** Level of government (or international, civil society, academia) as a required dropdown. */
export function OrganizationLevelField({ id, value, onChange }: { id: string; value: OrganizationLevel; onChange: (level: OrganizationLevel) => void }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('org.level')} required>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as OrganizationLevel)}>
        {ORGANIZATION_LEVELS.map((l) => (
          <option key={l} value={l}>
            {t(`levels.${l}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The organization's INEGI state, optional ("none" for federal and international bodies). */
export function OrganizationStateField({ id, value, onChange }: { id: string; value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('org.state')} hint={t('org.stateHint')}>
      <select id={id} value={value} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('common.none')}</option>
        {STATES.map((s) => (
          <option key={s.code} value={s.code}>
            {s.code} · {s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

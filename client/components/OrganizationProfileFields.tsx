/** The level and state fields of an organization, shared by first-run setup and the admin's "new organization" form. */
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_LEVELS, STATES, type OrganizationLevel } from '../../shared/constants.js';
import { Field } from './Field.js';
import './formFeedback.css';

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

/** Whether an organization of `level` with no state is probably missing one: state and municipal bodies sit in a state. */
export function stateExpected(level: OrganizationLevel, stateCode: string): boolean {
  return !stateCode && (level === 'state' || level === 'municipal');
}

/**
 * The organization's INEGI state, optional ("none" for federal and international bodies). `warning`, when given, takes
 * the hint's place and marks the picker: a warning, not an error (the API keeps the state optional, the form submits).
 */
export function OrganizationStateField({ id, value, onChange, warning }: { id: string; value: string; onChange: (code: string) => void; warning?: string | null }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('org.state')} hint={warning ? null : t('org.stateHint')}>
      <select id={id} value={value} className={warning ? 'control-warning' : undefined} aria-describedby={warning ? `${id}-warning` : `${id}-hint`} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('common.none')}</option>
        {STATES.map((s) => (
          <option key={s.code} value={s.code}>
            {s.code} · {s.name}
          </option>
        ))}
      </select>
      {warning && (
        <p id={`${id}-warning`} className="field-warning" role="status" data-testid="state-missing">
          {warning}
        </p>
      )}
    </Field>
  );
}

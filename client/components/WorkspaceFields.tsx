/** A working group's name, description and mandate-area fields: the same in the creation form and the group settings. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MANDATE_AREAS, type MandateArea } from '../../shared/constants.js';
import { describedBy, Field } from './Field.js';

/** What the fields hold, as typed. */
export interface WorkspaceFieldValues {
  name: string;
  description: string;
  areas: MandateArea[];
}

/** The fields' own errors once the person tried to submit: a name and at least one mandate area. */
export function workspaceFieldErrors(values: WorkspaceFieldValues, tried: boolean, t: TFunction): { name: string | null; areas: string | null } {
  return {
    name: tried && !values.name.trim() ? t('common.required') : null,
    areas: tried && values.areas.length === 0 ? t('workspaces.areasRequired') : null,
  };
}

/** Whether the values can be sent (the server refuses an empty name or no mandate area). */
export function workspaceFieldsComplete(values: WorkspaceFieldValues): boolean {
  return !!values.name.trim() && values.areas.length > 0;
}

/** The chosen areas in the fixed order of the list, whatever order they were ticked in. */
export function orderedAreas(areas: readonly MandateArea[]): MandateArea[] {
  return MANDATE_AREAS.filter((a) => areas.includes(a));
}

interface Props {
  /** Prefix for the controls' ids (the form's `useId()`). */
  uid: string;
  values: WorkspaceFieldValues;
  onChange: (values: WorkspaceFieldValues) => void;
  errors: { name: string | null; areas: string | null };
}

/** The three fields, controlled by the form around them. */
export function WorkspaceFields({ uid, values, onChange, errors }: Props) {
  const { t } = useTranslation();
  const toggle = (a: MandateArea, on: boolean) => onChange({ ...values, areas: on ? [...values.areas, a] : values.areas.filter((x) => x !== a) });
  return (
    <>
      <Field id={`${uid}-name`} label={t('workspaces.name')} required error={errors.name}>
        <input
          id={`${uid}-name`}
          required
          aria-invalid={!!errors.name}
          aria-describedby={describedBy(`${uid}-name`, { error: errors.name })}
          maxLength={200}
          value={values.name}
          onChange={(e) => onChange({ ...values, name: e.target.value })}
          data-testid="workspace-name"
        />
      </Field>
      <Field id={`${uid}-desc`} label={t('workspaces.description')}>
        <textarea id={`${uid}-desc`} rows={3} value={values.description} onChange={(e) => onChange({ ...values, description: e.target.value })} />
      </Field>
      <fieldset aria-describedby={errors.areas ? `${uid}-areas-error` : undefined}>
        <legend>{t('workspaces.mandateAreas')}</legend>
        <div className="check-grid">
          {MANDATE_AREAS.map((a) => (
            <div className="check" key={a}>
              <input id={`${uid}-${a}`} type="checkbox" aria-invalid={!!errors.areas} checked={values.areas.includes(a)} onChange={(e) => toggle(a, e.target.checked)} />
              <label htmlFor={`${uid}-${a}`}>{t(`mandateAreas.${a}`)}</label>
            </div>
          ))}
        </div>
        {errors.areas && (
          <p id={`${uid}-areas-error`} className="field-error">
            {errors.areas}
          </p>
        )}
      </fieldset>
    </>
  );
}

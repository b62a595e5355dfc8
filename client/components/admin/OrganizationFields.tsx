/** The fields of an organization (name, acronym, level, state), shared by the admin's "new" and "edit" forms. */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationLevel } from '../../../shared/constants.js';
import { describedBy, Field } from '../Field.js';
import { OrganizationLevelField, OrganizationStateField } from '../OrganizationProfileFields.js';

interface Props {
  uid: string;
  name: string;
  acronym: string;
  level: OrganizationLevel;
  stateCode: string;
  errors: { name: string | null; acronym: string | null };
  onName(value: string): void;
  onAcronym(value: string): void;
  onLevel(value: OrganizationLevel): void;
  onStateCode(value: string): void;
  /** The name input, for a form that focuses it on opening. */
  nameRef?: Ref<HTMLInputElement>;
}

/** Name, acronym (with the server's length limits), level and INEGI state. */
export function OrganizationFields({ uid, name, acronym, level, stateCode, errors, onName, onAcronym, onLevel, onStateCode, nameRef }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Field id={`${uid}-name`} label={t('org.name')} required error={errors.name}>
        <input ref={nameRef} id={`${uid}-name`} required maxLength={200} value={name} aria-invalid={!!errors.name} aria-describedby={describedBy(`${uid}-name`, { error: errors.name })} onChange={(e) => onName(e.target.value)} />
      </Field>
      <div className="field-row">
        <Field id={`${uid}-acronym`} label={t('org.acronym')} required error={errors.acronym}>
          <input id={`${uid}-acronym`} required maxLength={30} value={acronym} aria-invalid={!!errors.acronym} aria-describedby={describedBy(`${uid}-acronym`, { error: errors.acronym })} onChange={(e) => onAcronym(e.target.value)} />
        </Field>
        <OrganizationLevelField id={`${uid}-level`} value={level} onChange={onLevel} />
      </div>
      <OrganizationStateField id={`${uid}-state`} value={stateCode} onChange={onStateCode} />
    </>
  );
}

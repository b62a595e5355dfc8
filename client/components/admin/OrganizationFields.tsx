/** The fields of an organization (name, acronym, level, state) and their draft, shared by the admin's "new" and "edit" forms. */
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationLevel } from '../../../shared/constants.js';
import { useServerError } from '../../lib/useServerError.js';
import { describedBy, Field } from '../Field.js';
import { OrganizationLevelField, OrganizationStateField, stateExpected } from '../OrganizationProfileFields.js';
import { acronymRefusal, type OrganizationField } from './AcronymConflictNotice.js';

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

/**
 * Name, acronym (with the server's length limits), level and INEGI state. The state sits beside the level: choosing
 * "Estatal" or "Municipal" without one warns there (the form still submits: the API keeps the state optional).
 */
export function OrganizationFields({ uid, name, acronym, level, stateCode, errors, onName, onAcronym, onLevel, onStateCode, nameRef }: Props) {
  const { t } = useTranslation();
  const stateWarning = stateExpected(level, stateCode) ? t(level === 'state' ? 'org.stateMissingState' : 'org.stateMissingMunicipal') : null;
  return (
    <>
      <Field id={`${uid}-name`} label={t('org.name')} required error={errors.name}>
        <input ref={nameRef} id={`${uid}-name`} required maxLength={200} value={name} aria-invalid={!!errors.name} aria-describedby={describedBy(`${uid}-name`, { error: errors.name })} onChange={(e) => onName(e.target.value)} />
      </Field>
      {/* Top-aligned: a hint, warning or error under one field must not push its neighbours' labels down. */}
      <div className="field-row field-row-top">
        <Field id={`${uid}-acronym`} label={t('org.acronym')} required error={errors.acronym}>
          <input id={`${uid}-acronym`} required maxLength={30} value={acronym} aria-invalid={!!errors.acronym} aria-describedby={describedBy(`${uid}-acronym`, { error: errors.acronym })} onChange={(e) => onAcronym(e.target.value)} />
        </Field>
        <OrganizationLevelField id={`${uid}-level`} value={level} onChange={onLevel} />
        <OrganizationStateField id={`${uid}-state`} value={stateCode} onChange={onStateCode} warning={stateWarning} />
      </div>
    </>
  );
}

/** An organization's fields as a form holds them (no state: ''). */
export interface OrganizationDraft {
  name: string;
  acronym: string;
  level: OrganizationLevel;
  stateCode: string;
}

/**
 * A form's draft of an organization, starting from `initial`: its values and setters, the required-field errors
 * (once `showErrors`), the server's refusal of the last submit (editing the field it is about drops it; a taken
 * acronym is about the acronym) and the props of OrganizationFields.
 */
export function useOrganizationDraft(initial: OrganizationDraft, showErrors: boolean) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [acronym, setAcronym] = useState(initial.acronym);
  const [level, setLevel] = useState<OrganizationLevel>(initial.level);
  const [stateCode, setStateCode] = useState(initial.stateCode);
  const server = useServerError<OrganizationField>(acronymRefusal);
  const { change } = server;
  const errors = {
    name: showErrors && !name.trim() ? t('common.required') : null,
    acronym: showErrors && !acronym.trim() ? t('common.required') : null,
  };
  return {
    draft: { name, acronym, level, stateCode } satisfies OrganizationDraft,
    set: { name: setName, acronym: setAcronym, level: setLevel, stateCode: setStateCode },
    errors,
    server,
    fields: {
      name,
      acronym,
      level,
      stateCode,
      errors,
      onName: change('name', setName),
      onAcronym: change('acronym', setAcronym),
      onLevel: change('level', setLevel),
      onStateCode: change('stateCode', setStateCode),
    },
  };
}

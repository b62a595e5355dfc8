/** A required one-line title (a decision's, an action's): label, input of at most 300 characters, its error. */
import type { Ref } from 'react';
import { describedBy, Field } from './Field.js';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** "Required" once a submit was refused with it empty; null otherwise. */
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
}

/** The shared title schema's bound (300) is the input's. */
export function TitleField({ id, label, value, onChange, error, inputRef }: Props) {
  return (
    <Field id={id} label={label} required error={error}>
      <input
        ref={inputRef}
        id={id}
        required
        maxLength={300}
        value={value}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, { error })}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

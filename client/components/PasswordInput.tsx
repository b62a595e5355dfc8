/** A password box for a Field: the server's length bound, and the Field's hint and error wired up for assistive tech. */
import type { Ref } from 'react';
import { describedBy } from './Field.js';

interface Props {
  /** The Field's id. */
  id: string;
  value: string;
  onChange(value: string): void;
  autoComplete: 'current-password' | 'new-password';
  error: string | null;
  /** Whether the Field shows a hint. */
  hint?: boolean;
  /** Shown as typed: an admin reads the password to pass it on. */
  visible?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** A required password input of at most 256 characters (the server refuses longer ones). */
export function PasswordInput({ id, value, onChange, autoComplete, error, hint, visible = false, inputRef }: Props) {
  return (
    <input
      id={id}
      ref={inputRef}
      type={visible ? 'text' : 'password'}
      required
      maxLength={256}
      autoComplete={autoComplete}
      value={value}
      aria-invalid={!!error}
      aria-describedby={describedBy(id, { hint, error })}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

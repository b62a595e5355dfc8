/** A person's name, changed by themselves or corrected by an instance admin: one field, saved by `save`. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerError } from '../../lib/useServerError.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { describedBy, Field } from '../Field.js';

interface Props {
  current: string;
  /** What the change reaches, said above the field. */
  intro: string;
  /** Stores the new name (trimmed) on the server. */
  save: (name: string) => Promise<unknown>;
  /** Called with the new name once it is stored. */
  onSaved: (name: string) => void;
  onCancel: () => void;
}

/** The form; nothing to save while the name is unchanged. */
export function NameForm({ current, intro, save, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const id = `${useId()}-name`;
  const [name, setName] = useState(current);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const { error, fail, clear, change } = useServerError<'name'>();
  const typed = name.trim();
  const fieldError = touched && !typed ? t('common.required') : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    setTouched(true);
    if (!typed || typed === current) return;
    setBusy(true);
    try {
      await save(typed);
      onSaved(typed);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="name-form">
      <p className="muted">{intro}</p>
      <Field id={id} label={t('account.nameLabel')} required error={fieldError}>
        <input
          id={id}
          required
          maxLength={200}
          autoComplete="off"
          value={name}
          aria-invalid={!!fieldError}
          aria-describedby={describedBy(id, { error: fieldError })}
          onChange={(e) => change('name', setName)(e.target.value)}
        />
      </Field>
      <ErrorNotice error={error} compact />
      <div className="actions-cell">
        <button type="submit" className="btn btn-primary" disabled={busy || typed === current}>
          {busy ? t('account.nameSaving') : t('account.nameSubmit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

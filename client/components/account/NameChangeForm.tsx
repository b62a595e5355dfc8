/** The signed-in person corrects their own name: it reaches their groups' member lists, their carets and mentions at once. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { saveOwnName } from '../../api/session.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { describedBy, Field } from '../Field.js';

/** Calls `onChanged` with the new name once the server stored it. */
export function NameChangeForm({ current, onChanged, onCancel }: { current: string; onChanged: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = `${useId()}-name`;
  const [name, setName] = useState(current);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const typed = name.trim();
  const fieldError = touched && !typed ? t('common.required') : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!typed) return;
    if (typed === current) return onCancel();
    setBusy(true);
    setError(null);
    try {
      await saveOwnName(typed);
      onChanged(typed);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="name-change-form">
      <p className="muted">{t('account.nameIntro')}</p>
      <Field id={id} label={t('account.nameLabel')} required error={fieldError}>
        <input
          id={id}
          required
          maxLength={200}
          autoComplete="name"
          value={name}
          aria-invalid={!!fieldError}
          aria-describedby={describedBy(id, { error: fieldError })}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <ErrorNotice error={error} compact />
      <div className="actions-cell">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('account.nameSaving') : t('account.nameSubmit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

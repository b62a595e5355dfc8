/** A person's "Reset password" action on the admin page, and the dialog it opens. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../ModalDialog.js';
import { PasswordResetForm } from './PasswordResetForm.js';

/** The button for one row of the people table. */
export function PasswordResetButton({ person }: { person: { id: string; name: string } }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(true)} aria-label={t('admin.resetPasswordOf', { name: person.name })}>
        {t('admin.resetPassword')}
      </button>
      <ModalDialog open={open} title={t('admin.resetPasswordOf', { name: person.name })} onClose={() => setOpen(false)} testId="password-reset-dialog">
        <PasswordResetForm person={person} onClose={() => setOpen(false)} />
      </ModalDialog>
    </>
  );
}

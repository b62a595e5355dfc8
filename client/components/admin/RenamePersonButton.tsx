/** A person's "Change name" action on the admin page: to correct a name misspelt when the account was made. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { renamePerson } from '../../api/admin.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { ModalDialog } from '../ModalDialog.js';
import { useNotices } from '../Notices.js';
import { useMe, useSession } from '../../session/SessionContext.js';

interface Props {
  person: { id: string; name: string };
  /** Called once the server has renamed the person (the list reloads). */
  onChanged: () => void;
}

/** The button and its dialog for one row of the people table. */
export function RenamePersonButton({ person, onChanged }: Props) {
  const { t } = useTranslation();
  const { show } = useNotices();
  const me = useMe();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(person.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inputId = `rename-${person.id}`;
  const typed = name.trim();

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await renamePerson(person.id, typed);
      setOpen(false);
      show(t('admin.renamed', { from: person.name, name: typed }));
      onChanged();
      // Their own name: the header shows it from the session (the server relabels their carets itself).
      if (person.id === me.user.id) void session.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => (setName(person.name), setError(null), setOpen(true))} aria-label={t('admin.renameOf', { name: person.name })}>
        {t('admin.rename')}
      </button>
      <ModalDialog open={open} title={t('admin.renameOf', { name: person.name })} onClose={() => setOpen(false)} testId="rename-dialog">
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed && typed !== person.name) void submit();
          }}
        >
          <p>{t('admin.renameIntro')}</p>
          <label htmlFor={inputId}>{t('admin.renameLabel')}</label>
          <input id={inputId} autoComplete="off" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          <ErrorNotice error={error} compact />
          <div className="actions-cell">
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy || !typed || typed === person.name}>
              {busy ? t('admin.renaming') : t('admin.renameSubmit')}
            </button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}

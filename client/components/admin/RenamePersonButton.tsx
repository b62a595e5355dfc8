/** A person's "Change name" action on the admin page: to correct a name misspelt when the account was made. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { renamePerson } from '../../api/admin.js';
import { NameForm } from '../account/NameForm.js';
import { ModalDialog } from '../ModalDialog.js';
import { useMe, useSession } from '../../session/SessionContext.js';

interface Props {
  person: { id: string; name: string };
  /** Called once the server has renamed the person, with the words that confirm it (the list says them in the row). */
  onChanged: (confirmation: string) => void;
}

/** The button and its dialog for one row of the people table. */
export function RenamePersonButton({ person, onChanged }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const session = useSession();
  const [open, setOpen] = useState(false);

  const onSaved = (name: string) => {
    setOpen(false);
    onChanged(t('admin.renamed', { from: person.name, name }));
    // Their own name: the header shows it from the session (the server relabels their carets itself).
    if (person.id === me.user.id) void session.reload();
  };

  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(true)} aria-label={t('admin.renameOf', { name: person.name })}>
        {t('admin.rename')}
      </button>
      <ModalDialog open={open} title={t('admin.renameOf', { name: person.name })} onClose={() => setOpen(false)} testId="rename-dialog">
        <NameForm current={person.name} intro={t('admin.renameIntro')} save={(name) => renamePerson(person.id, name)} onSaved={onSaved} onCancel={() => setOpen(false)} />
      </ModalDialog>
    </>
  );
}

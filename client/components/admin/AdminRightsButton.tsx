/** A person's "Dar administración" / "Quitar administración" action on the admin page (not on one's own row). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setInstanceAdmin } from '../../api/admin.js';
import { ErrorNotice } from '../ErrorNotice.js';

interface Props {
  person: { id: string; name: string; isAdmin?: boolean };
  /** Called once the server has changed the rights, with the words that confirm it (the list says them in the row). */
  onChanged: (confirmation: string) => void;
}

/** Toggles instance admin rights, saying what it did. */
export function AdminRightsButton({ person, onChanged }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const isAdmin = person.isAdmin === true;
  const name = { name: person.name };

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await setInstanceAdmin(person.id, !isAdmin);
      onChanged(t(isAdmin ? 'admin.adminRevoked' : 'admin.adminGranted', name));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" disabled={busy} aria-label={t(isAdmin ? 'admin.revokeAdminOf' : 'admin.grantAdminOf', name)} onClick={() => void toggle()}>
        {t(isAdmin ? 'admin.revokeAdmin' : 'admin.grantAdmin')}
      </button>
      <ErrorNotice error={error} compact />
    </>
  );
}

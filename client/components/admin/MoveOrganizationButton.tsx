/** A person's "Change organization" action on the admin page: for someone who moved to another agency. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveToOrganization } from '../../api/admin.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { ModalDialog } from '../ModalDialog.js';

interface Props {
  person: { id: string; name: string; organizationId: string };
  /** Called once the server has moved the person, with the words that confirm it (the list says them in the row). */
  onChanged: (confirmation: string) => void;
}

/** The button and its dialog for one row of the people table. */
export function MoveOrganizationButton({ person, onChanged }: Props) {
  const { t } = useTranslation();
  const { list, label } = useOrganizations();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const selectId = `move-org-${person.id}`;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await moveToOrganization(person.id, target);
      setOpen(false);
      onChanged(t('admin.moved', { name: person.name, acronym: label(target) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => (setTarget(''), setError(null), setOpen(true))} aria-label={t('admin.moveOf', { name: person.name })}>
        {t('admin.move')}
      </button>
      <ModalDialog open={open} title={t('admin.moveOf', { name: person.name })} onClose={() => setOpen(false)} testId="move-dialog">
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (target) void submit();
          }}
        >
          <p>{t('admin.moveIntro', { name: person.name, acronym: label(person.organizationId) })}</p>
          <label htmlFor={selectId}>{t('admin.moveTo')}</label>
          <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)} required>
            <option value="">{t('admin.moveChoose')}</option>
            {list
              .filter((o) => o.id !== person.organizationId && o.active !== false)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.acronym} · {o.name}
                </option>
              ))}
          </select>
          <ErrorNotice error={error} compact />
          <div className="actions-cell">
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy || !target}>
              {busy ? t('admin.moving') : t('admin.moveSubmit')}
            </button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}

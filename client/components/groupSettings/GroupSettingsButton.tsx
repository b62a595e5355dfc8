/** The facilitator's "Group settings" control on a working group's page: a button and the dialog it opens. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workspace } from '../../api/types.js';
import { ModalDialog } from '../ModalDialog.js';
import { useNotices } from '../Notices.js';
import { GroupSettingsForm } from './GroupSettingsForm.js';

interface Props {
  workspace: Workspace;
  /** Called once the server has stored a change (the page reloads the group). */
  onChanged: () => void;
}

/** Render it for facilitators only: the server refuses the change to anyone else. */
export function GroupSettingsButton({ workspace, onChanged }: Props) {
  const { t } = useTranslation();
  const { show } = useNotices();
  const [open, setOpen] = useState(false);

  const onSaved = (saved: Workspace | null) => {
    setOpen(false);
    if (!saved) return;
    show(t('groupSettings.saved'));
    onChanged();
  };

  return (
    <>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen(true)}>
        {t('groupSettings.open')}
      </button>
      <ModalDialog open={open} title={t('groupSettings.title')} onClose={() => setOpen(false)} testId="group-settings">
        <GroupSettingsForm workspace={workspace} onSaved={onSaved} onCancel={() => setOpen(false)} />
      </ModalDialog>
    </>
  );
}

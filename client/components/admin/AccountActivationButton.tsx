/** A person's "Deactivate account" / "Reactivate account" action on the admin page, with a confirmation for deactivating. */
import { useTranslation } from 'react-i18next';
import { setAccountActive } from '../../api/admin.js';
import { ActivationToggle } from './ActivationToggle.js';

interface Props {
  person: { id: string; name: string; active?: boolean };
  /** Called once the server has changed the account, with the words that confirm it (the list says them in the row). */
  onChanged: (confirmation: string) => void;
}

/** The button for one row of the people table (not shown for the admin's own row: the server refuses that). */
export function AccountActivationButton({ person, onChanged }: Props) {
  const { t } = useTranslation();
  const name = { name: person.name };
  return (
    <ActivationToggle
      active={person.active !== false}
      testId="deactivate-dialog"
      texts={{
        deactivate: t('admin.deactivate'),
        deactivateOf: t('admin.deactivateOf', name),
        intro: t('admin.deactivateIntro', name),
        submit: t('admin.deactivateSubmit'),
        reactivate: t('admin.reactivate'),
        reactivateOf: t('admin.reactivateOf', name),
      }}
      change={async (next) => {
        await setAccountActive(person.id, next);
        onChanged(t(next ? 'admin.reactivated' : 'admin.deactivated', name));
      }}
    />
  );
}

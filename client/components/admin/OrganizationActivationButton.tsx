/** An organization's "Deactivate" / "Reactivate" action on the admin page, with a confirmation for deactivating. */
import { useTranslation } from 'react-i18next';
import { updateOrganization } from '../../api/admin.js';
import type { Organization } from '../../api/types.js';
import { ActivationToggle } from './ActivationToggle.js';

interface Props {
  organization: Organization;
  /** After the server changed it: the organization as it is now, and the words that confirm it (said in its row). */
  onChanged: (o: Organization, confirmation: string) => void;
}

/** The button for one row of the organizations table. */
export function OrganizationActivationButton({ organization: o, onChanged }: Props) {
  const { t } = useTranslation();
  const acronym = { acronym: o.acronym };
  return (
    <ActivationToggle
      active={o.active !== false}
      testId="organization-deactivate-dialog"
      texts={{
        deactivate: t('admin.orgDeactivate'),
        deactivateOf: t('admin.orgDeactivateOf', acronym),
        intro: t('admin.orgDeactivateIntro', acronym),
        submit: t('admin.orgDeactivateSubmit'),
        reactivate: t('admin.orgReactivate'),
        reactivateOf: t('admin.orgReactivateOf', acronym),
      }}
      change={async (next) => {
        const now = await updateOrganization(o.id, { active: next });
        onChanged(now, t(next ? 'admin.orgReactivated' : 'admin.orgDeactivated', acronym));
      }}
    />
  );
}

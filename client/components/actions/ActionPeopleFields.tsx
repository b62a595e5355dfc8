/**
 * Who answers for a follow-up action, as the add and edit forms ask it: the owner institution (the group's first) and
 * the person who carries it, with a note when that person is from another institution than the owner.
 */
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import { describedBy, Field } from '../Field.js';
import { OrganizationSelect } from '../OrganizationSelect.js';
import { AssigneeSelect, assigneeOutsideOwner } from './AssigneeSelect.js';

interface Props {
  /** Prefix of the fields' ids (`-owner`, `-assignee`). */
  idPrefix: string;
  owner: string;
  onOwner: (organizationId: string) => void;
  assignee: string;
  onAssignee: (userId: string) => void;
  members: readonly Member[];
  /** The group's institutions, offered first as owners. */
  groupOrganizationIds?: readonly string[];
  ownerError: string | null;
}

/** The two fields, laid in the caller's field row. */
export function ActionPeopleFields({ idPrefix, owner, onOwner, assignee, onAssignee, members, groupOrganizationIds, ownerError }: Props) {
  const { t } = useTranslation();
  const { label } = useOrganizations();
  const outside = assigneeOutsideOwner(members, assignee, owner);
  const assigneeHint = outside ? t('actions.assigneeOtherOrganization', { name: outside.name, organization: label(outside.organizationId), owner: label(owner) }) : null;
  return (
    <>
      <Field id={`${idPrefix}-owner`} label={t('actions.owner')} required error={ownerError}>
        <OrganizationSelect
          id={`${idPrefix}-owner`}
          required
          value={owner}
          onChange={onOwner}
          groupOrganizationIds={groupOrganizationIds}
          invalid={!!ownerError}
          aria-describedby={describedBy(`${idPrefix}-owner`, { error: ownerError })}
        />
      </Field>
      <Field id={`${idPrefix}-assignee`} label={t('actions.assignee')} hint={assigneeHint}>
        <AssigneeSelect id={`${idPrefix}-assignee`} value={assignee} onChange={onAssignee} members={members} ownerOrganizationId={owner} aria-describedby={describedBy(`${idPrefix}-assignee`, { hint: assigneeHint })} />
      </Field>
    </>
  );
}

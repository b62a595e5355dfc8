/**
 * Why a member sees the stances without a form: who casts their organization's stance in this group (its focal point,
 * or nobody yet), so they know whom to speak to instead of guessing. Nothing for those who may record one.
 */
import { useTranslation } from 'react-i18next';
import type { Member, Permissions } from '../api/types.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useMe } from '../session/SessionContext.js';

interface Props {
  isOpen: boolean;
  permissions: Permissions;
  members: readonly Member[];
  /** The organizations whose stance the decision expects. */
  expected: readonly string[];
}

/** A short note above the stances table. */
export function StanceRightsNote({ isOpen, permissions, members, expected }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const { label } = useOrganizations();
  const org = me.user.organizationId;
  if (!isOpen || permissions.canDecide || permissions.focalPoint) return null;
  if (permissions.role === 'observer') return <p className="muted small" data-testid="stance-rights">{t('stances.rights.observer')}</p>;
  if (!expected.includes(org)) return null;
  const focal = members.find((m) => m.focalPoint && m.organizationId === org);
  return (
    <p className="muted small" data-testid="stance-rights">
      {focal ? t('stances.rights.focalPoint', { org: label(org), name: focal.name }) : t('stances.rights.noFocalPoint', { org: label(org) })}
    </p>
  );
}

/**
 * Before a facilitator marks a decision agreed: which organizations object and which have not taken a stance yet.
 * It informs, it does not block (the facilitator decides, and may record stances on others' behalf first).
 */
import { useTranslation } from 'react-i18next';
import type { Quorum, StanceRecord } from '../api/types.js';

export interface AgreementConcerns {
  /** Acronyms of organizations whose recorded stance is an objection. */
  objecting: string[];
  /** Acronyms of participating organizations with no stance yet. */
  pending: string[];
  /** Acronyms of organizations whose stance is recorded but hidden from this viewer until the decision closes. */
  hidden: string[];
}

/** What stands against agreeing now; null when every participating organization agrees or abstains, visibly. */
export function agreementConcerns(stances: StanceRecord[], quorum: Quorum | undefined): AgreementConcerns | null {
  if (!quorum) return null;
  const acronym = new Map(quorum.participating.map((p) => [p.organizationId, p.acronym]));
  const name = (orgId: string) => acronym.get(orgId) ?? orgId;
  const objecting = stances.filter((s) => !s.hidden && s.stance === 'object').map((s) => name(s.organizationId));
  // A hidden stance's content is not known here, not even to the facilitator: it may be an objection, so say so.
  const hidden = stances.filter((s) => s.hidden).map((s) => name(s.organizationId));
  const pending = quorum.pendingOrganizationIds.map(name);
  return objecting.length || pending.length || hidden.length ? { objecting, pending, hidden } : null;
}

/** The warning shown beside the status select. */
export function AgreementWarning({ id, concerns }: { id: string; concerns: AgreementConcerns }) {
  const { t } = useTranslation();
  return (
    <div id={id} className="notice notice-warning" data-testid="agreement-warning">
      <p>{t('decisions.agreeWarning.title')}</p>
      <ul>
        {concerns.objecting.length > 0 && <li>{t('decisions.agreeWarning.objecting', { list: concerns.objecting.join(', ') })}</li>}
        {concerns.pending.length > 0 && <li>{t('decisions.agreeWarning.pending', { list: concerns.pending.join(', ') })}</li>}
        {concerns.hidden.length > 0 && <li>{t('decisions.agreeWarning.hidden', { list: concerns.hidden.join(', ') })}</li>}
      </ul>
    </div>
  );
}

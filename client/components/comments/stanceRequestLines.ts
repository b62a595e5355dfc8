/**
 * What an inbox row about a stance request says: it asked for the organization's stance when written, and is settled
 * once the stance is recorded or the decision closes. Told from where the request stands now (the server reads it as
 * it lists the inbox), so a request already answered no longer asks.
 */
import type { TFunction } from 'i18next';
import { OPEN_DECISION_STATUSES, type DecisionStatus } from '../../../shared/constants.js';
import type { AppNotification } from './api.js';

/** The row's line, and a second one under it when there is more to say; null when not a stance request's state. */
export function stanceRequestLines(n: AppNotification, t: TFunction): { what: string; detail: string | null } | null {
  const state = n.kind === 'stance_requested' ? n.stanceRequest : null;
  if (!state) return null;
  const given = !state.stanceRecorded
    ? null
    : state.stance
      ? t('inbox.stanceRequest.recorded', { stance: t(`stances.values.${state.stance}`, { defaultValue: state.stance }) })
      : t('inbox.stanceRequest.recordedHidden');
  if (!OPEN_DECISION_STATUSES.includes(state.decisionStatus as DecisionStatus)) {
    const status = t(`decisionStatus.${state.decisionStatus}`, { defaultValue: state.decisionStatus });
    return { what: t('inbox.stanceRequest.closed', { status }), detail: given ?? t('inbox.stanceRequest.noStance') };
  }
  return { what: given ?? t('inbox.kinds.stance_requested'), detail: null };
}

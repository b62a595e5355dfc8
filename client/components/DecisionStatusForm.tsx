/**
 * A facilitator's status control for one decision. Marked superseded, the decision may name the decision of the group
 * that replaced it. An unsaved pick survives a reload by someone else's change, and says so if the status moved.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_STATUSES, type DecisionStatus } from '../../shared/constants.js';
import { updateDecision } from '../api/decisions.js';
import type { Decision, Quorum, StanceRecord } from '../api/types.js';
import { AgreementWarning, agreementConcerns } from './AgreementWarning.js';
import { ErrorNotice } from './ErrorNotice.js';

interface Props {
  decision: Decision;
  stances: StanceRecord[];
  quorum: Quorum | undefined;
  /** The group's decisions (undefined while loading): the replacements offered. */
  groupDecisions: Decision[] | undefined;
  onSaved: () => void;
}

/** The "Estado de la decisión" card's controls (render with `key={decision.id}`: a pick belongs to one decision). */
export function DecisionStatusForm({ decision: d, stances, quorum, groupDecisions, onSaved }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  // The unsaved pick and the status it was picked against; null: the select follows the decision live.
  const [pick, setPick] = useState<{ status: DecisionStatus; against: DecisionStatus } | null>(null);
  // The replacement picked ('' for none); null: follows the decision.
  const [replacementPick, setReplacementPick] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const status = pick?.status ?? d.status;
  const movedUnderPick = pick !== null && pick.against !== d.status && pick.status !== d.status;
  const replacement = status === 'superseded' ? (replacementPick ?? d.supersededById ?? '') : '';
  const changed = status !== d.status || (status === 'superseded' && replacement !== (d.supersededById ?? ''));
  // About to be marked agreed: say who objects or has not spoken yet.
  const concerns = status === 'agreed' && d.status !== 'agreed' ? agreementConcerns(stances, quorum) : null;
  // Neither the decision itself nor one it replaced (the server refuses both).
  const candidates = (groupDecisions ?? []).filter((o) => o.id !== d.id && o.supersededById !== d.id);

  const save = async () => {
    setError(null);
    try {
      await updateDecision(d.id, {
        ...(status !== d.status ? { status } : {}),
        ...(status === 'superseded' ? { supersededById: replacement || null } : {}),
      });
      setPick(null);
      setReplacementPick(null);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <div className="inline-controls">
        <label htmlFor={`${uid}-status`}>{t('decisions.status')}</label>
        <select
          id={`${uid}-status`}
          value={status}
          onChange={(e) => {
            const next = e.target.value as DecisionStatus;
            setPick(next === d.status ? null : { status: next, against: d.status });
          }}
          aria-describedby={[concerns ? `${uid}-agree-warning` : '', movedUnderPick ? `${uid}-moved` : ''].join(' ').trim() || undefined}
        >
          {DECISION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`decisionStatus.${s}`)}
            </option>
          ))}
        </select>
        {status === 'superseded' && (
          <>
            <label htmlFor={`${uid}-replacement`}>{t('decisions.replacementLabel')}</label>
            <select id={`${uid}-replacement`} value={replacement} onChange={(e) => setReplacementPick(e.target.value)} disabled={!groupDecisions}>
              <option value="">{t('decisions.noReplacement')}</option>
              {candidates.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.ref} · {o.title}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" className="btn btn-primary btn-small" disabled={!changed} onClick={() => void save()}>
          {t('common.save')}
        </button>
      </div>
      {movedUnderPick && (
        <p id={`${uid}-moved`} className="stance-unsaved" role="status">
          {t('decisions.statusMoved', { status: t(`decisionStatus.${d.status}`) })}
        </p>
      )}
      {concerns && <AgreementWarning id={`${uid}-agree-warning`} concerns={concerns} />}
      <ErrorNotice error={error} compact />
    </>
  );
}

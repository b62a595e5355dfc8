/** One decision: text, status (changed by facilitators), stances per organization, actions, history. */
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DECISION_STATUSES, OPEN_DECISION_STATUSES, type DecisionStatus } from '../../shared/constants.js';
import { getDecision, updateDecision } from '../api/decisions.js';
import { AuditChanges } from '../components/AuditDetails.js';
import { useAuditText } from '../components/audit/useAuditText.js';
import { DecisionActions } from '../components/DecisionActions.js';
import { DecisionDue } from '../components/DecisionDue.js';
import { DecisionOrigins } from '../components/DecisionOrigins.js';
import { AgreementWarning, agreementConcerns } from '../components/AgreementWarning.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { memberOrganizationIds } from '../components/groupOrganizations.js';
import { Loading } from '../components/Loading.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { StancesTable } from '../components/StancesTable.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { WorkspaceRedirect } from '../components/WorkspaceRedirect.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useWorkspaceEvent, useWorkspaceResync, useWorkspaceRoom } from '../realtime/RealtimeContext.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useWorkspace } from '../session/useWorkspace.js';

/** The /w/:workspaceId/decisions/:decisionId page. */
export function DecisionPage() {
  const { workspaceId = '', decisionId = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const ws = useWorkspace(workspaceId);
  const detail = useAsync((signal) => getDecision(decisionId, signal), [decisionId]);
  // The facilitator's unsaved pick and the status it was picked against; null: the select follows the decision live.
  const [pick, setPick] = useState<{ status: DecisionStatus; against: DecisionStatus } | null>(null);
  const [statusError, setStatusError] = useState<unknown>(null);
  useWorkspaceRoom(workspaceId, undefined, 'decisions');
  // Payload shapes differ per event; a reload of one decision is cheap, so any change in the group triggers it.
  useWorkspaceEvent(workspaceId, 'decision:updated', detail.reload);
  useWorkspaceResync(workspaceId, detail.reload);
  useWorkspaceEvent(workspaceId, 'stance:recorded', detail.reload);
  useWorkspaceEvent(workspaceId, 'action:updated', detail.reload);
  const d = detail.data?.decision;
  useDocumentTitle(d ? `${d.ref} ${d.title}` : t('decisions.title'));
  // Another decision: nothing picked for it yet.
  useEffect(() => setPick(null), [decisionId]);
  const names = useMemo(() => new Map((ws.data?.members ?? []).map((m) => [m.userId, m.name])), [ws.data]);
  const groupOrganizationIds = useMemo(() => memberOrganizationIds(ws.data?.members), [ws.data]);
  const text = useAuditText(names);
  const { label: orgLabel } = useOrganizations();

  const nav = <WorkspaceNav workspaceId={workspaceId} workspaceName={ws.data?.workspace.name} permissions={ws.permissions} current={d?.ref ?? t('decisions.title')} />;
  if (d && d.workspaceId !== workspaceId) return <WorkspaceRedirect routeWorkspaceId={workspaceId} itemWorkspaceId={d.workspaceId} />;
  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data || !d) {
    return (
      <div className="page">
        {nav}
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
      </div>
    );
  }
  const isOpen = OPEN_DECISION_STATUSES.includes(d.status);
  // A stance or a change by someone else reloads the decision: an unsaved pick stays, and says so if the status moved.
  const status = pick?.status ?? d.status;
  const movedUnderPick = pick !== null && pick.against !== d.status && pick.status !== d.status;
  // About to be marked agreed: say who objects or has not spoken yet.
  const concerns = status === 'agreed' && d.status !== 'agreed' ? agreementConcerns(detail.data.stances, detail.data.quorum) : null;

  /** A stance entry of the history: whose, from what to what (or only that it was recorded, while hidden). */
  const stanceLine = (changes: Record<string, unknown>) => {
    const org = orgLabel(String(changes.organizationId));
    const change = changes.stance as { from?: string | null; to?: string | null } | undefined;
    const word = (v: string | null | undefined) => (v ? t(`stances.values.${v}`, { defaultValue: v }) : '—');
    const line = change ? t('decisions.historyStance', { org, from: word(change.from), to: word(change.to) }) : t('decisions.historyStanceHidden', { org });
    return changes.onBehalf === true ? `${line} · ${t('stances.recordedOnBehalf')}` : line;
  };

  const saveStatus = async () => {
    setStatusError(null);
    try {
      await updateDecision(d.id, { status });
      setPick(null);
      detail.reload();
    } catch (err) {
      setStatusError(err);
    }
  };

  return (
    <div className="page">
      {nav}
      <div className="page-head">
        <p className="ref">{d.ref}</p>
        <h1>{d.title}</h1>
        <p className="item-meta">
          <span className={`status status-${d.status}`}>{t(`decisionStatus.${d.status}`)}</span>
          {d.ownerOrganizationId && <OrgBadge id={d.ownerOrganizationId} />}
          <DecisionDue decision={d} />
          {d.stanceVisibility === 'hidden_until_closed' && OPEN_DECISION_STATUSES.includes(d.status) && <span className="tag">{t('decisions.hiddenStancesTag')}</span>}
        </p>
        <DecisionOrigins decision={d} />
        {d.body && <p className="decision-body">{d.body}</p>}
      </div>
      {ws.permissions.canDecide && (
        <section className="card" aria-labelledby={`${uid}-status`}>
          <h2 id={`${uid}-status`}>{t('decisions.changeStatus')}</h2>
          <div className="inline-controls">
            <label htmlFor={`${uid}-status-select`}>{t('decisions.status')}</label>
            <select
              id={`${uid}-status-select`}
              value={status}
              onChange={(e) => {
                const next = e.target.value as DecisionStatus;
                setPick(next === d.status ? null : { status: next, against: d.status });
              }}
              aria-describedby={[concerns ? `${uid}-agree-warning` : '', movedUnderPick ? `${uid}-status-moved` : ''].join(' ').trim() || undefined}
            >
              {DECISION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`decisionStatus.${s}`)}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-primary btn-small" disabled={status === d.status} onClick={() => void saveStatus()}>
              {t('common.save')}
            </button>
          </div>
          {movedUnderPick && (
            <p id={`${uid}-status-moved`} className="stance-unsaved" role="status">
              {t('decisions.statusMoved', { status: t(`decisionStatus.${d.status}`) })}
            </p>
          )}
          {concerns && <AgreementWarning id={`${uid}-agree-warning`} concerns={concerns} />}
          <ErrorNotice error={statusError} compact />
        </section>
      )}
      <section className="card" aria-labelledby={`${uid}-stances`}>
        <h2 id={`${uid}-stances`}>{t('stances.title')}</h2>
        {!isOpen && <p className="muted">{t('stances.closed')}</p>}
        <StancesTable
          decisionId={d.id}
          isOpen={isOpen}
          stances={detail.data.stances}
          history={detail.data.history}
          quorum={detail.data.quorum}
          members={ws.data?.members ?? []}
          permissions={ws.permissions}
          onChanged={detail.reload}
        />
      </section>
      <section className="card" aria-labelledby={`${uid}-actions`}>
        <h2 id={`${uid}-actions`}>{t('actions.title')}</h2>
        <DecisionActions
          decisionId={d.id}
          actions={detail.data.actions}
          canEdit={ws.permissions.canPropose}
          onChanged={detail.reload}
          groupOrganizationIds={groupOrganizationIds}
          members={ws.data?.members}
        />
      </section>
      {detail.data.history.length > 0 && (
        <section className="card" aria-labelledby={`${uid}-history`}>
          <h2 id={`${uid}-history`}>{t('decisions.history')}</h2>
          <ol className="history">
            {detail.data.history.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{fmt.dateTime(h.at)}</time>
                {h.actorId && <span className="muted"> · {names.get(h.actorId) ?? h.actorId}</span>}
                {typeof h.changes.organizationId === 'string' ? (
                  <ul className="changes">
                    <li>{stanceLine(h.changes)}</li>
                  </ul>
                ) : (
                  <AuditChanges changes={h.changes} text={text} targetType="decision" />
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

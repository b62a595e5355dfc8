/** One decision: text, status (changed by facilitators), stances per organization, actions, history. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { OPEN_DECISION_STATUSES } from '../../shared/constants.js';
import { getDecision, listDecisions } from '../api/decisions.js';
import { AuditChanges } from '../components/AuditDetails.js';
import { useAuditText } from '../components/audit/useAuditText.js';
import { DecisionActions } from '../components/DecisionActions.js';
import { DecisionDue } from '../components/DecisionDue.js';
import { DecisionOrigins } from '../components/DecisionOrigins.js';
import { DecisionReplacements } from '../components/DecisionReplacements.js';
import { DecisionStatusForm } from '../components/DecisionStatusForm.js';
import { DecisionEditor } from '../components/DecisionEditor.js';
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
import { useFocusOnClose } from '../lib/useFocusOnClose.js';
import { useLinkedFocus } from '../lib/useLinkedFocus.js';
import { useWorkspaceEvent, useWorkspaceResync, useWorkspaceRoom } from '../realtime/RealtimeContext.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useMe } from '../session/SessionContext.js';
import { useWorkspace } from '../session/useWorkspace.js';

/** The /w/:workspaceId/decisions/:decisionId page. */
export function DecisionPage() {
  const { workspaceId = '', decisionId = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const ws = useWorkspace(workspaceId);
  const me = useMe();
  const [editingText, setEditingText] = useState(false);
  // Closing the editor (saved or cancelled) puts the keyboard back on "Editar la propuesta".
  const editButton = useFocusOnClose<HTMLButtonElement>(editingText);
  const detail = useAsync((signal) => getDecision(decisionId, signal), [decisionId]);
  // The group's decisions: the replacements a facilitator may name, and the refs of those named.
  const group = useAsync((signal) => listDecisions(workspaceId, '', signal), [workspaceId]);
  useWorkspaceRoom(workspaceId, undefined, 'decisions');
  // Payload shapes differ per event; a reload of one decision is cheap, so any change in the group triggers it.
  useWorkspaceEvent(workspaceId, 'decision:updated', detail.reload);
  useWorkspaceEvent(workspaceId, 'decision:updated', group.reload);
  useWorkspaceEvent(workspaceId, 'decision:created', group.reload);
  useWorkspaceResync(workspaceId, detail.reload);
  useWorkspaceResync(workspaceId, group.reload);
  useWorkspaceEvent(workspaceId, 'stance:recorded', detail.reload);
  useWorkspaceEvent(workspaceId, 'action:updated', detail.reload);
  const d = detail.data?.decision;
  useDocumentTitle(d ? `${d.ref} ${d.title}` : t('decisions.title'));
  // `?action=ID` (a search result): that follow-up action, once listed.
  useLinkedFocus('action', 'data-action-id', 'linked-focus');
  // People and decisions by id, as the history names them.
  const names = useMemo(
    () => new Map([...(ws.data?.members ?? []).map((m) => [m.userId, m.name] as const), ...(group.data ?? []).map((o) => [o.id, `${o.ref} · ${o.title}`] as const)]),
    [ws.data, group.data],
  );
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
  // The proposer and facilitators reword an open decision (the server's rule).
  const canReword = isOpen && (ws.permissions.canDecide || (ws.permissions.canPropose && d.createdById === me.user.id));

  /** A stance entry of the history: whose, from what to what (or only that it was recorded, while hidden). */
  const stanceLine = (changes: Record<string, unknown>) => {
    const org = orgLabel(String(changes.organizationId));
    const change = changes.stance as { from?: string | null; to?: string | null } | undefined;
    const word = (v: string | null | undefined) => (v ? t(`stances.values.${v}`, { defaultValue: v }) : '—');
    const line = change ? t('decisions.historyStance', { org, from: word(change.from), to: word(change.to) }) : t('decisions.historyStanceHidden', { org });
    return changes.onBehalf === true ? `${line} · ${t('stances.recordedOnBehalf')}` : line;
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
        <DecisionReplacements decision={d} groupDecisions={group.data ?? undefined} />
        {d.body && <p className="decision-body">{d.body}</p>}
        {canReword && !editingText && (
          <button ref={editButton} type="button" className="btn btn-secondary btn-small" onClick={() => setEditingText(true)}>
            {t('decisions.editTextButton')}
          </button>
        )}
      </div>
      {canReword && editingText && (
        <section className="card">
          <DecisionEditor key={d.id} decision={d} groupOrganizationIds={groupOrganizationIds} onSaved={detail.reload} onClose={() => setEditingText(false)} />
        </section>
      )}
      {ws.permissions.canDecide && (
        <section className="card" aria-labelledby={`${uid}-status`}>
          <h2 id={`${uid}-status`}>{t('decisions.changeStatus')}</h2>
          <DecisionStatusForm
            key={d.id}
            decision={d}
            stances={detail.data.stances}
            quorum={detail.data.quorum}
            groupDecisions={group.data ?? undefined}
            onSaved={detail.reload}
          />
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

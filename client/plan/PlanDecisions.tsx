/**
 * A plan's decisions, on its page: those proposed about it, with where each stands (status, stances in, actions
 * open), live; members and facilitators propose one about the plan from here.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionRegister } from '../api/decisions.js';
import type { Permissions } from '../api/types.js';
import { DecisionForm } from '../components/DecisionForm.js';
import { DecisionListItem } from '../components/DecisionListItem.js';
import { DecisionProgressNote } from '../components/DecisionProgressNote.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useAsync } from '../lib/useAsync.js';
import { useFocusOnClose } from '../lib/useFocusOnClose.js';
import { useWorkspaceEvent, useWorkspaceResync } from '../realtime/RealtimeContext.js';

interface Props {
  workspaceId: string;
  documentId: string;
  permissions: Permissions;
}

/** The section; nothing but its heading, a line and the button while the plan has no decision. */
export function PlanDecisions({ workspaceId, documentId, permissions }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const register = useAsync((signal) => decisionRegister(workspaceId, { documentId }, signal), [workspaceId, documentId]);
  useWorkspaceEvent(workspaceId, 'decision:created', register.reload);
  useWorkspaceEvent(workspaceId, 'decision:updated', register.reload);
  useWorkspaceEvent(workspaceId, 'stance:recorded', register.reload);
  useWorkspaceEvent(workspaceId, 'action:updated', register.reload);
  useWorkspaceResync(workspaceId, register.reload);
  const about = register.data?.decisions ?? [];
  const [proposing, setProposing] = useState(false);
  const proposeButton = useFocusOnClose<HTMLButtonElement>(proposing);

  return (
    <section className="card plan-decisions" aria-labelledby={`${uid}-head`} data-testid="plan-decisions">
      <div className="section-head">
        <h2 id={`${uid}-head`}>
          {t('planDecisions.title')} {register.data && <span className="count">{about.length}</span>}
        </h2>
        {permissions.canPropose && !proposing && (
          <button ref={proposeButton} type="button" className="btn btn-secondary btn-small" onClick={() => setProposing(true)}>
            {t('planDecisions.propose')}
          </button>
        )}
      </div>
      <ErrorNotice error={register.error} onRetry={register.reload} compact />
      {register.data && about.length === 0 && <p className="muted">{t('planDecisions.none')}</p>}
      {about.length > 0 && (
        <ul className="item-list">
          {about.map((d) => (
            <DecisionListItem key={d.id} workspaceId={workspaceId} decision={d}>
              {register.data?.progress[d.id] && (
                <p className="item-meta">
                  <DecisionProgressNote progress={register.data.progress[d.id]} open={d.status === 'proposed'} />
                </p>
              )}
            </DecisionListItem>
          ))}
        </ul>
      )}
      {proposing && (
        <>
          <DecisionForm
            workspaceId={workspaceId}
            documentId={documentId}
            onCreated={() => {
              setProposing(false);
              register.reload();
            }}
          />
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setProposing(false)}>
            {t('common.cancel')}
          </button>
        </>
      )}
    </section>
  );
}

/** Decisions recorded in a meeting, live, with the form to record one from the current item; once closed, as the minutes froze them. */
import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { decisionRegister, listActions } from '../api/decisions.js';
import type { DecisionStatus } from '../../shared/constants.js';
import type { Decision, DecisionAction, Meeting, Member } from '../api/types.js';
import { useAsync } from '../lib/useAsync.js';
import { useWorkspaceEvent, useWorkspaceResync } from '../realtime/RealtimeContext.js';
import { DecisionActions } from './DecisionActions.js';
import { DecisionForm } from './DecisionForm.js';
import { DecisionListItem } from './DecisionListItem.js';
import { DecisionProgressNote } from './DecisionProgressNote.js';
import { ErrorNotice } from './ErrorNotice.js';

/** The agenda item a decision form is for: its place on the agenda and its title then (null: the meeting had none). */
interface FormItem {
  index: number | null;
  title: string | null;
}

/**
 * `canRecord`: members and facilitators; the form shows while the meeting is live, and stays after it
 * closes only if it holds input (then offering to record it outside the meeting). `onMeetingClosed`: a
 * decision was refused because the meeting has closed, so the page can catch up.
 */
export function MeetingDecisions({
  meeting,
  canRecord,
  onMeetingClosed,
  members,
  groupOrganizationIds,
}: {
  meeting: Meeting;
  canRecord: boolean;
  onMeetingClosed?: () => void;
  /** The group's members and organizations: who may carry an action agreed in the meeting, and its owners offered first. */
  members?: readonly Member[];
  groupOrganizationIds?: readonly string[];
}) {
  const { t } = useTranslation();
  const uid = useId();
  const ws = meeting.workspaceId;
  // Whether the form holds input: if so it outlives the meeting's close, so nothing typed is lost.
  const [holding, setHolding] = useState(false);
  // A decision recorded outside the meeting after it closed: it is not in this list, so say where it went.
  const [outside, setOutside] = useState<Decision | null>(null);
  // The log is per working group and small; filtering here avoids a route the contract does not define.
  const decisions = useAsync((signal) => decisionRegister(ws, {}, signal), [ws]);
  useWorkspaceEvent(ws, 'decision:created', decisions.reload);
  useWorkspaceResync(ws, decisions.reload);
  useWorkspaceEvent(ws, 'decision:updated', decisions.reload);
  // While the meeting runs, the room watches stances come in and actions get owners.
  const reloadWhileLive = () => meeting.status === 'live' && decisions.reload();
  useWorkspaceEvent(ws, 'stance:recorded', reloadWhileLive);
  useWorkspaceEvent(ws, 'action:updated', reloadWhileLive);
  // The follow-up actions agreed for each decision, added and followed from here while the meeting runs.
  const followUps = useAsync((signal) => (meeting.status === 'live' ? listActions(ws, {}, signal) : Promise.resolve([])), [ws, meeting.status]);
  useWorkspaceEvent(ws, 'action:updated', () => meeting.status === 'live' && followUps.reload());
  useWorkspaceResync(ws, followUps.reload);
  const actionsByDecision = new Map<string, DecisionAction[]>();
  for (const a of followUps.data ?? []) if (a.decisionId) actionsByDecision.set(a.decisionId, [...(actionsByDecision.get(a.decisionId) ?? []), a]);
  const all = decisions.data?.decisions;
  const progress = decisions.data?.progress;
  const live = (all ?? []).filter((d) => d.meetingId === meeting.id);
  // A closed meeting shows what its minutes froze (they never change), and where a decision stands now if it moved on.
  const frozen = meeting.status === 'closed' ? meeting.minutes?.decisions : undefined;
  const nowById = new Map((all ?? []).map((d) => [d.id, d]));
  const mine = frozen ?? live;
  const item = meeting.currentItem !== null ? meeting.agenda[meeting.currentItem] : undefined;
  const current: FormItem = { index: meeting.currentItem, title: item ? item.title : null };
  // The item the form was started for. It follows the meeting while the form is empty, and stays while it holds
  // input: a decision half typed when the facilitator moved on used to be wiped with the form.
  const [formItem, setFormItem] = useState<FormItem>(current);
  if (!holding && (formItem.index !== current.index || formItem.title !== current.title)) setFormItem(current);
  const earlierItem = meeting.status === 'live' && formItem.index !== current.index && formItem.title !== null && current.title !== null;
  // The decision form's place (the list above it holds the decisions' own action forms).
  const formPlace = useRef<HTMLDivElement>(null);
  // Letting the draft go: the form starts afresh from the item under way, and the keyboard lands in its title (its first field).
  const moveOn = () => {
    flushSync(() => {
      setHolding(false);
      setFormItem(current);
    });
    formPlace.current?.querySelector<HTMLInputElement>('form input')?.focus();
  };
  // Say when and how decisions get here: before the meeting, during it (form below), or that none were taken.
  const liveKey = item ? 'meetings.noDecisionsLive' : 'meetings.noDecisionsLiveNoItem';
  const emptyKey =
    meeting.status === 'cancelled' ? 'meetings.noDecisionsCancelled' : meeting.status === 'scheduled' ? 'meetings.noDecisionsScheduled' : meeting.status === 'live' && canRecord ? liveKey : 'meetings.noDecisions';

  return (
    <section className="card" aria-labelledby={`${uid}-head`}>
      <h2 id={`${uid}-head`}>{t('meetings.decisions')}</h2>
      <ErrorNotice error={decisions.error} onRetry={decisions.reload} compact />
      {(frozen || all) && mine.length === 0 && <p className="empty">{t(emptyKey)}</p>}
      {frozen && frozen.length > 0 && <p className="small muted">{t('meetings.asInMinutes')}</p>}
      {mine.length > 0 && (
        <ul className="item-list" data-testid="meeting-decisions">
          {mine.map((d) => (
            <DecisionListItem key={d.id} workspaceId={ws} decision={d} after={frozen && <StatusNow then={d.status} now={nowById.get(d.id)?.status} />}>
              {!frozen && progress?.[d.id] && (
                <p className="item-meta">
                  <DecisionProgressNote progress={progress[d.id]} open={d.status === 'proposed'} />
                </p>
              )}
              {meeting.status === 'live' && followUps.data && (
                <details className="meeting-decision-actions" data-testid="meeting-decision-actions">
                  <summary>{t('meetings.decisionActions', { n: actionsByDecision.get(d.id)?.length ?? 0 })}</summary>
                  <DecisionActions
                    decisionId={d.id}
                    actions={actionsByDecision.get(d.id) ?? []}
                    canEdit={canRecord}
                    onChanged={followUps.reload}
                    groupOrganizationIds={groupOrganizationIds}
                    members={members ?? []}
                  />
                </details>
              )}
            </DecisionListItem>
          ))}
        </ul>
      )}
      {outside && (
        <div className="notice notice-info notice-compact" role="status">
          <p>
            {t('meetings.recordedOutside')}{' '}
            <Link to={`/w/${ws}/decisions/${outside.id}`}>
              {outside.ref} · {outside.title}
            </Link>
          </p>
        </div>
      )}
      {canRecord && earlierItem && (
        <div className="notice notice-info notice-compact">
          <p role="status">{t('meetings.draftForEarlierItem', { from: formItem.title, to: current.title })}</p>
          <button type="button" className="btn btn-secondary btn-small" onClick={moveOn}>
            {t('meetings.discardDraftMoveOn', { to: current.title })}
          </button>
        </div>
      )}
      {/* A meeting without an agenda (possible through the API) still takes decisions, with an empty title to fill. */}
      <div ref={formPlace}>
        {canRecord && (meeting.status === 'live' || (meeting.status === 'closed' && holding)) && (
          <DecisionForm
            key={`${formItem.index ?? 'none'}:${formItem.title ?? ''}`}
            workspaceId={ws}
            meetingItem={{ meetingId: meeting.id, itemTitle: formItem.title }}
            meetingClosed={meeting.status === 'closed'}
            onHoldingChange={setHolding}
            onMeetingClosed={onMeetingClosed}
            onCreated={(d) => {
              if (d.meetingId !== meeting.id) setOutside(d);
              decisions.reload();
            }}
          />
        )}
      </div>
    </section>
  );
}

/** A frozen decision's status today, when it has moved on since the minutes. */
function StatusNow({ then, now }: { then: DecisionStatus; now: DecisionStatus | undefined }) {
  const { t } = useTranslation();
  if (!now || now === then) return null;
  return (
    <span className="small muted" data-testid="status-now">
      {t('meetings.statusNow', { status: t(`decisionStatus.${now}`) })}
    </span>
  );
}

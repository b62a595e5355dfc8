/**
 * Where a decision comes from: the meeting it was recorded in and the plan it is about, each named and linked (the
 * decision stored both, and its page showed neither).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getMeeting } from '../api/meetings.js';
import type { Decision } from '../api/types.js';
import { getDocument } from '../api/workspaces.js';
import { useAsync } from '../lib/useAsync.js';

/** "Registrada en la reunión …", "Sobre el plan …" (items of the meta line), or nothing for a decision with neither. */
export function DecisionOrigins({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const { meetingId, documentId, workspaceId } = decision;
  const meeting = useAsync((signal) => (meetingId ? getMeeting(meetingId, signal) : Promise.resolve(null)), [meetingId]);
  const plan = useAsync((signal) => (documentId ? getDocument(documentId, signal) : Promise.resolve(null)), [documentId]);
  if (!meetingId && !documentId) return null;
  const ws = encodeURIComponent(workspaceId);
  return (
    <p className="item-meta small" data-testid="decision-origins">
      {meetingId && (
        <span>
          {t('decisions.recordedInMeeting')}{' '}
          <Link to={`/w/${ws}/meetings/${encodeURIComponent(meetingId)}`}>{meeting.data?.title ?? t('decisions.theMeeting')}</Link>
        </span>
      )}
      {documentId && (
        <span>
          {t('decisions.aboutPlan')}{' '}
          <Link to={`/w/${ws}/d/${encodeURIComponent(documentId)}`}>{plan.data?.title ?? t('decisions.thePlan')}</Link>
        </span>
      )}
    </p>
  );
}

/** The home page's "needs attention" line under a working group: each count links to where it is dealt with. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkspaceAttention as Attention } from '../../shared/attention.js';

/** Nothing when nothing awaits the caller in this group. */
export function WorkspaceAttention({ attention: a }: { attention: Attention | undefined }) {
  const { t } = useTranslation();
  if (!a) return null;
  const ws = `/w/${encodeURIComponent(a.workspaceId)}`;
  const items: { key: string; to: string; text: string; urgent?: boolean }[] = [];
  if (a.liveMeeting) items.push({ key: 'live', to: `${ws}/meetings/${encodeURIComponent(a.liveMeeting.id)}`, text: t('attention.liveMeeting', { title: a.liveMeeting.title }), urgent: true });
  if (a.pendingStances) items.push({ key: 'stances', to: `${ws}/decisions`, text: t('attention.pendingStances', { count: a.pendingStances }) });
  if (a.overdueActions) items.push({ key: 'overdue', to: `${ws}/actions?overdue=1&mine=1`, text: t('attention.overdueActions', { count: a.overdueActions }), urgent: true });
  if (a.changedPlans) items.push({ key: 'plans', to: ws, text: t('attention.changedPlans', { count: a.changedPlans }) });
  if (a.unread) items.push({ key: 'unread', to: '/inbox', text: t('attention.unread', { count: a.unread }) });
  if (items.length === 0) return null;
  return (
    <ul className="attention-list" aria-label={t('attention.label')} data-testid="workspace-attention">
      {items.map((i) => (
        <li key={i.key}>
          <Link to={i.to} className={`attention-item${i.urgent ? ' is-urgent' : ''}`}>
            {i.text}
          </Link>
        </li>
      ))}
    </ul>
  );
}

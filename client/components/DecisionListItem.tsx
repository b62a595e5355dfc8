/** One decision in a list (the group's log, a plan's decisions, a meeting's): ref, title linking to it, status. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Decision } from '../api/types.js';

interface Props {
  workspaceId: string;
  decision: Pick<Decision, 'id' | 'ref' | 'title' | 'status'>;
  /** Under the title: details (owner, due date, progress), a meeting's actions. */
  children?: ReactNode;
  /** After the status (a closed meeting's "status now"). */
  after?: ReactNode;
}

/** The `li`; the caller gives the key. */
export function DecisionListItem({ workspaceId, decision: d, children, after }: Props) {
  const { t } = useTranslation();
  return (
    <li className="item">
      <span className="ref">{d.ref}</span>
      <div className="item-main">
        <Link className="item-title" to={`/w/${workspaceId}/decisions/${d.id}`}>
          {d.title}
        </Link>
        {children}
      </div>
      <span className={`status status-${d.status}`}>{t(`decisionStatus.${d.status}`)}</span>
      {after}
    </li>
  );
}

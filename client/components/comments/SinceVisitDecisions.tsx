/** The since-your-last-visit line for the plan's decisions: how many have news, each ref a link to its decision. */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DecisionSinceVisit } from '../../../shared/sinceVisit.js';

/** One list item: «2 decisiones nuevas o actualizadas: D-3, D-4», the title shown on hovering a ref. */
export function SinceVisitDecisions({ workspaceId, decisions }: { workspaceId: string; decisions: readonly DecisionSinceVisit[] }) {
  const { t } = useTranslation();
  return (
    <li data-testid="since-visit-decisions">
      {t('comments.sinceDecisions', { count: decisions.length })}{' '}
      {decisions.map((d, i) => (
        <Fragment key={d.id}>
          {i > 0 && ', '}
          <Link to={`/w/${encodeURIComponent(workspaceId)}/decisions/${encodeURIComponent(d.id)}`} title={d.title} data-testid="since-visit-decision">
            {d.ref}
          </Link>
        </Fragment>
      ))}
    </li>
  );
}

/** Which decision replaced this one, and which ones it replaced, each named and linked. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Decision } from '../api/types.js';

/** "Sustituida por D-5 …", "Sustituye a D-2 …" (items of the meta line), or nothing when no replacement is named. */
export function DecisionReplacements({ decision, groupDecisions }: { decision: Decision; groupDecisions: Decision[] | undefined }) {
  const { t } = useTranslation();
  const byId = new Map((groupDecisions ?? []).map((o) => [o.id, o]));
  const replacedBy = decision.status === 'superseded' && decision.supersededById ? decision.supersededById : null;
  const replaces = (groupDecisions ?? []).filter((o) => o.status === 'superseded' && o.supersededById === decision.id);
  if (!replacedBy && !replaces.length) return null;
  const ws = encodeURIComponent(decision.workspaceId);
  const link = (id: string) => {
    const o = byId.get(id);
    return (
      <Link key={id} to={`/w/${ws}/decisions/${encodeURIComponent(id)}`}>
        {o ? `${o.ref} · ${o.title}` : t('decisions.theDecision')}
      </Link>
    );
  };
  return (
    <p className="item-meta small" data-testid="decision-replacements">
      {replacedBy && (
        <span>
          {t('decisions.replacedBy')} {link(replacedBy)}
        </span>
      )}
      {replaces.length > 0 && (
        <span>
          {t('decisions.replaces')}{' '}
          {replaces.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ', '}
              {link(o.id)}
            </span>
          ))}
        </span>
      )}
    </p>
  );
}

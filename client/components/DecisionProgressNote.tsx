/** A decision's progress in its group's register: stances cast so far, and follow-up actions still open. */
import { useTranslation } from 'react-i18next';
import type { DecisionProgress } from '../api/types.js';
import { useFormat } from '../lib/format.js';

/** "Posturas: 2 de 3 · 2 acciones abiertas (1 vencida)"; stances only while the decision is open or once any were cast. */
export function DecisionProgressNote({ progress, open }: { progress: DecisionProgress; open: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { stances, organizations, openActions, overdueActions } = progress;
  const showStances = organizations > 0 && (open || stances > 0);
  if (!showStances && openActions === 0) return null;
  return (
    <>
      {showStances && (
        <span data-testid="decision-stance-progress" className={open && stances === organizations ? 'decision-progress-complete' : undefined}>
          {t('decisions.progress.stances', { cast: fmt.number(stances), total: fmt.number(organizations) })}
        </span>
      )}
      {openActions > 0 && (
        <span data-testid="decision-action-progress">
          {t('decisions.progress.openActions', { count: openActions, n: fmt.number(openActions) })}
          {overdueActions > 0 && (
            <>
              {' '}
              <span className="tag tag-overdue">{t('decisions.progress.overdueActions', { count: overdueActions, n: fmt.number(overdueActions) })}</span>
            </>
          )}
        </span>
      )}
    </>
  );
}

/** Tells the person whose cell value a concurrent change replaced (see lostCellValues), and offers to put it back. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { activityIdOf, type ActivityKey } from '../../shared/planModel.js';
import { useFormat } from '../lib/format.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { watchLostCellValues, type LostCellValue } from './lostCellValues.js';

/** Notices kept at once: the latest. A long offline spell can lose many; each says which row and field. */
const MAX_SHOWN = 5;

/** The notices of lost cell values in the plan's activities, while the table is editable. */
export function LostCellNotice({ ydoc, activities, editable }: { ydoc: Y.Doc; activities: Y.Array<Y.Map<unknown>>; editable: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const orgs = useOrganizations();
  const [lost, setLost] = useState<LostCellValue[]>([]);
  useEffect(() => {
    if (!editable) return;
    return watchLostCellValues(ydoc, (l) => setLost((prev) => [...prev.filter((p) => p.activityId !== l.activityId || p.key !== l.key), l].slice(-MAX_SHOWN)));
  }, [ydoc, editable]);
  if (!lost.length) return null;

  const shown = (key: ActivityKey, value: string): string => {
    if (!value) return t('activities.lostValueEmpty');
    if (key === 'status') return t(`activityStatus.${value}`, { defaultValue: value });
    if (key === 'mandateArea') return t(`mandateAreas.${value}`, { defaultValue: value });
    if (key === 'leadOrganizationId') return orgs.label(value);
    return fmt.date(value);
  };
  const rowOf = (activityId: string) => activities.toArray().find((r) => activityIdOf(r) === activityId);
  const dismiss = (l: LostCellValue) => setLost((prev) => prev.filter((p) => p !== l));
  const putBack = (l: LostCellValue) => {
    const row = rowOf(l.activityId);
    if (row) ydoc.transact(() => row.set(l.key, l.ours));
    dismiss(l);
  };
  return (
    <div className="lost-cells" data-testid="lost-cell-notices">
      {lost.map((l) => {
        const row = rowOf(l.activityId);
        const title = (typeof row?.get('title') === 'string' ? (row.get('title') as string).trim() : '') || t('activities.untitled');
        const vars = { field: t(`activities.fields.${l.key}`), title, ours: shown(l.key, l.ours), theirs: shown(l.key, l.theirs) };
        return (
          <div key={`${l.activityId}:${l.key}`} className="notice notice-warning" role="alert" data-testid="lost-cell-notice">
            <p>{t('activities.lostValue', vars)}</p>
            <div className="actions-cell">
              {/* Not focused on its own: the alert is read out, and someone typing would press it by accident. */}
              {row && (
                <button type="button" className="btn btn-primary btn-small" onClick={() => putBack(l)}>
                  {t('activities.lostValuePutBack', { ours: vars.ours })}
                </button>
              )}
              <button type="button" className="btn btn-ghost btn-small" onClick={() => dismiss(l)}>
                {t('activities.lostValueKeep', { theirs: vars.theirs })}
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}

/**
 * The words of the activities table, translated once per interface language and shared by every row: each row
 * translating its own labels and rebuilding its option lists cost more than a second per ten keystrokes on big plans.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ACTIVITY_STATUSES, MANDATE_AREAS, STATES, type ActivityStatus, type MandateArea } from '../../shared/constants.js';
import { ACTIVITY_KEYS, type ActivityKey } from '../../shared/planModel.js';
import type { Option } from '../components/MultiSelect.js';
import { cellCommentKeys } from './cellComments.js';

/** Everything a row says, in one language. */
export interface ActivityRowTexts {
  /** Column names by field. */
  fields: Readonly<Record<ActivityKey, string>>;
  mandateAreaOptions: ReadonlyArray<{ value: string; label: string }>;
  statusOptions: ReadonlyArray<{ value: string; label: string }>;
  mandateArea(area: MandateArea): string;
  status(status: ActivityStatus): string;
  /** "Título, actividad 3": a cell's accessible name. */
  cellLabel(field: ActivityKey, n: number): string;
  removeNamed(n: number): string;
  /** The confirming button's accessible name: which row it removes. */
  confirmRemoveNamed(n: number): string;
  untitled: string;
  changedSinceVisit: string;
  addedSinceVisit: string;
  /** Said, not shown, in a cell others changed since the reader's last visit. */
  cellChangedSinceVisit: string;
  endBeforeStart: string;
  remove: string;
  confirmRemove: string;
  cancel: string;
  /** A cell's comment button: "Comentar esta celda". */
  commentCell: string;
  /** Its tooltip, naming the shortcut. */
  commentCellHint: string;
  /** The row's comment button's accessible name. */
  commentRow(n: number): string;
}

// The collapsed cell names the states ("Chiapas, Sonora"); the list keeps the INEGI code beside each name.
export const STATE_OPTIONS: Option[] = STATES.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}`, short: s.name }));

/** Stand-ins that no translation contains: a label with a row number is translated once and filled in per row. */
const FIELD_SLOT = '\u0001';
const N_SLOT = '\u0002';

function build(t: TFunction): ActivityRowTexts {
  const fields = Object.fromEntries(ACTIVITY_KEYS.map((k) => [k, t(`activities.fields.${k}`)])) as Record<ActivityKey, string>;
  const areaNames = new Map(MANDATE_AREAS.map((m) => [m, t(`mandateAreas.${m}`)]));
  const statusNames = new Map(ACTIVITY_STATUSES.map((s) => [s, t(`activityStatus.${s}`)]));
  const cellLabel = t('activities.cellLabel', { field: FIELD_SLOT, n: N_SLOT });
  const removeNamed = t('activities.removeNamed', { n: N_SLOT });
  const confirmRemoveNamed = t('activities.confirmRemoveNamed', { n: N_SLOT });
  const commentRow = t('activities.commentRow', { n: N_SLOT });
  return {
    fields,
    mandateAreaOptions: MANDATE_AREAS.map((m) => ({ value: m, label: areaNames.get(m) ?? m })),
    statusOptions: ACTIVITY_STATUSES.map((s) => ({ value: s, label: statusNames.get(s) ?? s })),
    mandateArea: (area) => areaNames.get(area) ?? area,
    status: (status) => statusNames.get(status) ?? status,
    cellLabel: (field, n) => cellLabel.replace(FIELD_SLOT, () => fields[field]).replace(N_SLOT, String(n)),
    removeNamed: (n) => removeNamed.replace(N_SLOT, String(n)),
    confirmRemoveNamed: (n) => confirmRemoveNamed.replace(N_SLOT, String(n)),
    untitled: t('activities.untitled'),
    changedSinceVisit: t('activities.changedSinceVisit'),
    addedSinceVisit: t('activities.addedSinceVisit'),
    cellChangedSinceVisit: t('activities.cellChangedSinceVisit'),
    endBeforeStart: t('activities.endBeforeStart'),
    remove: t('activities.remove'),
    confirmRemove: t('activities.confirmRemove'),
    cancel: t('common.cancel'),
    commentCell: t('activities.commentCell'),
    commentCellHint: t('activities.commentCellHint', { keys: cellCommentKeys() }),
    commentRow: (n) => commentRow.replace(N_SLOT, String(n)),
  };
}

/** The table's words in the current language (a new object only when the language changes). */
export function useActivityRowTexts(): ActivityRowTexts {
  const { t, i18n } = useTranslation();
  // `t` is stable per language; the language is named too so a switch rebuilds even if `t` were not.
  return useMemo(() => build(t), [t, i18n.language]);
}

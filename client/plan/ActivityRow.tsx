/**
 * One activity of the plan as a table row, editing the row's Y.Map field by field. Memoized: it re-renders only when
 * its own snapshot (a new object after a change to this row), its position or the shared table props change.
 */
import { memo, useCallback, useEffect, useMemo } from 'react';
import type * as Y from 'yjs';
import { ACTIVITY_KEYS, type Activity, type ActivityKey } from '../../shared/planModel.js';
import { municipalityLabel } from '../../shared/municipalities.js';
import { ClonedOptionsSelect } from '../components/ClonedOptionsSelect.js';
import { WHOLE_ACTIVITY, type RowThreads } from '../components/comments/cellThreads.js';
import type { SinceVisitMark } from '../components/comments/sinceVisitMarks.js';
import { MultiSelect, type Option } from '../components/MultiSelect.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { useFormat } from '../lib/format.js';
import { DateCell, MunicipalityCell, SelectCell, TextCell, writeField } from './activityCells.js';
import { stateName } from '../../shared/municipalities.js';
import { STATE_OPTIONS, type ActivityRowTexts } from './activityRowTexts.js';
import { RemoveActivityCell } from './RemoveActivityCell.js';
import { ActivityCell } from './ActivityCell.js';
import { RowNumberCell } from './RowNumberCell.js';
import type { CellCommentActions } from './cellComments.js';

/** The organizations a row offers, shared by every row of the table. */
export interface RowOrganizations {
  options: Option[];
  /** The ids of `options`. */
  known: ReadonlySet<string>;
  /** Stands for an organization a row names that the directory lacks ("…" while the directory loads). */
  missingLabel: string;
  /** Asks the directory to load again for ids it lacks (see OrganizationsContext). */
  lookUp: (ids: readonly string[]) => void;
}

/**
 * `options`, plus a stand-in for each chosen id they lack: an agency created after this page loaded the directory, or
 * one written by another client. Without it a lead showed as a blank select, a partner was not shown, and ticking
 * another partner wrote the list without it, taking away what someone else had chosen.
 */
function withChosen(options: Option[], known: ReadonlySet<string>, chosen: readonly string[], missingLabel: string): Option[] {
  const missing = chosen.filter((id) => !known.has(id));
  if (!missing.length) return options;
  return [...options, ...missing.map((id) => ({ value: id, label: missingLabel, short: missingLabel, disabled: true }))];
}

interface Props {
  row: Y.Map<unknown>;
  /** The row's key in the table (its activity id, or its position when it has none). */
  rowKey: string;
  /** Its row number for assistive technology when the table shows only some rows (1 is the header). */
  ariaRowIndex?: number;
  /** What the row holds now (see activityRowsStore). */
  activity: Activity;
  index: number;
  editable: boolean;
  organizations: RowOrganizations;
  texts: ActivityRowTexts;
  onRemove: (row: Y.Map<unknown>) => void;
  /** Added or changed since the reader's last visit: marked with a tag saying which and a highlight, and focusable (the notice leads here). */
  sinceVisit?: SinceVisitMark;
  /** The fields others changed since the reader's last visit: their cells are marked (the same array while it stands). */
  changedFields?: readonly string[];
  /** The comment margin's open thread is about this activity: highlighted and focusable (the thread leads here). */
  commented?: boolean;
  /** And about this cell of it: outlined (none: the whole activity, whose number cell is outlined). */
  commentedField?: string;
  /** Commenting on a cell or the row, and opening a cell's or the whole activity's threads (absent without a plan to comment on). */
  comments?: CellCommentActions;
  /** The row's open threads about its cells and the whole activity, for their markers (the same object while they stand). */
  rowThreads?: RowThreads;
}

/** The row; read-only viewers see formatted values instead of inputs. */
export const ActivityRow = memo(function ActivityRow(props: Props) {
  const { row, rowKey, ariaRowIndex, activity: a, index, editable, organizations, texts, onRemove, sinceVisit, changedFields, commented = false, commentedField, comments, rowThreads } = props;
  const fmt = useFormat();
  const n = index + 1;
  const base = `act-${a.id || index}`;
  // Translated once per row position and language, not on every render of the row.
  const labels = useMemo(() => Object.fromEntries(ACTIVITY_KEYS.map((k) => [k, texts.cellLabel(k, n)])) as Record<ActivityKey, string>, [texts, n]);
  const set = useCallback((key: ActivityKey) => (v: string | string[], shown?: string) => writeField(row, key, v, shown), [row]);
  // The lead is not also a partner (the matrix read "FEJ | FEJ, GDL"): it is not offered as one, and an organization
  // made lead leaves the partners. A row that already holds it as both (written elsewhere) still shows it, to untick.
  const partners = a.partnerOrganizationIds;
  const lead = a.leadOrganizationId;
  const { options: orgOptions, known, missingLabel, lookUp } = organizations;
  const partnerOptions = useMemo(
    () => withChosen(orgOptions.filter((o) => o.value !== lead || partners.includes(o.value)), known, partners, missingLabel),
    [orgOptions, known, lead, partners, missingLabel],
  );
  const leadOptions = useMemo(() => withChosen(orgOptions, known, lead ? [lead] : [], missingLabel), [orgOptions, known, lead, missingLabel]);
  useEffect(() => {
    const missing = [...(lead ? [lead] : []), ...partners].filter((id) => !known.has(id));
    if (missing.length) lookUp(missing);
  }, [lead, partners, known, lookUp]);
  const setLead = useCallback(
    (lead: string) => {
      writeField(row, 'leadOrganizationId', lead);
      if (lead && partners.includes(lead)) writeField(row, 'partnerOrganizationIds', partners.filter((id) => id !== lead));
    },
    [row, partners],
  );
  const remove = useCallback(() => onRemove(row), [onRemove, row]);
  const classes = [sinceVisit && 'activity-changed', commented && 'activity-commented'].filter(Boolean).join(' ');
  const rowProps = {
    'data-testid': 'activity-row',
    'data-activity-id': a.id,
    'data-row-key': rowKey,
    ...(ariaRowIndex !== undefined ? { 'aria-rowindex': ariaRowIndex } : {}),
    ...(classes ? { className: classes, tabIndex: -1 } : {}),
    ...(sinceVisit ? { 'data-changed-since-visit': 'true', 'data-since-visit': sinceVisit } : {}),
    ...(commented ? { 'data-commented': 'true' } : {}),
  };
  // In words, not only a colour: read with the row's title.
  const changedTag = sinceVisit ? <span className="tag tag-changed">{sinceVisit === 'added' ? texts.addedSinceVisit : texts.changedSinceVisit}</span> : null;

  // The cells' comments: only rows with an id can be named by one.
  // `active`: the key of the open thread's cell, as `rowThreads` keys them (WHOLE_ACTIVITY for the number cell).
  const active = commented ? commentedField || WHOLE_ACTIVITY : undefined;
  const cc = { comments: comments && a.id ? { activityId: a.id, actions: comments, threads: rowThreads, active, texts } : undefined, readOnly: !editable, changedFields, changedNote: texts.cellChangedSinceVisit };

  if (!editable) {
    return (
      <tr {...rowProps}>
        <RowNumberCell n={n} title={a.title || texts.untitled} comments={cc.comments} />
        <ActivityCell header field="title" label={labels.title} className="sticky-col col-title" {...cc}>
          {a.title || <span className="muted">{texts.untitled}</span>}
          {changedTag}
        </ActivityCell>
        <ActivityCell field="description" label={labels.description} {...cc}>{a.description}</ActivityCell>
        <ActivityCell field="leadOrganizationId" label={labels.leadOrganizationId} {...cc}><OrgBadge id={a.leadOrganizationId} /></ActivityCell>
        <ActivityCell field="partnerOrganizationIds" label={labels.partnerOrganizationIds} {...cc}>{a.partnerOrganizationIds.map((id) => <OrgBadge key={id} id={id} />)}</ActivityCell>
        <ActivityCell field="mandateArea" label={labels.mandateArea} {...cc}>{a.mandateArea ? texts.mandateArea(a.mandateArea) : '—'}</ActivityCell>
        <ActivityCell field="stateCodes" label={labels.stateCodes} {...cc}>{a.stateCodes.map(stateName).join(', ') || '—'}</ActivityCell>
        <ActivityCell field="municipalityCodes" label={labels.municipalityCodes} {...cc}>{a.municipalityCodes.map(municipalityLabel).join(', ') || '—'}</ActivityCell>
        <ActivityCell field="startDate" label={labels.startDate} {...cc}>{fmt.date(a.startDate)}</ActivityCell>
        <ActivityCell field="endDate" label={labels.endDate} {...cc}>{fmt.date(a.endDate)}</ActivityCell>
        <ActivityCell field="status" label={labels.status} {...cc}><span className={`status status-${a.status}`}>{texts.status(a.status)}</span></ActivityCell>
        <ActivityCell field="target" label={labels.target} {...cc}>{a.target}</ActivityCell>
        <ActivityCell field="indicator" label={labels.indicator} {...cc}>{a.indicator}</ActivityCell>
      </tr>
    );
  }

  return (
    <tr {...rowProps}>
      <RowNumberCell n={n} title={a.title || texts.untitled} comments={cc.comments} />
      <ActivityCell field="title" label={labels.title} className="sticky-col col-title" {...cc}>
        <TextCell id={`${base}-title`} label={labels.title} field="title" value={a.title} onCommit={set('title')} showFullText />
        {changedTag}
      </ActivityCell>
      <ActivityCell field="description" label={labels.description} {...cc}>
        <TextCell id={`${base}-description`} label={labels.description} field="description" value={a.description} onCommit={set('description')} multiline />
      </ActivityCell>
      <ActivityCell field="leadOrganizationId" label={labels.leadOrganizationId} {...cc}>
        <ClonedOptionsSelect id={`${base}-lead`} label={labels.leadOrganizationId} field="leadOrganizationId" value={lead ?? ''} options={leadOptions} emptyLabel="—" onCommit={setLead} />
      </ActivityCell>
      <ActivityCell field="partnerOrganizationIds" label={labels.partnerOrganizationIds} {...cc}>
        <MultiSelect label={labels.partnerOrganizationIds} field="partnerOrganizationIds" options={partnerOptions} value={a.partnerOrganizationIds} onChange={set('partnerOrganizationIds')} />
      </ActivityCell>
      <ActivityCell field="mandateArea" label={labels.mandateArea} {...cc}>
        <SelectCell id={`${base}-area`} label={labels.mandateArea} field="mandateArea" value={a.mandateArea ?? ''} options={texts.mandateAreaOptions} emptyLabel="—" onCommit={set('mandateArea')} />
      </ActivityCell>
      <ActivityCell field="stateCodes" label={labels.stateCodes} {...cc}>
        <MultiSelect label={labels.stateCodes} field="stateCodes" options={STATE_OPTIONS} value={a.stateCodes} onChange={set('stateCodes')} />
      </ActivityCell>
      <ActivityCell field="municipalityCodes" label={labels.municipalityCodes} {...cc}>
        <MunicipalityCell id={`${base}-municipalities`} label={labels.municipalityCodes} value={a.municipalityCodes} states={a.stateCodes} onCommit={set('municipalityCodes')} />
      </ActivityCell>
      <ActivityCell field="startDate" label={labels.startDate} {...cc}>
        <DateCell id={`${base}-start`} label={labels.startDate} field="startDate" value={a.startDate ?? ''} max={a.endDate ?? undefined} onCommit={set('startDate')} />
      </ActivityCell>
      <ActivityCell field="endDate" label={labels.endDate} {...cc}>
        <DateCell
          id={`${base}-end`}
          label={labels.endDate}
          field="endDate"
          value={a.endDate ?? ''}
          min={a.startDate ?? undefined}
          error={a.startDate && a.endDate && a.endDate < a.startDate ? texts.endBeforeStart : undefined}
          onCommit={set('endDate')}
        />
      </ActivityCell>
      <ActivityCell field="status" label={labels.status} {...cc}>
        <SelectCell id={`${base}-status`} label={labels.status} field="status" value={a.status} options={texts.statusOptions} onCommit={set('status')} />
      </ActivityCell>
      <ActivityCell field="target" label={labels.target} {...cc}>
        <TextCell id={`${base}-target`} label={labels.target} field="target" value={a.target} onCommit={set('target')} showFullText />
      </ActivityCell>
      <ActivityCell field="indicator" label={labels.indicator} {...cc}>
        <TextCell id={`${base}-indicator`} label={labels.indicator} field="indicator" value={a.indicator} onCommit={set('indicator')} showFullText />
      </ActivityCell>
      <RemoveActivityCell n={n} texts={texts} onRemove={remove} />
    </tr>
  );
});

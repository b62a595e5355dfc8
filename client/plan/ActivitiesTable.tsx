/** The plan's activities, co-edited live on `Y.Array('activities')`. */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import * as Y from 'yjs';
import { DEFAULT_LIMITS } from '../../shared/constants.js';
import { ACTIVITY_KEYS, getActivities } from '../../shared/planModel.js';
import { useChangedActivities, useChangedFields } from '../components/comments/sinceVisitMarks.js';
import type { Option } from '../components/MultiSelect.js';
import { useFormat } from '../lib/format.js';
import { focusPast } from '../lib/skipPast.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { ActivityRow, type RowOrganizations } from './ActivityRow.js';
import { ActivitySearch } from './ActivitySearch.js';
import { useActivityRows } from './activityRowsStore.js';
import { useActivityRowTexts } from './activityRowTexts.js';
import { useActivityFilter } from './activityFilter.js';
import { registerActivityRowFinder, withActivityRow } from './activityRowReveal.js';
import { attachCellUndo, handleCellUndoKey, type CellUndo } from './cellUndo.js';
import { TableScrollFrame } from '../components/TableScrollFrame.js';
import { useRowKeys } from './rowKeys.js';
import { LostCellNotice } from './LostCellNotice.js';
import type { AppliedImport } from '../../shared/activityImportApply.js';
import { ActivityImport, ImportedNotice } from './ActivityImport.js';
import { useActivityRowEdits } from './activityRowEdits.js';
import { RowRemovedNotice } from './RowRemovedNotice.js';
import { useRowWindow, WINDOWED_MIN_ROWS, type WindowEntry } from './useRowWindow.js';
import { cellCommentHintKey, cellCommentKeys, useCellComments } from './cellComments.js';
import './changedSinceVisit.css';
import './cellComments.css';

const COLUMNS = ACTIVITY_KEYS.filter((k) => k !== 'id');

/** Where Ctrl+Z and its redo keys undo the table's edits: its fields and its multi-selects (button, list, boxes). */
const CELL_UNDO_TARGETS = 'input, textarea, select, .multi-select, .multi-select *';

/**
 * Up to this many rows the number and title columns stay pinned while the table scrolls sideways. Every pinned cell
 * is a layer of its own for the compositor: with hundreds of rows that cost seconds per keystroke.
 */
const PINNED_MAX_ROWS = 100;

/**
 * Past this many rows the table scrolls up and down inside its own frame, under a sticky header. A frame that scrolls
 * only sideways is as tall as the table, and Chromium painted and layered every row of it on each frame, seen or not:
 * with 2,000 rows, five keystrokes in a cell cost ~3 s of paint and layerizing, against ~0.3 s of paint in a bounded frame.
 */
const TALL_MIN_ROWS = PINNED_MAX_ROWS + 1;

const MAX_ROWS = DEFAULT_LIMITS.maxActivitiesPerPlan;

/**
 * The table with add and remove. A change to one row re-renders that row only (see activityRowsStore). With the
 * plan's `documentId`, the rows that changed since the reader's last visit are marked (until the "since your last
 * visit" notice is dismissed), and the row (and cell) the comment margin's open thread is about; cells with open
 * threads show their count, and one who may comment (`canComment`, observers too) starts a comment on a cell here.
 */
export function ActivitiesTable({ ydoc, editable, documentId, canComment = false }: { ydoc: Y.Doc; editable: boolean; documentId?: string; canComment?: boolean }) {
  const { t } = useTranslation();
  const changed = useChangedActivities(documentId);
  const changedFields = useChangedFields(documentId);
  const cellComments = useCellComments(documentId, canComment);
  const commented = cellComments.commented?.activityId;
  const uid = useId();
  const { list, loading: organizationsLoading, lookUp } = useOrganizations();
  const activities = useMemo(() => getActivities(ydoc), [ydoc]);
  const rows = useActivityRows(ydoc);
  // A link to one activity (`?activity=ID`, from the matrix) mounts the rows up to it at once.
  const [params] = useSearchParams();
  const linked = params.get('activity');
  // The table's own search (see activityFilter): `order` lists the rows shown, by their index; null shows them all.
  const [query, setQuery] = useState('');
  const [importOpen, setImportOpen] = useState(false);
  /** The last import, numbered so a second one shows its own notice. */
  const [imported, setImported] = useState<{ applied: AppliedImport; seq: number } | null>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const order = useActivityFilter(rows, query);
  const shownCount = order ? order.length : rows.length;
  const indexAt = (position: number) => (order ? order[position] : position);
  const linkedIndex = linked ? rows.findIndex((r) => r.activity.id === linked) : -1;
  const linkedPosition = order ? order.indexOf(linkedIndex) : linkedIndex;
  // A big table shows a window of its rows; smaller ones mount whole.
  const windowed = shownCount >= WINDOWED_MIN_ROWS;
  const fmt = useFormat();
  // The server refuses rows past its limit (and would stop this plan's connection): the button stops first.
  const full = rows.length >= MAX_ROWS;
  const texts = useActivityRowTexts();
  const scroller = useRef<HTMLDivElement>(null);
  const tableEnd = useRef<HTMLSpanElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const keys = useRowKeys(rows, order);
  const rowWindow = useRowWindow({ enabled: windowed, keys, scroller, body, keep: linkedPosition });
  const { reveal } = rowWindow;

  // Others on the page (a comment thread, the "since your last visit" note) reach a windowed or searched table's rows
  // through it; a smaller table's rows are all in the page.
  useEffect(() => {
    if (!windowed && !order) return;
    return registerActivityRowFinder((ids, then) => {
      const position = keys.findIndex((k) => ids.has(k));
      if (position >= 0) {
        reveal(position, then);
        return true;
      }
      // Hidden by the search: shown again with every row, then revealed.
      if (!order || !rows.some(({ activity }) => ids.has(activity.id))) return false;
      setQuery('');
      requestAnimationFrame(() => withActivityRow([...ids], then));
      return true;
    });
  }, [windowed, keys, reveal, order, rows]);

  // Made and dropped by the effect (a remount makes a new one): the table's field writes record into it.
  const undo = useRef<CellUndo | null>(null);
  useEffect(() => {
    const attached = attachCellUndo(ydoc, activities);
    undo.current = attached.undo;
    return () => {
      attached.detach();
      if (undo.current === attached.undo) undo.current = null;
    };
  }, [ydoc, activities]);

  // A deactivated agency stays shown on the rows that name it, and is offered for no other.
  const inactive = t('org.inactive');
  const orgOptions: Option[] = useMemo(
    () => list.map((o) => (o.active === false ? { value: o.id, label: `${o.acronym} · ${o.name} (${inactive})`, short: o.acronym, disabled: true } : { value: o.id, label: `${o.acronym} · ${o.name}`, short: o.acronym })),
    [list, inactive],
  );
  const unknownOrganization = t('common.unknownOrganization');
  const organizations: RowOrganizations = useMemo(
    () => ({ options: orgOptions, known: new Set(orgOptions.map((o) => o.value)), missingLabel: organizationsLoading ? '…' : unknownOrganization, lookUp }),
    [orgOptions, organizationsLoading, unknownOrganization, lookUp],
  );

  const { add, remove } = useActivityRowEdits({ ydoc, activities, rowCount: rows.length, full, undo, clearQuery: () => setQuery(''), reveal });

  const columnCount = COLUMNS.length + 1 + (editable ? 1 : 0);
  /** The row shown at `position` (its index in the plan when the search hides none). */
  const renderRow = (position: number) => {
    const i = indexAt(position);
    const { row, activity } = rows[i];
    return (
      <ActivityRow
        key={`row:${keys[position]}`}
        rowKey={keys[position]}
        ariaRowIndex={windowed || order ? position + 2 : undefined}
        row={row}
        activity={activity}
        index={i}
        editable={editable}
        organizations={organizations}
        texts={texts}
        onRemove={remove}
        sinceVisit={activity.id !== '' ? changed.get(activity.id) : undefined}
        changedFields={activity.id !== '' ? changedFields.get(activity.id) : undefined}
        commented={activity.id !== '' && activity.id === commented}
        commentedField={activity.id !== '' && activity.id === commented ? cellComments.commented?.field : undefined}
        comments={cellComments.actions}
        rowThreads={activity.id !== '' ? cellComments.threads.get(activity.id) : undefined}
      />
    );
  };

  return (
    <section className="card activities" aria-labelledby={`${uid}-title`}>
      <div className="section-head">
        <h2 id={`${uid}-title`}>
          {t('activities.title')} <span className="count">{rows.length}</span>
        </h2>
        {editable && (
          <span className="actions-cell">
            <button
              type="button"
              ref={importButton}
              className="btn btn-secondary btn-small"
              data-testid="import-activities"
              aria-label={t('activities.import.openLabel')}
              aria-expanded={importOpen}
              onClick={() => setImportOpen((open) => !open)}
            >
              {t('activities.import.open')}
            </button>
            <button type="button" className="btn btn-primary btn-small" data-testid="add-activity" onClick={add} disabled={full} aria-describedby={full ? `${uid}-full` : undefined}>
              + {t('activities.add')}
            </button>
          </span>
        )}
      </div>
      {/* A full plan still takes an import that updates the activities it has (new rows are refused there). */}
      {editable && importOpen && (
        <ActivityImport
          ydoc={ydoc}
          documentId={documentId}
          room={MAX_ROWS - rows.length}
          onClose={() => {
            setImportOpen(false);
            importButton.current?.focus();
          }}
          onImported={(applied) => {
            setImportOpen(false);
            setImported((last) => ({ applied, seq: (last?.seq ?? 0) + 1 }));
            setQuery('');
            importButton.current?.focus();
          }}
        />
      )}
      {editable && imported && <ImportedNotice key={imported.seq} ydoc={ydoc} applied={imported.applied} onDone={() => setImported(null)} />}
      {editable && full && (
        <p className="notice notice-info" id={`${uid}-full`} data-testid="activities-full">
          {t('activities.full', { max: fmt.number(MAX_ROWS) })}
        </p>
      )}
      <RowRemovedNotice activities={activities} rows={rows} editable={editable} />
      <LostCellNotice ydoc={ydoc} activities={activities} editable={editable} />
      {(rows.length >= TALL_MIN_ROWS || query) && <ActivitySearch query={query} onQuery={setQuery} shown={shownCount} total={rows.length} />}
      {canComment && rows.length > 0 && (
        <p id={`${uid}-comment-hint`} className="small muted table-comment-hint" data-testid="activities-comment-hint">
          {t(cellCommentHintKey(editable), { keys: cellCommentKeys() })}
        </p>
      )}
      {/* Some twenty Tab stops a row: a keyboard user reaches the plan's decisions, history and the rest past the table
          from here, without tabbing through it. Shown once focused, over the table's top. */}
      {rows.length > 0 && (
        <div className="table-skip">
          <a
            className="skip-link"
            href={`#${uid}-end`}
            data-testid="skip-activities"
            onClick={(e) => {
              e.preventDefault();
              // Past the frame, so past a windowed table's rows too, whichever are in the page.
              if (!scroller.current || !focusPast(scroller.current)) tableEnd.current?.focus();
            }}
          >
            {t('activities.skipTable')}
          </a>
        </div>
      )}
      <TableScrollFrame
        label={t('activities.caption')}
        testId="activities"
        scroller={scroller}
        scrollClassName={rows.length >= TALL_MIN_ROWS ? 'activities-scroll-tall' : undefined}
        onKeyDown={(e) => {
          // Only in the table's own fields (a multi-select's button among them: Escape leaves the focus there after a
          // tick), or on the table itself (focus goes there when its last row is deleted): the prose editor and the
          // page keep their undo.
          if (editable && undo.current && e.target instanceof HTMLElement && (e.target === e.currentTarget || e.target.matches(CELL_UNDO_TARGETS))) handleCellUndoKey(e, undo.current);
          cellComments.onKeyDown(e);
        }}
      >
        <table
          aria-rowcount={windowed || order ? shownCount + 1 : undefined}
          className={rows.length <= PINNED_MAX_ROWS ? 'table activities-table activities-table-pinned' : windowed ? 'table activities-table activities-table-windowed' : 'table activities-table'}
          data-testid="activities-table"
          aria-describedby={canComment && rows.length > 0 ? `${uid}-comment-hint` : undefined}
          // Moving to another field starts a new undo step.
          onFocus={() => undo.current?.stopCapturing()}
        >
          <caption className="visually-hidden">{t('activities.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num sticky-col">#</th>
              {COLUMNS.map((k) => (
                <th scope="col" key={k} className={k === 'title' ? `col-${k} sticky-col` : `col-${k}`}>
                  {texts.fields[k]}
                </th>
              ))}
              {editable && (
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody ref={body}>
            {rowWindow.entries
              ? rowWindow.entries.map((entry) => (entry.type === 'gap' ? <RowsGap key={`gap:${entry.from}`} entry={entry} columns={columnCount} /> : renderRow(entry.index)))
              : Array.from({ length: shownCount }, (_, position) => renderRow(position))}
          </tbody>
        </table>
      </TableScrollFrame>
      {/* Where the skip link lands when nothing after the table takes focus. */}
      <span id={`${uid}-end`} ref={tableEnd} tabIndex={-1} />
      {rows.length === 0 && <p className="empty">{editable ? t('activities.emptyEditable') : t('activities.empty')}</p>}
    </section>
  );
}

/** Stands in for rows not in the page, at their height, so the frame scrolls as if they were there. */
function RowsGap({ entry, columns }: { entry: Extract<WindowEntry, { type: 'gap' }>; columns: number }) {
  return (
    <tr className="rows-gap" aria-hidden="true" data-testid="activities-gap">
      <td colSpan={columns} style={{ height: entry.height }} />
    </tr>
  );
}

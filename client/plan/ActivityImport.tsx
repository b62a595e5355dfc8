/**
 * Importing activities from a spreadsheet: most working groups arrive with their plan in Excel. Rows pasted from it, an
 * .xlsx or .xls workbook (or .ods), or a CSV file are read in the browser (shared/activityImport.ts, shared/xlsxWorkbook.ts), shown as
 * tab-separated text anyone can correct before importing, with every value that could not be read and every note
 * under the table left out, and
 * added to the plan's table in one change, through the same co-editing path as typing: saved, audited and seen live
 * like any other edit. Nothing is sent anywhere else.
 */
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import * as Y from 'yjs';
import { ACTIVITY_STATUSES, MANDATE_AREAS } from '../../shared/constants.js';
import { readActivityTable, type ImportProblem, type ImportVocabulary } from '../../shared/activityImport.js';
import type { ImportField } from '../../shared/activityImportColumns.js';
import { parseDelimited, rowsAsTsv } from '../../shared/delimitedText.js';
import { applyImport, planImport, undoImport, type AppliedImport } from '../../shared/activityImportApply.js';
import { ACTIVITY_KEYS, readActivities } from '../../shared/planModel.js';
import { WorkbookError, type WorkbookSheet } from '../../shared/xlsxWorkbook.js';
import { matrixXlsxUrl } from '../api/matrix.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { useFormat } from '../lib/format.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { ImportUpdates } from './ImportUpdates.js';
import { likelySheet, readImportFile } from './importFile.js';
import { newActivityId } from './newActivityId.js';
import './activityImport.css';

const FIELDS = ACTIVITY_KEYS.filter((k): k is ImportField => k !== 'id');
/** Problems listed at most; the rest are counted. */
const PROBLEMS_SHOWN = 50;
/**
 * The most text (and file) read, in MB. What is imported is cut from it, so the change sent stays well under the
 * server's frame limit (32 MB) even in three-byte characters; a whole plan of 20,000 rows exported with its ids fits.
 */
const FILE_MAX_MB = 8;
/** Excel (.xlsx, and Excel 97–2003's .xls) and LibreOffice spreadsheets, CSV and TSV. */
const FILE_TYPES = [
  '.xlsx', '.ods', '.xls', '.csv', '.tsv', '.txt',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.ms-excel',
  'text/csv', 'text/tab-separated-values', 'text/plain',
].join(',');

/** The app's names for fields, mandate areas and statuses, in every language it speaks. */
function useVocabulary(): ImportVocabulary {
  const { list } = useOrganizations();
  return useMemo(() => {
    const ts = ['es', 'en'].map((lng) => i18n.getFixedT(lng));
    return {
      organizations: list.map((o) => ({ id: o.id, name: o.name, acronym: o.acronym, active: o.active !== false })),
      fieldLabels: ts.flatMap((t) => FIELDS.map((f) => [f, t(`activities.fields.${f}`)] as const)),
      mandateAreaLabels: ts.flatMap((t) => MANDATE_AREAS.map((a) => [a, t(`mandateAreas.${a}`)] as const)),
      statusLabels: ts.flatMap((t) => ACTIVITY_STATUSES.map((s) => [s, t(`activityStatus.${s}`)] as const)),
    };
  }, [list]);
}

interface Props {
  ydoc: Y.Doc;
  /** The plan's id: offers its activities as a workbook to edit in Excel and bring back. */
  documentId?: string;
  /** How many more activities the plan takes. */
  room: number;
  onClose: () => void;
  onImported: (applied: AppliedImport) => void;
}

/** The import panel under the table's heading: paste or pick a file, check what was read, import. */
export function ActivityImport({ ydoc, documentId, room, onClose, onImported }: Props) {
  const { t, i18n: { language } } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const vocabulary = useVocabulary();
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState<{ text: string; error: boolean } | null>(null);
  /** The workbook the text came from: its sheets, and the one shown. */
  const [workbook, setWorkbook] = useState<{ name: string; sheets: WorkbookSheet[]; shown: number } | null>(null);
  /** The latest file chosen: a slow read of an earlier one does not overwrite it. */
  const picks = useRef(0);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  // A large paste is read once typing pauses, not on every keystroke.
  const source = useDeferredValue(text);
  // Bounded like a file: what is imported goes to the server as one update.
  const tooLarge = source.length > FILE_MAX_MB * 1024 * 1024;
  const reading = useMemo(() => (source.trim() && !tooLarge ? readActivityTable(parseDelimited(source), vocabulary) : null), [source, tooLarge, vocabulary]);
  const hasTitle = reading?.columns.some((c) => c.field === 'title') ?? false;
  // Rows naming the plan's own activities (by id) update them; read against the plan as it is when the sheet is.
  const existing = useMemo(() => (reading && hasTitle ? readActivities(ydoc) : []), [reading, hasTitle, ydoc]);
  const plan = useMemo(() => (reading && hasTitle ? planImport(reading, existing, documentId) : null), [reading, hasTitle, existing, documentId]);
  const existingById = useMemo(() => new Map(existing.map((a) => [a.id, a])), [existing]);
  const count = plan ? Math.min(plan.added.length, room) : 0;
  const updates = plan?.updated.length ?? 0;
  const matched = updates + (plan?.unchanged ?? 0);
  // Without a title column nothing is planned: what was read is all there is to say.
  const problems = plan?.problems ?? reading?.problems ?? [];
  const notes = reading?.notes ?? [];
  const label = (field: ImportField) => t(`activities.fields.${field}`);

  const showSheet = (name: string, sheets: WorkbookSheet[], shown: number) => {
    const sheet = sheets[shown];
    const tsv = rowsAsTsv(sheet.rows);
    if (tsv.length > FILE_MAX_MB * 1024 * 1024) {
      setFileNote({ text: t('activities.import.workbook.tooLarge', { name }), error: true });
      return;
    }
    setWorkbook({ name, sheets, shown });
    setText(tsv);
    setFileNote({ text: t(sheet.rows.length ? 'activities.import.sheetRead' : 'activities.import.sheetEmpty', { name, sheet: sheet.name }), error: false });
  };

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    const pick = ++picks.current;
    if (file.size > FILE_MAX_MB * 1024 * 1024) {
      setFileNote({ text: t('activities.import.fileTooLarge', { name: file.name, max: FILE_MAX_MB }), error: true });
      return;
    }
    setFileNote({ text: t('activities.import.fileReading', { name: file.name }), error: false });
    try {
      const read = await readImportFile(file);
      if (pick !== picks.current) return;
      if (read.kind === 'workbook') showSheet(file.name, read.sheets, likelySheet(read.sheets, vocabulary));
      else {
        setWorkbook(null);
        setText(read.text);
        setFileNote({ text: t('activities.import.fileRead', { name: file.name }), error: false });
      }
    } catch (err) {
      if (pick !== picks.current) return;
      if (err instanceof WorkbookError) setFileNote({ text: t(`activities.import.workbook.${err.problem}`, { name: file.name }), error: true });
      else {
        console.warn('activity import: file not read', err);
        setFileNote({ text: t('activities.import.fileUnreadable', { name: file.name }), error: true });
      }
    }
  };

  const submit = () => {
    if (!reading || count + updates === 0) return;
    // One change: everyone sees the rows arrive together, and one update is stored. Worked out again against the
    // plan as it is now, in case someone changed it while the preview was open.
    onImported(applyImport(ydoc, planImport(reading, readActivities(ydoc), documentId), room, newActivityId));
  };

  // A workbook's rows keep the numbers Excel shows beside them.
  const lineLabel = (line: number) => t(workbook ? 'activities.import.row' : 'activities.import.line', { line: fmt.number(line) });
  const problemText = (p: ImportProblem) => `${lineLabel(p.line)} · ${p.field ? `${label(p.field)}: ` : ''}${t(`activities.import.problem.${p.kind}`, { value: p.value })}`;
  const recognized = reading?.columns.filter((c) => c.field) ?? [];
  // The id column is not left out: it is what names the plan's own activities.
  const ignored = reading?.columns.filter((c, i) => !c.field && c.header.trim() && i !== reading.idColumn) ?? [];

  return (
    <section className="activity-import" aria-labelledby={`${uid}-title`} data-testid="activity-import">
      <h3 id={`${uid}-title`}>{t('activities.import.title')}</h3>
      <p className="muted" id={`${uid}-hint`}>
        {t('activities.import.hint')} {documentId && t('activities.import.roundTrip')}
      </p>
      <label className="visually-hidden" htmlFor={`${uid}-paste`}>
        {t('activities.import.pasteLabel')}
      </label>
      <textarea
        id={`${uid}-paste`}
        ref={area}
        className="activity-import-paste"
        rows={6}
        value={text}
        placeholder={t('activities.import.pastePlaceholder')}
        aria-describedby={`${uid}-hint`}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        data-testid="activity-import-paste"
      />
      <div className="activity-import-file">
        <label className="btn btn-secondary btn-small">
          {t('activities.import.file')}
          <input type="file" accept={FILE_TYPES} className="visually-hidden" onChange={(e) => void pickFile(e.target.files?.[0])} data-testid="activity-import-file" />
        </label>
        <DownloadLink className="btn btn-ghost btn-small" testId="activity-import-template" href={`/api/activities/import-template.xlsx?lang=${language === 'en' ? 'en' : 'es'}`} label={t('activities.import.template')} />
        {documentId && <DownloadLink className="btn btn-ghost btn-small" testId="activity-import-plan-workbook" href={matrixXlsxUrl({ documentId }, language)} label={t('activities.import.planWorkbook')} />}
        {workbook && workbook.sheets.length > 1 && (
          <label className="activity-import-sheet">
            {t('activities.import.sheet')}{' '}
            <select value={workbook.shown} onChange={(e) => showSheet(workbook.name, workbook.sheets, Number(e.target.value))} data-testid="activity-import-sheet">
              {workbook.sheets.map((sheet, i) => (
                <option key={i} value={i}>
                  {sheet.hidden ? t('activities.import.hiddenSheet', { name: sheet.name }) : sheet.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {fileNote && (
          <span className={fileNote.error ? 'field-error' : 'muted'} role={fileNote.error ? 'alert' : 'status'}>
            {fileNote.text}
          </span>
        )}
      </div>
      {tooLarge && (
        <p className="notice notice-warning" role="alert">
          {t('activities.import.pasteTooLarge', { max: FILE_MAX_MB })}
        </p>
      )}
      {reading && (
        <div className="activity-import-preview" role="status" data-testid="activity-import-preview">
          {!hasTitle ? (
            <p className="notice notice-warning">{t('activities.import.noTitleColumn')}</p>
          ) : reading.rows.length === 0 && problems.length === 0 && notes.length === 0 ? (
            <p className="notice notice-warning">{t('activities.import.nothing')}</p>
          ) : (
            <>
              <p>
                <strong>{t('activities.import.ready', { count: reading.rows.length, n: fmt.number(reading.rows.length) })}</strong>{' '}
                {t('activities.import.columns', { list: recognized.map((c) => (c.field && c.header.trim() !== label(c.field) ? `${c.header.trim()} → ${label(c.field)}` : c.header.trim())).join(', ') })}
                {ignored.length > 0 && <> {t('activities.import.ignored', { list: ignored.map((c) => c.header.trim()).join(', ') })}</>}
              </p>
              {matched > 0 && (
                <p data-testid="activity-import-matched">
                  {t('activities.import.matched', { matched: fmt.number(matched), updated: fmt.number(updates), unchanged: fmt.number(matched - updates), added: fmt.number(plan?.added.length ?? 0) })}
                </p>
              )}
              {plan && plan.otherPlans > 0 && (
                <p className="notice notice-info" data-testid="activity-import-other-plans">
                  {t('activities.import.otherPlans', { count: plan.otherPlans, n: fmt.number(plan.otherPlans) })}
                </p>
              )}
              {plan && <ImportUpdates updates={plan.updated} current={existingById} lineLabel={lineLabel} />}
              {matched > 0 && count + updates === 0 && <p className="notice notice-info">{t('activities.import.nothingToChange')}</p>}
              {(plan?.added.length ?? 0) > room && <p className="notice notice-warning">{room > 0 ? t('activities.import.capacity', { room: fmt.number(room) }) : t('activities.import.capacityFull')}</p>}
              {problems.length > 0 && (
                <div className="notice notice-warning" data-testid="activity-import-problems">
                  <p>{t(matched > 0 ? 'activities.import.problemsWithUpdates' : 'activities.import.problems', { count: problems.length, n: fmt.number(problems.length) })}</p>
                  <ul className="notice-details">
                    {problems.slice(0, PROBLEMS_SHOWN).map((p, i) => (
                      <li key={i}>{problemText(p)}</li>
                    ))}
                  </ul>
                  {problems.length > PROBLEMS_SHOWN && <p>{t('activities.import.moreProblems', { count: problems.length - PROBLEMS_SHOWN, n: fmt.number(problems.length - PROBLEMS_SHOWN) })}</p>}
                </div>
              )}
              {notes.length > 0 && (
                <div className="notice notice-info" data-testid="activity-import-notes">
                  <p>{t('activities.import.notes', { count: notes.length, n: fmt.number(notes.length) })}</p>
                  <ul className="notice-details">
                    {notes.slice(0, PROBLEMS_SHOWN).map((note) => (
                      <li key={note.line}>{`${lineLabel(note.line)} · ${t('activities.import.note', { text: note.text })}`}</li>
                    ))}
                  </ul>
                  {notes.length > PROBLEMS_SHOWN && <p>{t('activities.import.moreProblems', { count: notes.length - PROBLEMS_SHOWN, n: fmt.number(notes.length - PROBLEMS_SHOWN) })}</p>}
                </div>
              )}
            </>
          )}
        </div>
      )}
      <div className="activity-import-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={submit} disabled={count + updates === 0} data-testid="activity-import-submit">
          {updates > 0 ? t('activities.import.submitWithUpdates', { added: fmt.number(count), updated: fmt.number(updates) }) : t('activities.import.submit', { count, n: fmt.number(count) })}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('activities.import.cancel')}
        </button>
      </div>
    </section>
  );
}

/**
 * Said once rows were imported, with a way to undo it: new rows taken out, updated fields put back (rows others removed
 * meanwhile stay removed; a field someone changed since keeps their value).
 */
export function ImportedNotice({ ydoc, applied, onDone }: { ydoc: Y.Doc; applied: AppliedImport; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [undone, setUndone] = useState(false);
  const undo = () => {
    undoImport(ydoc, applied);
    setUndone(true);
  };
  const done = applied.updated.length
    ? t('activities.import.doneWithUpdates', { added: fmt.number(applied.added.length), updated: fmt.number(applied.updated.length) })
    : t('activities.import.done', { count: applied.added.length, n: fmt.number(applied.added.length) });
  return (
    <div className="notice notice-info notice-flash" role="status" data-testid="activity-import-done">
      <p>{undone ? t(applied.updated.length ? 'activities.import.undoneWithUpdates' : 'activities.import.undone') : done}</p>
      <span className="actions-cell">
        {!undone && (
          <button type="button" className="btn btn-secondary btn-small" onClick={undo}>
            {t('activities.import.undo')}
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-small" onClick={onDone}>
          {t('activities.import.dismiss')}
        </button>
      </span>
    </div>
  );
}

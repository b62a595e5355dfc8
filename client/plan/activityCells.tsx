/** Editors for single fields of an activity row; each commits only its own field, only when changed. */
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { isCalendarDate, isValidMunicipalityCode } from '../../shared/constants.js';
import { municipalityName, municipalityPlace } from '../../shared/municipalities.js';
import type { ActivityKey } from '../../shared/planModel.js';
import { MunicipalityPicker } from './MunicipalityPicker.js';
import { cellUndoOf } from './cellUndo.js';
import { changeBetween, mergeText, MERGED_LIST_FIELDS, MERGED_TEXT_FIELDS, writeListField, writeTextField } from './fieldRebase.js';

/**
 * Writes one field of one row in its own transaction, skipping no-op writes (they would win LWW for nothing).
 * `shownText`: the text the input showed when the person typed; if the plan has moved on since (someone else's
 * keystrokes arrived in between), their typing is applied to what the plan holds now instead of replacing it.
 */
export function writeField(row: Y.Map<unknown>, key: ActivityKey, value: string | string[], shownText?: string): void {
  const current = row.get(key);
  if (typeof value === 'string' && shownText !== undefined && typeof current === 'string' && current !== shownText) value = mergeText(shownText, value, current);
  const same = Array.isArray(value)
    ? (Array.isArray(current) || current instanceof Y.Array) && JSON.stringify(current instanceof Y.Array ? current.toArray() : current) === JSON.stringify(value)
    : (current ?? '') === value;
  if (same) return;
  cellUndoOf(row.doc)?.recordField(row, key, current, value);
  // Free text is written so that someone typing in the same field at the same moment loses nothing (fieldRebase).
  if (typeof value === 'string' && MERGED_TEXT_FIELDS.has(key)) return writeTextField(row, key, value);
  // So are lists: two people ticking partners or states at once both keep what they ticked.
  if (Array.isArray(value) && MERGED_LIST_FIELDS.has(key)) return writeListField(row, key, value);
  const doc = row.doc;
  if (doc) doc.transact(() => row.set(key, value));
  else row.set(key, value);
}

interface TextProps {
  id: string;
  label: string;
  field: ActivityKey;
  value: string;
  /** `shown`: the text the input held before this change (see writeField). */
  onCommit: (v: string, shown: string) => void;
  multiline?: boolean;
  /** Offers the whole text as a tooltip: a one-line field too narrow for a long title cuts it off. */
  showFullText?: boolean;
}

/** Where a caret at `caret` in `before` belongs once the text became `after` (moved past a change made before it). */
function caretAfter(before: string, after: string, caret: number): number {
  const change = changeBetween(before, after);
  if (caret <= change.from) return caret;
  if (caret >= change.to) return caret + after.length - before.length;
  return change.from + change.text.length;
}

/** A text input bound to a field: local draft while typing, adopting any change the doc reports. */
export function TextCell({ id, label, field, value, onCommit, multiline, showFullText }: TextProps) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  /** The caret to restore after adopting someone else's change while this field has focus. */
  const caret = useRef<{ start: number; end: number } | null>(null);
  /** What the input shows now, kept outside React's state: a keystroke's change is measured against it even if
   * another keystroke came before the re-render. */
  const shown = useRef(value);
  if (value !== seen) {
    // The field changed in the doc (someone else, or our own echo): show what the doc holds, and keep the caret
    // where it was in the text (setting the value would move it to the end).
    const el = input.current;
    if (el && document.activeElement === el && el.selectionStart !== null && el.selectionEnd !== null) {
      caret.current = { start: caretAfter(draft, value, el.selectionStart), end: caretAfter(draft, value, el.selectionEnd) };
    }
    setSeen(value);
    setDraft(value);
    shown.current = value;
  }
  useLayoutEffect(() => {
    const el = input.current;
    if (!caret.current || !el) return;
    el.setSelectionRange(caret.current.start, caret.current.end);
    caret.current = null;
  }, [draft]);
  const common = {
    id,
    ref: input,
    'aria-label': label,
    'data-field': field,
    value: draft,
    onChange: (e: { target: { value: string } }) => {
      const before = shown.current;
      shown.current = e.target.value;
      setDraft(e.target.value);
      onCommit(e.target.value, before);
    },
  };
  return multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} title={showFullText && draft ? draft : undefined} />;
}

/** Parses "09015, 14039" into codes. */
function parseCodes(text: string): string[] {
  return text.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean);
}

/** INEGI municipality codes (5 digits each), committed only when every code is valid. */
export function MunicipalityCell({ id, label, value, states, onCommit }: { id: string; label: string; value: string[]; states: string[]; onCommit: (v: string[]) => void }) {
  const { t } = useTranslation();
  const joined = value.join(', ');
  const [draft, setDraft] = useState(joined);
  const [seen, setSeen] = useState(joined);
  const invalid = parseCodes(draft).filter((c) => !isValidMunicipalityCode(c));
  if (joined !== seen) {
    setSeen(joined);
    // Someone else changed the codes while one is half typed here (the draft holds it, uncommitted): theirs show, and
    // the unfinished codes stay after them to be finished. Replaced, the next keystrokes landed on their last code.
    setDraft(invalid.length ? [...value, ...invalid].join(', ') : joined);
  }
  const errorId = `${id}-error`;
  const namesId = `${id}-names`;
  return (
    <div className="cell-stack">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        aria-label={label}
        data-field="municipalityCodes"
        placeholder="09015, 14039"
        value={draft}
        aria-invalid={invalid.length > 0}
        aria-describedby={[invalid.length ? errorId : '', value.length ? namesId : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const codes = parseCodes(e.target.value);
          if (codes.every(isValidMunicipalityCode)) onCommit([...new Set(codes)]);
        }}
        onBlur={() => {
          if (!invalid.length) setDraft(joined);
        }}
      />
      {invalid.length > 0 && (
        <span id={errorId} className="field-error">
          {/* A name typed here (most people know them by name) is pointed to the add-by-name box below. */}
          {t(invalid.some((c) => /\p{L}/u.test(c)) ? 'activities.invalidMunicipalityName' : 'activities.invalidMunicipality', {
            codes: invalid.join(', '),
            box: t('activities.addMunicipalityPlaceholder'),
          })}
        </span>
      )}
      {value.length > 0 && <MunicipalityNames id={namesId} codes={value} />}
      <MunicipalityPicker id={`${id}-pick`} cellLabel={label} states={states} onPick={(code) => onCommit(value.includes(code) ? value : [...value, code])} />
    </div>
  );
}

/** Where the stored codes are: "Tapachula, Chiapas"; a code the INEGI catalog lacks is said, as a likely typo. */
function MunicipalityNames({ id, codes }: { id: string; codes: string[] }) {
  const { t } = useTranslation();
  const named: string[] = [];
  const unknown: string[] = [];
  for (const code of codes) {
    const name = municipalityName(code);
    if (name === undefined) unknown.push(code);
    else named.push(municipalityPlace(code, name));
  }
  return (
    <span id={id} className="cell-note" data-testid="municipality-names">
      {named.length > 0 && <span>{named.join(' · ')}</span>}
      {unknown.length > 0 && <span className="cell-note-warning">{t('activities.unknownMunicipality', { count: unknown.length, codes: unknown.join(', ') })}</span>}
    </span>
  );
}

interface SelectProps {
  id: string;
  label: string;
  field: ActivityKey;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  emptyLabel?: string;
  onCommit: (v: string) => void;
}

/** A native select bound to a field. */
export function SelectCell({ id, label, field, value, options, emptyLabel, onCommit }: SelectProps) {
  return (
    <select id={id} aria-label={label} data-field={field} value={value} onChange={(e) => onCommit(e.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * A date input bound to a field; `min` keeps the end after the start. Chromium reports a year as it is typed
 * (0002, 0020, 0202, 2025) and an unfinished date as '': only a real date, or a field emptied on purpose, reaches
 * the plan. A partial one is kept on screen while it is typed (written, it read back as no date and emptied the field
 * under the person's fingers, and everyone got the junk date), and given up when the field is left.
 */
export function DateCell({ id, label, field, value, min, max, error, onCommit }: { id: string; label: string; field: ActivityKey; value: string; min?: string; max?: string; error?: string; onCommit: (v: string) => void }) {
  /** The unfinished date being typed, not in the plan; null shows the plan's value (someone else's change, an undo). */
  const [typing, setTyping] = useState<string | null>(null);
  const input = (
    <input
      id={id}
      type="date"
      aria-label={label}
      data-field={field}
      value={typing ?? value}
      min={min || undefined}
      max={max || undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      onChange={(e) => {
        const next = e.target.value;
        // '' with badInput: some parts typed, others not yet; '' without it: the date was cleared.
        if (isCalendarDate(next) || (next === '' && !e.target.validity.badInput)) {
          setTyping(null);
          onCommit(next);
        } else setTyping(next);
      }}
      onBlur={(e) => {
        if (typing === null) return;
        setTyping(null);
        // The plan's value again. An empty one would not reset the parts left typed ('' is already the value).
        if (value === '') e.currentTarget.value = '';
      }}
    />
  );
  if (!error) return input;
  // Kept, not refused: a collaborator may be moving both dates, and the other one may follow.
  return (
    <div className="cell-stack">
      {input}
      <span id={`${id}-error`} className="field-error" role="status">
        {error}
      </span>
    </div>
  );
}

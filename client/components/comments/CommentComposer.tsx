/**
 * A comment box with @-autocomplete of the working group's organizations and members. Choosing an
 * organization inserts `@ACRONYM` (its focal point and members are notified); choosing a person
 * inserts `@Name`, sent as `@{userId}` (see mentionTokens), which comments show by name. Ctrl/⌘+Enter sends.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { textLimit } from '../../lib/textLimit.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { closingPunctuation, toDisplayBody, toStoredBody, type MentionLabels } from './mentionTokens.js';

export interface MentionCandidates {
  members: Array<{ userId: string; name: string; organizationId: string; active?: false }>;
  organizations: Array<{ id: string; acronym: string; name: string }>;
}

interface Props extends MentionCandidates {
  label: string;
  submitLabel: string;
  initial?: string;
  autoFocus?: boolean;
  /** The id of what else describes the box (what the new comment is about). */
  describedBy?: string;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}

interface Suggestion {
  key: string;
  insert: string;
  /** For a person: whom the inserted `@Name` stands for. */
  userId?: string;
  primary: string;
  secondary: string;
}

const MAX = 10000;
const norm = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** The `@…` being typed right before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; q: string } | null {
  const m = /(?:^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}_.-]{0,40})$/u.exec(text.slice(0, caret));
  return m ? { start: caret - m[1].length - 1, q: m[1] } : null;
}

/** The composer. */
export function CommentComposer({ label, submitLabel, initial = '', autoFocus, describedBy, onSubmit, onCancel, members, organizations }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  // An edited comment's people read by name too; `labels` says who each `@Name` in the box stands for.
  const [shownInitial] = useState(() => toDisplayBody(initial, members));
  const labels = useRef<MentionLabels>(shownInitial.labels);
  const [text, setText] = useState(shownInitial.text);
  const [caret, setCaret] = useState(shownInitial.text.length);
  const [active, setActive] = useState(0);
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Escape over words written here asks for a second Escape: it also closes the mention list, so one press too many
  // threw a long reply away.
  const [escapeArmed, setEscapeArmed] = useState(false);
  // The box that stays open once its comment is sent (the new-comment one) says it was sent: it only emptied, and a
  // screen reader heard nothing. Reply and edit boxes close and give focus back instead.
  const [sent, setSent] = useState(false);
  const pendingCaret = useRef<number | null>(null);
  // Where the space a picked mention brings ends: punctuation typed right there takes that space's place, so
  // "@Beto Ruiz" then "?" reads "@Beto Ruiz?", not "@Beto Ruiz ?".
  const mentionSpaceEnd = useRef<number | null>(null);

  const query = mentionQuery(text, caret);
  const suggestions = useMemo<Suggestion[]>(() => {
    if (!query || closedAt === query.start) return [];
    const q = norm(query.q);
    const orgName = new Map(organizations.map((o) => [o.id, o.acronym]));
    const orgs = organizations
      .filter((o) => norm(o.acronym).includes(q) || norm(o.name).includes(q))
      .map((o) => ({ key: `o:${o.id}`, insert: `@${o.acronym.replace(/\s+/g, '')} `, primary: `@${o.acronym}`, secondary: o.name }));
    // Someone who left (account deactivated) would never read the mention: not suggested.
    const people = members
      .filter((m) => m.active !== false && norm(m.name).includes(q))
      .map((m) => ({ key: `u:${m.userId}`, insert: `@${m.name} `, userId: m.userId, primary: `@${m.name}`, secondary: orgName.get(m.organizationId) ?? '' }));
    return [...orgs, ...people].slice(0, 8);
  }, [query?.q, query?.start, closedAt, organizations, members]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => setActive(0), [query?.q]);
  useEffect(() => {
    if (pendingCaret.current !== null && ref.current) {
      ref.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  });

  const choose = (s: Suggestion) => {
    if (!query) return;
    const rest = text.slice(caret);
    // No second space when one follows already.
    const insert = /^\s/.test(rest) ? s.insert.trimEnd() : s.insert;
    if (s.userId) labels.current.set(s.insert.trimEnd(), s.userId);
    const next = text.slice(0, query.start) + insert + rest;
    const at = query.start + insert.length;
    mentionSpaceEnd.current = insert.endsWith(' ') ? at : null;
    setText(next);
    setCaret(at);
    pendingCaret.current = at;
    ref.current?.focus();
  };

  const submit = async () => {
    const body = toStoredBody(text.trim(), labels.current);
    if (!body || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(body);
      setSent(!onCancel);
      setText('');
      setCaret(0);
      labels.current = new Map();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(suggestions[active] ?? suggestions[0]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setClosedAt(query?.start ?? null);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && onCancel) {
      if (text.trim() === '' || text === shownInitial.text || escapeArmed) onCancel();
      else setEscapeArmed(true);
    }
  };

  const listId = `${id}-mentions`;
  const open = suggestions.length > 0;
  // The box takes no more than MAX characters: near it, how many are left says why typing (or a paste) stops.
  const left = textLimit(text, MAX, t, fmt).hint;
  return (
    <form
      className="comment-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <div className="comment-composer-field">
        <textarea
          id={`${id}-text`}
          ref={ref}
          value={text}
          placeholder={label}
          maxLength={MAX}
          rows={3}
          autoFocus={autoFocus}
          // A textarea keeps its textbox role (combobox is for single-line inputs); the suggestion list is tied to
          // it by aria-controls and the active option by aria-activedescendant.
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          aria-describedby={[describedBy, `${id}-hint`, left && `${id}-left`].filter(Boolean).join(' ')}
          onChange={(e) => {
            setEscapeArmed(false);
            setSent(false);
            const typed = closingPunctuation(text, e.target.value, mentionSpaceEnd.current);
            mentionSpaceEnd.current = null;
            if (typed !== null) {
              setText(typed.text);
              setCaret(typed.caret);
              pendingCaret.current = typed.caret;
              return;
            }
            setText(e.target.value);
            setCaret(e.target.selectionStart ?? e.target.value.length);
          }}
          onSelect={(e) => {
            const at = e.currentTarget.selectionStart ?? 0;
            const end = mentionSpaceEnd.current;
            // Still at the mention's space, or just past it as a typed mark lands: the mark may take the space's place.
            if (end !== null && at !== end && at !== end + 1) mentionSpaceEnd.current = null;
            setCaret(at);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" className="mention-list" hidden={!open} aria-label={t('comments.mentionList')}>
          {suggestions.map((s, i) => (
            <li
              key={s.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
            >
              <span className="mention-primary">{s.primary}</span> <span className="muted small">{s.secondary}</span>
            </li>
          ))}
        </ul>
      </div>
      <p id={`${id}-hint`} className="muted small comment-composer-hint">
        {t('comments.composerHint')}
      </p>
      {left && (
        <p id={`${id}-left`} className="muted small comment-composer-hint" data-testid="composer-characters-left">
          {left}
        </p>
      )}
      <p className="small comment-composer-hint" role="status" data-testid="composer-escape-hint">
        {escapeArmed ? t('comments.escapeAgain') : sent ? t('comments.sentNews') : ''}
      </p>
      {error !== null && <ErrorNotice error={error} compact />}
      <div className="comment-composer-actions">
        {onCancel && (
          <button type="button" className="btn btn-ghost btn-small" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || !text.trim()}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** A compact multi-select: a disclosure button listing the choices as checkboxes. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { typeAheadIndex } from './listTypeAhead.js';

export interface Option {
  value: string;
  label: string;
  /** Shown in the collapsed summary instead of the label (e.g. an acronym). */
  short?: string;
  /** Not offered (a deactivated organization): it can only be unchecked. */
  disabled?: boolean;
}

interface Props {
  label: string;
  options: Option[];
  value: string[];
  onChange: (next: string[]) => void;
  testId?: string;
  field?: string;
}

/** How long typed letters add up to one name before a new one starts. */
const TYPE_AHEAD_MS = 800;

/**
 * Button shows the chosen values; the expanded list is a fieldset of checkboxes. Keyboard: Tab and Space as any
 * checkboxes; ↓ opens the list and moves down it, ↑ up (from the first back to the button), Home and End; letters go
 * to the next name that begins with them (32 states were 32 Tabs away); Escape closes it.
 */
export function MultiSelect({ label, options, value, onChange, testId, field }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const typed = useRef({ text: '', at: 0 });
  /** ↓ on the closed button: the first box takes the focus once the list is there. */
  const focusFirstOnOpen = useRef(false);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    if (focusFirstOnOpen.current) {
      focusFirstOnOpen.current = false;
      boxes()[0]?.focus();
    }
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  /** The list's boxes that can take the focus (a deactivated organization's cannot be ticked). */
  const boxes = () => [...(rootRef.current?.querySelectorAll<HTMLInputElement>('.multi-select-list input:not(:disabled)') ?? [])];

  /** Arrow keys, Home, End and letters inside the open list (or ↓ on the closed button); true when the key was used. */
  const moveByKey = (e: React.KeyboardEvent): boolean => {
    if (e.altKey || e.ctrlKey || e.metaKey) return false;
    if (!open) {
      if (e.key !== 'ArrowDown' || e.target !== buttonRef.current) return false;
      focusFirstOnOpen.current = true;
      setOpen(true);
      return true;
    }
    const list = boxes();
    const at = list.indexOf(document.activeElement as HTMLInputElement);
    let next: number;
    if (e.key === 'ArrowDown') next = Math.min(at + 1, list.length - 1);
    else if (e.key === 'ArrowUp') next = at - 1;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    else if (e.key.length === 1 && e.key !== ' ') {
      // Space ticks the focused box: never a letter of a name.
      const now = Date.now();
      typed.current = { text: now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text + e.key : e.key, at: now };
      next = typeAheadIndex(list.map((box) => box.labels?.[0]?.textContent ?? ''), typed.current.text, at);
      if (next < 0) return true;
    } else return false;
    if (next < 0) buttonRef.current?.focus();
    else list[next]?.focus();
    return true;
  };

  const chosen = options.filter((o) => value.includes(o.value));
  const summary = chosen.length ? chosen.map((o) => o.short ?? o.label).join(', ') : t('common.noneSelected');
  const toggle = (v: string, on: boolean) => {
    const next = on ? [...value.filter((x) => x !== v), v] : value.filter((x) => x !== v);
    // Keep the options' order so concurrent edits compare cleanly.
    onChange(options.map((o) => o.value).filter((x) => next.includes(x)));
  };

  return (
    <div
      className="multi-select"
      ref={rootRef}
      data-testid={testId}
      data-field={field}
      onBlur={(e) => {
        // Tabbed away: the open list kept its table row stretched until a click somewhere closed it.
        if (open && e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        } else if (moveByKey(e)) {
          e.preventDefault();
          e.stopPropagation();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="multi-select-button"
        aria-expanded={open}
        aria-controls={`${uid}-list`}
        aria-label={`${label}: ${summary}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="multi-select-summary">{summary}</span>
        <span aria-hidden="true" className="caret-icon">▾</span>
      </button>
      {open && (
        // Focusable by a press (not by Tab): a press on an option's name moved the focus to the nearest ancestor that
        // takes it, in the plan the table's scrolling frame, the blur below closed the list and nothing was chosen.
        <fieldset id={`${uid}-list`} className="multi-select-list" tabIndex={-1}>
          <legend className="visually-hidden">{label}</legend>
          {options.map((o) => (
            <div className="check" key={o.value}>
              <input id={`${uid}-${o.value}`} type="checkbox" value={o.value} checked={value.includes(o.value)} disabled={o.disabled && !value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
              <label htmlFor={`${uid}-${o.value}`}>{o.label}</label>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}

/** A compact multi-select: a disclosure button listing the choices as checkboxes. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

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

/** Button shows the chosen values; the expanded list is a fieldset of checkboxes (keyboard: Tab, Space, Escape). */
export function MultiSelect({ label, options, value, onChange, testId, field }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

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

/**
 * A native select for long option lists: the lead agency of every row of a plan's table, out of every organization.
 * Rendering each row's options up front made a table of 300 rows with 300 agencies take three times as long to
 * appear (92,000 `<option>` elements, each styled and laid out once). Here a long list starts with the chosen option
 * only; the rest is cloned natively from one shared template when the person reaches for the select (pointer,
 * focus, key) and, for every select, soon after in the background, a few per task, so the page stays responsive and
 * scripts still find every option. Short lists are complete from the start.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { fillSoon } from './optionFillQueue.js';

/** Lists longer than this start with the chosen option only. */
export const LAZY_OPTIONS_MIN = 30;

interface Props {
  id: string;
  label: string;
  field: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string; disabled?: boolean }>;
  /** A first option with the empty value (nothing chosen). */
  emptyLabel?: string;
  onCommit: (value: string) => void;
}

// One template per options list (lists are memoized by their owner) and empty label.
const templates = new WeakMap<object, Map<string, DocumentFragment>>();

function templateOf(options: Props['options'], emptyLabel: string | undefined): DocumentFragment {
  let byEmpty = templates.get(options);
  if (!byEmpty) templates.set(options, (byEmpty = new Map()));
  const key = emptyLabel ?? '\u0000none';
  let fragment = byEmpty.get(key);
  if (!fragment) {
    fragment = document.createDocumentFragment();
    if (emptyLabel !== undefined) fragment.append(new Option(emptyLabel, ''));
    for (const o of options) fragment.append(optionOf(o));
    byEmpty.set(key, fragment);
  }
  return fragment;
}

/** One `<option>`; a disabled one (a deactivated organization) still shows where it is the value. */
function optionOf(o: Props['options'][number]): HTMLOptionElement {
  const option = new Option(o.label, o.value);
  option.disabled = o.disabled === true;
  return option;
}

/** The empty option and the chosen one: what a long list shows until it is filled. */
function chosenOnly(options: Props['options'], emptyLabel: string | undefined, value: string): HTMLOptionElement[] {
  const shown: HTMLOptionElement[] = [];
  if (emptyLabel !== undefined) shown.push(new Option(emptyLabel, ''));
  const chosen = value ? options.find((o) => o.value === value) : undefined;
  if (chosen) shown.push(optionOf(chosen));
  return shown;
}

/** A select whose options this component writes itself (React renders no children), complete or chosen-only. */
export function ClonedOptionsSelect({ id, label, field, value, options, emptyLabel, onCommit }: Props) {
  const ref = useRef<HTMLSelectElement>(null);
  // Reached for, or filled in the background: complete from then on. A short list is complete anyway (and the
  // list may start empty, before the organizations have loaded, and grow long).
  const reached = useRef(false);
  const latest = useRef({ value, options, emptyLabel });
  latest.current = { value, options, emptyLabel };
  const complete = () => reached.current || latest.current.options.length <= LAZY_OPTIONS_MIN;

  const renderOptions = () => {
    const select = ref.current;
    if (!select) return;
    const now = latest.current;
    if (complete()) select.replaceChildren(templateOf(now.options, now.emptyLabel).cloneNode(true));
    else select.replaceChildren(...chosenOnly(now.options, now.emptyLabel, now.value));
    select.value = now.value;
  };
  // One function for the component's life: the fill queue holds it, and events call it.
  const fill = useRef(() => {
    if (reached.current) return;
    const wasComplete = complete();
    reached.current = true;
    if (!wasComplete) renderOptions();
  }).current;

  // Before paint, so the select never shows another option in place of the chosen one.
  useLayoutEffect(renderOptions, [options, emptyLabel]);
  useLayoutEffect(() => {
    const select = ref.current;
    if (!select) return;
    if (!complete()) renderOptions();
    else if (select.value !== value) select.value = value;
  }, [value]);
  useEffect(() => (complete() ? undefined : fillSoon(fill)), [options, fill]);

  // Filled before the event's default action, so the native list opens complete.
  return <select ref={ref} id={id} aria-label={label} data-field={field} onPointerDown={fill} onMouseEnter={fill} onFocus={fill} onKeyDown={fill} onChange={(e) => onCommit(e.target.value)} />;
}

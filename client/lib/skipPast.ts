/**
 * Where a "skip" link lands: past a long run of Tab stops (the plan's activities table has some twenty per row), on
 * the first thing after it that Tab would reach, or, when nothing after it takes focus, on the first heading after
 * it (made focusable from script only, tabIndex -1), so the next Tab goes on from there.
 */

// A contenteditable that is not editable, or an element not focusable by nature, has tabIndex -1 unless it says otherwise.
const TABBABLE = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]';
const HEADING = 'h1, h2, h3, h4, h5, h6';

/** Takes focus by Tab: enabled, in the tab order, shown (not hidden by CSS, not in a closed `<details>`, not inert). */
function isTabbable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.matches(':disabled') || el.closest('[inert]')) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  if (!el.checkVisibility({ visibilityProperty: true })) return false;
  const closed = el.closest('details:not([open])');
  return !closed || (el.tagName === 'SUMMARY' && el.parentElement === closed);
}

/** Elements after `from` in document order, outside it: each following sibling of it and of its ancestors, with its descendants. */
function* following(from: Element): Generator<Element> {
  for (let at: Element | null = from; at; at = at.parentElement) {
    for (let next = at.nextElementSibling; next; next = next.nextElementSibling) {
      yield next;
      yield* next.querySelectorAll('*');
    }
  }
}

/** The first element after `from` (outside it) that Tab reaches, else the first heading after it; null when neither. */
export function skipTarget(from: Element): HTMLElement | null {
  let heading: HTMLElement | null = null;
  for (const el of following(from)) {
    if (!(el instanceof HTMLElement)) continue;
    if (el.matches(TABBABLE) && isTabbable(el)) return el;
    if (!heading && el.matches(HEADING) && el.checkVisibility()) heading = el;
  }
  if (heading && !heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  return heading;
}

/** Moves focus past `from` (see skipTarget); whether it found somewhere to go. */
export function focusPast(from: Element): boolean {
  const target = skipTarget(from);
  if (!target) return false;
  target.focus();
  return document.activeElement === target;
}

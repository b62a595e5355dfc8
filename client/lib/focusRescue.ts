/**
 * Keeps keyboard focus from falling to <body> after an action. Buttons are disabled while their request runs
 * (so a second press cannot send it twice), and a disabled or removed element loses focus: a keyboard or screen
 * reader user was left at the top of the page after proposing a decision, recording a stance, adding an action…
 * When focus is lost that way (not by a click elsewhere, not by leaving the window), it goes back to the element
 * once it is enabled again, or, if it is gone, to the nearest part of the page that is still there.
 */

/**
 * How long a disabled element is waited for before focus goes to its surroundings instead (a "record" button
 * stays disabled once what it records is saved; its form's first control is the next best place).
 */
const WAIT_FOR_ENABLED_MS = 1_500;
/** A focus loss this soon after a pointer press is the user's click elsewhere: left alone. */
export const POINTER_GRACE_MS = 300;

const FOCUSABLE = 'a[href], summary, button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

function isDisabled(el: Element): boolean {
  return el instanceof HTMLButtonElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement ? el.disabled : false;
}

function focusLost(): boolean {
  return document.hasFocus() && (document.activeElement === null || document.activeElement === document.body);
}

/** Where a person types: focus moved to another such field would take their next keystrokes somewhere else. */
function isTextEntry(el: HTMLElement): boolean {
  if (el instanceof HTMLTextAreaElement || el.isContentEditable) return true;
  return el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'color', 'range'].includes(el.type);
}

/** Shown, so able to take focus: not hidden by CSS, not inside a closed `<details>` (its summary excepted). */
function isRendered(el: HTMLElement): boolean {
  if (!el.checkVisibility()) return false;
  const closed = el.closest('details:not([open])');
  return !closed || (el.parentElement === closed && el.tagName === 'SUMMARY');
}

/**
 * The nearest ancestor still in the page (recorded before `el` left it), focused at its first control or itself.
 * A field someone was typing in that went away (a row another person removed) leads to its region instead, never
 * to another field: the keystrokes still coming would land in another activity.
 */
function focusSurroundings(ancestors: HTMLElement[], lost: HTMLElement): void {
  const stillThere = ancestors.find((a) => a.isConnected && a !== document.body && a !== document.documentElement);
  if (!stillThere) return;
  if (isTextEntry(lost)) {
    const region = ancestors.find((a) => a.isConnected && a !== document.body && a.matches('[role="region"], section, [tabindex]')) ?? stillThere;
    if (!region.hasAttribute('tabindex')) region.setAttribute('tabindex', '-1');
    region.focus({ preventScroll: true });
    return;
  }
  // The first control that really takes focus: one inside a closed menu (`<details>`) or otherwise not rendered
  // matches the selector but refuses focus(), and focus stayed on <body>.
  for (const candidate of stillThere.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (!isRendered(candidate)) continue;
    candidate.focus({ preventScroll: true });
    if (document.activeElement === candidate) return;
  }
  if (!stillThere.hasAttribute('tabindex')) stillThere.setAttribute('tabindex', '-1');
  stillThere.focus({ preventScroll: true });
}

/** Installs the rescue on the document; returns how to remove it. */
export function installFocusRescue(): () => void {
  let lastPointer = 0;
  let pending: { cancel(): void } | null = null;
  const onPointer = () => {
    lastPointer = performance.now();
    pending?.cancel();
  };
  const onFocusIn = () => pending?.cancel();
  const onFocusOut = (e: FocusEvent) => {
    if (e.relatedTarget || !(e.target instanceof HTMLElement)) return;
    const el = e.target;
    // Only a loss caused by the element being disabled or removed is rescued: a script's blur() or Escape is meant.
    const disabledNow = isDisabled(el);
    // A click elsewhere drops focus too, but it disables nothing: an element disabled as it lost focus was not left
    // by a click, however recent the last one (a keyboard user who had just picked an option with the mouse).
    if (!disabledNow && performance.now() - lastPointer < POINTER_GRACE_MS) return;
    const ancestors: HTMLElement[] = [];
    for (let a = el.parentElement; a; a = a.parentElement) ancestors.push(a);
    pending?.cancel();
    let observer: MutationObserver | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A task, not an animation frame: frames pause while the page is not painted (a background tab), and the
    // rescue would wait until it is shown again.
    const task = setTimeout(() => {
      if (!focusLost()) return finish();
      if (!el.isConnected) {
        focusSurroundings(ancestors, el);
        return finish();
      }
      if (!disabledNow) return finish();
      if (!isDisabled(el)) {
        el.focus({ preventScroll: true });
        return finish();
      }
      // Disabled while its request runs: back to it when it is enabled again, or to its surroundings if it goes.
      observer = new MutationObserver(() => {
        if (!focusLost()) return finish();
        if (!el.isConnected) {
          focusSurroundings(ancestors, el);
          return finish();
        }
        if (!isDisabled(el)) {
          el.focus({ preventScroll: true });
          finish();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
      timer = setTimeout(() => {
        if (focusLost()) focusSurroundings(ancestors, el);
        finish();
      }, WAIT_FOR_ENABLED_MS);
    }, 0);
    const finish = () => {
      clearTimeout(task);
      observer?.disconnect();
      if (timer) clearTimeout(timer);
      pending = null;
    };
    pending = { cancel: finish };
  };
  document.addEventListener('pointerdown', onPointer, true);
  document.addEventListener('focusin', onFocusIn, true);
  document.addEventListener('focusout', onFocusOut, true);
  return () => {
    pending?.cancel();
    document.removeEventListener('pointerdown', onPointer, true);
    document.removeEventListener('focusin', onFocusIn, true);
    document.removeEventListener('focusout', onFocusOut, true);
  };
}

/**
 * Keyboard focus for a thread opened from a notification link (`?thread=`): the link brings the thread into view, and
 * a keyboard or screen-reader user should start there too, as the overlap links and the "new comments" note do.
 */

/** How long to wait for the thread's card (the margin may switch to "all" for a resolved thread first). */
const WAIT_MS = 3000;

/** Whether the person is writing somewhere (a field, the plan editor) or inside an open menu or dialog. */
function busyElsewhere(active: Element | null): boolean {
  if (!(active instanceof HTMLElement)) return false;
  if (active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName)) return true;
  return !!active.closest('details[open], dialog[open], [role="dialog"]');
}

/**
 * Puts the focus on the thread's card in the margin (its quote button, as the "new comments" note does; the card
 * itself if it has none), without scrolling, once the card is there. Someone who started typing meanwhile keeps
 * their place: taking the focus would send their next keystrokes elsewhere.
 */
export function focusLinkedThread(threadId: string): void {
  const selector = `.comment-margin [data-thread-id="${CSS.escape(threadId)}"]`;
  const started = performance.now();
  const attempt = () => {
    const card = document.querySelector<HTMLElement>(selector);
    if (!card) {
      if (performance.now() - started < WAIT_MS) requestAnimationFrame(attempt);
      return;
    }
    if (busyElsewhere(document.activeElement) && !card.contains(document.activeElement)) return;
    const target = card.querySelector<HTMLElement>('.comment-anchor') ?? card;
    if (target === card && !card.hasAttribute('tabindex')) card.tabIndex = -1;
    target.focus({ preventScroll: true });
  };
  requestAnimationFrame(attempt);
}

/**
 * Scrolls the thread's words in the plan into view once the editor has marked them (the highlight comes after the
 * threads load; scrolling the margin's card alone left the words under the editor's toolbar). A text thread's words
 * win over its card: they are what the comment is about, and the card holds the focus anyway.
 */
export function revealLinkedWords(threadId: string): void {
  // The editor may mount after the threads load: looked up in the page, not through an editor handle.
  const selector = `[data-testid="plan-editor"] .comment-highlight[data-thread-id="${CSS.escape(threadId)}"]`;
  const started = performance.now();
  const attempt = () => {
    const words = document.querySelector(selector);
    if (words) words.scrollIntoView({ block: 'center' });
    else if (performance.now() - started < WAIT_MS) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/**
 * Focus after a comment is deleted from the margin. Its «Eliminar» goes away with the confirmation, and the whole card
 * when nothing is left in the thread: the focus fell to the page. It goes to the thread's card, or, once that card is
 * gone, to the next one (the one before at the end of the list), or to the margin's filter when no thread is left.
 */

/** How long the card is watched for leaving the list (the margin reloads its comments after the deletion). */
const WAIT_MS = 3000;

/** The card's quote button (what a thread opened from a link focuses too), or the card itself. */
function focusCard(card: HTMLElement): void {
  const target = card.querySelector<HTMLElement>('.comment-anchor') ?? card;
  if (target === card && !card.hasAttribute('tabindex')) card.tabIndex = -1;
  target.focus({ preventScroll: true });
}

/** Whether the focus is nowhere a person put it: the page, <main> (where the focus rescue leaves it), or a removed element. */
function focusFell(): boolean {
  const el = document.activeElement;
  return el === null || el === document.body || el.tagName === 'MAIN' || !el.isConnected;
}

/**
 * Called as the deletion starts, from inside the thread's card: focuses that card now, and returns what to call once
 * the deletion is done, which moves the focus on should the card leave the list.
 */
export function keepFocusNearThread(from: Element): () => void {
  const card = from.closest<HTMLElement>('[data-thread-id]');
  const margin = from.closest<HTMLElement>('.comment-margin');
  if (!card || !margin) return () => undefined;
  focusCard(card);
  const ids = [...margin.querySelectorAll<HTMLElement>('[data-thread-id]')].map((el) => el.dataset.threadId ?? '');
  const at = ids.indexOf(card.dataset.threadId ?? '');
  // Nearest first: the next card, then the ones before it.
  const neighbours = [...ids.slice(at + 1), ...ids.slice(0, at).reverse()];
  return () => {
    const started = performance.now();
    const attempt = () => {
      if (card.isConnected) {
        if (performance.now() - started < WAIT_MS) requestAnimationFrame(attempt);
        return;
      }
      if (!focusFell()) return;
      const next = neighbours.map((id) => margin.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(id)}"]`)).find((el) => el !== null);
      if (next) focusCard(next);
      else margin.querySelector<HTMLElement>('.comment-margin-head select')?.focus();
    };
    requestAnimationFrame(attempt);
  };
}

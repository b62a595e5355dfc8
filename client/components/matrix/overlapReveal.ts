/**
 * From a matrix row's "possible duplicate" mark to the overlap cards below the table, where the flag is explained and
 * resolved: the mark only said there was one, and the reader had to look for its card in the list by title.
 */

/** The key a card lists for each visible side (its `data-sides`), and a row asks for. */
export function overlapSideKey(documentId: string, activityId: string): string {
  return `${documentId}:${activityId}`;
}

/**
 * Brings the first card of the activity's overlaps into view and puts the focus on it; with no such card rendered
 * (past the cards shown, or another status chosen) the overlaps section instead. False when neither is in the page.
 */
export function revealOverlapsOf(documentId: string, activityId: string): boolean {
  const section = document.querySelector<HTMLElement>('[data-testid="matrix-overlaps"]');
  if (!section) return false;
  const key = overlapSideKey(documentId, activityId);
  const card = [...section.querySelectorAll<HTMLElement>('li[data-sides]')].find((li) => li.dataset.sides?.split(' ').includes(key));
  const target = card ?? section.querySelector<HTMLElement>('h2') ?? section;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: card ? 'center' : 'start', behavior: reduced ? 'auto' : 'smooth' });
  target.focus({ preventScroll: true });
  return true;
}

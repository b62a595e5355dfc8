/** `?activity=ID` on a plan page (links from the matrix): scroll to that activity's row and highlight it. */
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import './activityFocus.css';

const ROW_WAIT_MS = 10000;
const HIGHLIGHT_MS = 4000;

/** Waits for the row to render (the editor loads lazily and syncs first), then brings it into view once. */
export function useActivityFocus(): void {
  const [params] = useSearchParams();
  const activityId = params.get('activity');
  useEffect(() => {
    if (!activityId) return;
    const selector = `[data-activity-id="${CSS.escape(activityId)}"]`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reveal = (row: Element): void => {
      row.scrollIntoView({ block: 'center', behavior: 'smooth' });
      row.classList.add('activity-focus');
      row.querySelector<HTMLElement>('input, select, textarea, button, a, [tabindex]')?.focus({ preventScroll: true });
      timer = setTimeout(() => row.classList.remove('activity-focus'), HIGHLIGHT_MS);
    };
    const found = document.querySelector(selector);
    if (found) {
      reveal(found);
      return () => clearTimeout(timer);
    }
    const observer = new MutationObserver(() => {
      const row = document.querySelector(selector);
      if (!row) return;
      observer.disconnect();
      reveal(row);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const giveUp = setTimeout(() => observer.disconnect(), ROW_WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
      clearTimeout(timer);
    };
  }, [activityId]);
}

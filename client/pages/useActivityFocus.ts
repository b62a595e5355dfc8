/** `?activity=ID` on a plan page (links from the matrix and search): scroll to that activity's row and highlight it. */
import { useLinkedFocus } from '../lib/useLinkedFocus.js';
import './activityFocus.css';

/** Waits for the row to render (the editor loads lazily and syncs first), then brings it into view once. */
export function useActivityFocus(): void {
  useLinkedFocus('activity', 'data-activity-id', 'activity-focus');
}

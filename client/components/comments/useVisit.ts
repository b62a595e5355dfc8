/**
 * "Since your last visit": reads what changed (and shares it with the page, see sinceVisitMarks), then records this
 * visit; records it again on leaving (another page of the app, or the tab closed or hidden) so what the reader did
 * meanwhile is not news next time.
 */
import { useEffect, useState } from 'react';
import { changesSinceVisit, recordVisit, recordVisitOnLeave, type ChangesSinceVisit } from './api.js';
import { clearSinceVisit, publishSinceVisit } from './sinceVisitMarks.js';
import { keepSinceVisit } from './keptSinceVisit.js';
import { useMe } from '../../session/SessionContext.js';

/** What changed since the previous visit to this plan (null until known). */
export function useVisit(documentId: string): ChangesSinceVisit | null {
  const [changes, setChanges] = useState<ChangesSinceVisit | null>(null);
  const userId = useMe().user.id;
  useEffect(() => {
    const ctl = new AbortController();
    let read = false;
    const record = () => recordVisit(documentId).catch((err: unknown) => console.warn('visit not recorded', err));
    changesSinceVisit(documentId, ctl.signal)
      .then((fresh) => {
        read = true;
        // With what this tab was told before and not dismissed: recording the visit must not lose it on a reload.
        const c = keepSinceVisit(documentId, userId, fresh);
        setChanges(c);
        // The activities table marks the rows that changed, until the notice is dismissed or the plan closed.
        publishSinceVisit(documentId, c);
        return record();
      })
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) console.warn('changes since last visit unavailable', err);
      });
    // Closing the tab runs no cleanup, and a hidden tab may never come back: record the visit as it goes.
    // Hiding, then closing, fires both events: one record is enough.
    let recordedAt = 0;
    const onLeave = () => {
      if (!read || Date.now() - recordedAt < 1000) return;
      recordedAt = Date.now();
      recordVisitOnLeave(documentId);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onLeave();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onLeave);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onLeave);
      ctl.abort();
      clearSinceVisit(documentId);
      // Only a visit whose changes were read counts (a mount undone at once, as in StrictMode, does not).
      if (read) void record();
    };
  }, [documentId, userId]);
  return changes;
}

/**
 * "Since your last visit": reads what changed, then records this visit; records it again on leaving
 * so what the reader did meanwhile is not news next time.
 */
import { useEffect, useState } from 'react';
import { changesSinceVisit, recordVisit, type ChangesSinceVisit } from './api.js';

/** What changed since the previous visit to this plan (null until known). */
export function useVisit(documentId: string): ChangesSinceVisit | null {
  const [changes, setChanges] = useState<ChangesSinceVisit | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    let read = false;
    const record = () => recordVisit(documentId).catch((err: unknown) => console.warn('visit not recorded', err));
    changesSinceVisit(documentId, ctl.signal)
      .then((c) => {
        read = true;
        setChanges(c);
        return record();
      })
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) console.warn('changes since last visit unavailable', err);
      });
    return () => {
      ctl.abort();
      // Only a visit whose changes were read counts (a mount undone at once, as in StrictMode, does not).
      if (read) void record();
    };
  }, [documentId]);
  return changes;
}

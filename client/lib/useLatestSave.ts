/**
 * Saves a value that the user may change faster than the server answers (ticking attendance boxes): the newest
 * value shows at once and stays shown while saves are under way; saves go one at a time, and only the newest
 * waiting value is sent next. Replacing the whole value per save would otherwise let an answer to an older save
 * reset the choice, so the next tick built on a stale list and lost the one before.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** The shown value (`draft` while saving, else `saved`) and `submit`, which queues a new value. */
export function useLatestSave<T>(saved: T, save: (value: T) => Promise<unknown>, opts: { onSaved(): void; onError(err: unknown): void }) {
  const [draft, setDraft] = useState<{ value: T } | null>(null);
  const queue = useRef<{ running: boolean; next: { value: T } | null }>({ running: false, next: null });
  const latest = useRef({ save, opts });
  latest.current = { save, opts };

  // A fresh server copy replaces the draft, unless saves are still under way (it would be an older value).
  useEffect(() => {
    if (!queue.current.running) setDraft(null);
  }, [saved]);

  const submit = useCallback((value: T) => {
    setDraft({ value });
    const q = queue.current;
    q.next = { value };
    if (q.running) return;
    q.running = true;
    void (async () => {
      try {
        while (q.next) {
          const { value: sending } = q.next;
          q.next = null;
          await latest.current.save(sending);
        }
        q.running = false;
        latest.current.opts.onSaved();
      } catch (err) {
        q.running = false;
        q.next = null;
        setDraft(null);
        latest.current.opts.onError(err);
      }
    })();
  }, []);

  return { value: draft ? draft.value : saved, submit };
}

/**
 * Saves a value that the user may change faster than the server answers (ticking attendance boxes): the newest
 * value shows at once and stays shown while saves are under way; saves go one at a time, and only the newest
 * waiting value is sent next. Replacing the whole value per save would otherwise let an answer to an older save
 * reset the choice, so the next tick built on a stale list and lost the one before.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * After the last save, how long a server copy that differs from what was sent may be an answer read before it (a
 * reload started by an earlier save's event, landing once the saves are over). Within this window only a copy that
 * matches the value sent replaces the shown one; after it, any copy does (someone else may have changed it).
 */
export const SETTLE_MS = 1500;

/** What the last save sent, and until when a differing server copy is taken for an older answer. */
export interface Settling<T> {
  sent: T;
  until: number;
}

/** Whether a server copy `saved`, arriving at `now`, should replace the shown value: never mid-save, and not while an older answer may still land. */
export function takesServerCopy<T>(saved: T, state: { running: boolean; settling: Settling<T> | null; now: number; same: (a: T, b: T) => boolean }): boolean {
  if (state.running) return false;
  const s = state.settling;
  return !s || state.now >= s.until || state.same(saved, s.sent);
}

/**
 * The shown value (`draft` while saving, else `saved`) and `submit`, which queues a new value. `same` compares by
 * content: a server copy is a fresh object on every fetch, so identity would never recognise what was sent.
 */
export function useLatestSave<T>(saved: T, save: (value: T) => Promise<unknown>, opts: { onSaved(): void; onError(err: unknown): void; same(a: T, b: T): boolean }) {
  const [draft, setDraft] = useState<{ value: T } | null>(null);
  const queue = useRef<{ running: boolean; next: { value: T } | null }>({ running: false, next: null });
  const settling = useRef<Settling<T> | null>(null);
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ save, opts });
  latest.current = { save, opts };

  // A fresh server copy replaces the draft, unless saves are under way or it may be an answer read before the last one.
  useEffect(() => {
    if (!takesServerCopy(saved, { running: queue.current.running, settling: settling.current, now: Date.now(), same: latest.current.opts.same })) return;
    settling.current = null;
    setDraft(null);
  }, [saved]);

  useEffect(() => () => clearTimeout(settleTimer.current), []);

  const submit = useCallback((value: T) => {
    setDraft({ value });
    const q = queue.current;
    q.next = { value };
    if (q.running) return;
    q.running = true;
    clearTimeout(settleTimer.current);
    settling.current = null;
    void (async () => {
      let sent: T | undefined;
      try {
        while (q.next) {
          const { value: sending } = q.next;
          q.next = null;
          await latest.current.save(sending);
          sent = sending;
        }
        q.running = false;
        if (sent !== undefined) {
          const mine: Settling<T> = { sent, until: Date.now() + SETTLE_MS };
          settling.current = mine;
          // Whatever the server holds by then is shown, matching or not.
          settleTimer.current = setTimeout(() => {
            if (settling.current !== mine) return;
            settling.current = null;
            setDraft(null);
          }, SETTLE_MS);
        }
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

/**
 * Whether each thread's anchor still holds, read from the live plan rather than from when the comments were
 * fetched: the words someone else deletes (or a restore brings back) change the thread's marker at once.
 * Until the plan has synced with the server the fetched answer stands (a half-loaded copy would detach everything).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { resolveTextAnchor } from '../../../shared/commentAnchors.js';
import type { Thread } from './useComments.js';

/** Re-reading every anchor on each keystroke is needless; a short pause is soon enough for a marker. */
const SETTLE_MS = 300;

/** Thread id → detached now; only for text anchors, once `synced`; activity anchors follow `activityIds`. */
export function useLiveDetached(ydoc: Y.Doc, threads: Thread[], synced: boolean, activityIds: ReadonlySet<string>): ReadonlyMap<string, boolean> {
  const [textDetached, setTextDetached] = useState<ReadonlyMap<string, boolean>>(new Map());
  useEffect(() => {
    if (!synced) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const compute = () => {
      timer = undefined;
      const next = new Map<string, boolean>();
      for (const th of threads) {
        const a = th.root.anchor;
        if (a?.type === 'text') next.set(th.id, resolveTextAnchor(a, ydoc) === null);
      }
      setTextDetached((prev) => (prev.size === next.size && [...next].every(([id, v]) => prev.get(id) === v) ? prev : next));
    };
    const onUpdate = () => {
      timer ??= setTimeout(compute, SETTLE_MS);
    };
    compute();
    ydoc.on('update', onUpdate);
    return () => {
      ydoc.off('update', onUpdate);
      clearTimeout(timer);
    };
  }, [ydoc, threads, synced]);

  // The same Map while the answers stand: the margin's threads (and their memoized cards) follow it.
  const last = useRef<ReadonlyMap<string, boolean>>(new Map());
  return useMemo(() => {
    const out = new Map(textDetached);
    if (synced) for (const th of threads) if (th.root.anchor?.type === 'activity') out.set(th.id, !activityIds.has(th.root.anchor.activityId));
    const prev = last.current;
    if (prev.size === out.size && [...out].every(([id, v]) => prev.get(id) === v)) return prev;
    last.current = out;
    return out;
  }, [textDetached, threads, synced, activityIds]);
}

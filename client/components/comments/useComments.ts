/** A plan's comments, grouped in threads and kept current by the workspace's live events. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSocket } from '../../realtime/RealtimeContext.js';
import { listComments, type Comment } from './api.js';

export interface Thread {
  id: string;
  root: Comment;
  replies: Comment[];
  resolved: boolean;
}

export interface CommentsState {
  threads: Thread[];
  loading: boolean;
  error: unknown;
  reload: () => void;
}

const EVENTS = ['comment:created', 'comment:updated', 'comment:resolved'] as const;

/** Groups a flat, time-ordered list into threads (oldest first). */
export function toThreads(comments: Comment[]): Thread[] {
  const byId = new Map<string, Thread>();
  for (const c of comments) {
    if (c.id === c.threadId) byId.set(c.id, { id: c.id, root: c, replies: [], resolved: c.resolvedAt !== null });
  }
  for (const c of comments) if (c.id !== c.threadId) byId.get(c.threadId)?.replies.push(c);
  return [...byId.values()];
}

/** Loads all comments of a plan and reloads when anyone changes one (a thread's state touches several). */
export function useComments(workspaceId: string, documentId: string): CommentsState {
  const [comments, setComments] = useState<Comment[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const ctl = new AbortController();
    listComments(documentId, 'all', ctl.signal).then(
      (list) => {
        setComments(list);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [documentId, tick]);

  const socket = useSocket();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!socket) return;
    const onEvent = (payload: unknown) => {
      const p = payload as { workspaceId?: string; documentId?: string } | undefined;
      if (p?.workspaceId !== workspaceId || p.documentId !== documentId) return;
      // Several events arrive together (a reply that reopens a thread): one reload.
      clearTimeout(timer.current);
      timer.current = setTimeout(reload, 50);
    };
    // The socket's typed event map does not list comment events; the cast stays local.
    const s = socket as unknown as { on(e: string, l: (p: unknown) => void): void; off(e: string, l: (p: unknown) => void): void };
    for (const e of EVENTS) s.on(e, onEvent);
    return () => {
      clearTimeout(timer.current);
      for (const e of EVENTS) s.off(e, onEvent);
    };
  }, [socket, workspaceId, documentId, reload]);

  const threads = useMemo(() => toThreads(comments), [comments]);
  return { threads, loading, error, reload };
}

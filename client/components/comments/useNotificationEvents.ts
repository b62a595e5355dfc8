/** Runs a callback whenever a notification for the signed-in user arrives live, or one is settled by the server. */
import { useEffect, useRef } from 'react';
import { useSocket } from '../../realtime/RealtimeContext.js';

/** What each of these events carries that a listener may filter on: the working group it concerns. */
export interface NotificationEvent {
  workspaceId?: unknown;
}

/**
 * Subscribes to `notification:created`, `notification:read` (a stance request answered or moot) and
 * `notification:updated` (the comment it quotes changed), sent to the user whatever page they are on.
 */
export function useNotificationEvents(onChange: (event: NotificationEvent | undefined) => void): void {
  const socket = useSocket();
  const ref = useRef(onChange);
  ref.current = onChange;
  useEffect(() => {
    if (!socket) return;
    const listener = (payload?: NotificationEvent) => ref.current(payload);
    // The socket's typed event map does not list this event; the cast stays local.
    type Listener = (payload?: NotificationEvent) => void;
    const s = socket as unknown as { on(e: string, l: Listener): void; off(e: string, l: Listener): void };
    // `notification:updated`: the comment a notification quotes was edited or deleted.
    const events = ['notification:created', 'notification:read', 'notification:updated'];
    for (const e of events) s.on(e, listener);
    return () => {
      for (const e of events) s.off(e, listener);
    };
  }, [socket]);
}

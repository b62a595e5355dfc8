/** Runs a callback whenever a notification for the signed-in user arrives live, or one is settled by the server. */
import { useEffect, useRef } from 'react';
import { useSocket } from '../../realtime/RealtimeContext.js';

/**
 * Subscribes to `notification:created` and `notification:read` (a stance request answered or moot), sent to the
 * user whatever page they are on.
 */
export function useNotificationEvents(onChange: () => void): void {
  const socket = useSocket();
  const ref = useRef(onChange);
  ref.current = onChange;
  useEffect(() => {
    if (!socket) return;
    const listener = () => ref.current();
    // The socket's typed event map does not list this event; the cast stays local.
    const s = socket as unknown as { on(e: string, l: () => void): void; off(e: string, l: () => void): void };
    s.on('notification:created', listener);
    s.on('notification:read', listener);
    return () => {
      s.off('notification:created', listener);
      s.off('notification:read', listener);
    };
  }, [socket]);
}

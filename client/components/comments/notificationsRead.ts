/**
 * A same-tab signal that notifications were marked read. The server sends no event for that, so the
 * page that marks them tells the header's unread count directly.
 */
import { useEffect, useRef } from 'react';

const channel = new EventTarget();
const READ = 'read';

/** Tells listeners in this tab that some notifications are now read. */
export function announceNotificationsRead(): void {
  channel.dispatchEvent(new Event(READ));
}

/** Calls `onRead` whenever notifications are marked read in this tab. */
export function useNotificationsRead(onRead: () => void): void {
  const ref = useRef(onRead);
  ref.current = onRead;
  useEffect(() => {
    const listener = () => ref.current();
    channel.addEventListener(READ, listener);
    return () => channel.removeEventListener(READ, listener);
  }, []);
}

/**
 * Runs a callback when the signed-in person's set of working groups may have changed: removed from one
 * (`access:revoked`), added to one or given another role (`member:updated` naming them, which the server also sends to
 * their own room when they are added), or the socket came back after a drop (whatever was said meanwhile is lost).
 * Pages that list things across groups (home, inbox, the header's count) refetch then: the server filters by membership.
 */
import { useEffect, useRef } from 'react';
import { useSession } from '../session/SessionContext.js';
import { useSocket, useSocketEvent } from './RealtimeContext.js';
import type { AppSocket } from './socket.js';

/**
 * Sockets that lost their connection once: their next `connect` is a reconnect. Marked on `disconnect` by every
 * listener alike (the header's is always mounted), so the order the listeners run in does not matter.
 */
const dropped = new WeakSet<AppSocket>();

/** Calls `onChange` after a change of the signed-in person's groups, and after a reconnect. */
export function useMembershipChanges(onChange: () => void): void {
  const { me } = useSession();
  const meId = me?.user.id;
  const ref = useRef(onChange);
  ref.current = onChange;

  useSocketEvent('access:revoked', (p) => {
    // An ended session leads to sign-in (AccessRevokedWatcher): a refetch now would only meet a 401.
    if (p?.sessionEnded === true) return;
    if (typeof p?.userId === 'string' && p.userId !== meId) return;
    ref.current();
  });
  useSocketEvent('member:updated', (p) => {
    if (meId && p?.member?.userId === meId) ref.current();
  });

  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    // The first connect of a new socket follows the page's own first fetch: nothing was missed yet.
    const onConnect = () => {
      if (dropped.has(socket)) ref.current();
    };
    const onDisconnect = () => dropped.add(socket);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    };
  }, [socket]);
}

/** The matrix page's safety net for events it cannot receive: frequent while the socket is down, rare while it is up. */
import { useSocketConnected } from '../../realtime/RealtimeContext.js';
import { useVisibleInterval } from '../../realtime/useLiveRefresh.js';

/** Without a socket (blocked WebSockets, a dropped connection), the page still catches up this often. */
const DISCONNECTED_MS = 20_000;
/** With one, events report every change; this only covers one lost on the way (a node that died before emitting). */
const CONNECTED_MS = 120_000;

/** Calls `refresh` on that schedule while the tab is visible. */
export function useLiveInterval(refresh: () => void): void {
  const connected = useSocketConnected();
  useVisibleInterval(refresh, connected ? CONNECTED_MS : DISCONNECTED_MS);
}

/**
 * Carets and "here now" avatars come back as soon as a plan's socket reconnects, not at the next 15 s renewal.
 *
 * An awareness state is taken only when its clock is above the one held for its client (y-protocols). When the socket
 * drops, y-websocket removes everyone else's state but keeps their clocks, and the server does the same for the page
 * that left; on reconnecting, the page re-sends its state with the clock it had and is sent the others' with theirs,
 * so each side ignored the other until a caret moved or a renewal came due. So when the socket closes the page
 * forgets the clocks of the states it just lost (theirs come back with the same clocks), and when it reconnects it
 * sets its own state again, which advances its clock past what the server and the others kept.
 */
import type { WebsocketProvider } from 'y-websocket';

/** Installs the reconnect handling on `provider`; returns its removal. */
export function installAwarenessRejoin(provider: WebsocketProvider): () => void {
  const { awareness } = provider;
  let connectedBefore = false;
  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'disconnected') {
      // y-websocket has just removed the states of everyone else (it does so before telling): forget their clocks.
      for (const id of [...awareness.meta.keys()]) if (id !== awareness.clientID && !awareness.states.has(id)) awareness.meta.delete(id);
    } else if (status === 'connected') {
      // The socket is open (y-websocket sends our state right after this, with the advanced clock). A first connect
      // has nothing stale to get past.
      const state = awareness.getLocalState();
      if (connectedBefore && state !== null) awareness.setLocalState(state);
      connectedBefore = true;
    }
  };
  provider.on('status', onStatus);
  return () => provider.off('status', onStatus);
}

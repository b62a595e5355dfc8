/** Provides the Socket.IO connection to signed-in pages, with hooks to join rooms and subscribe to events. */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createSocket, WorkspaceRooms, type AppSocket, type PresenceEntry, type PresenceSection, type ServerEventName, type ServerEvents } from './socket.js';

interface Realtime {
  socket: AppSocket;
  rooms: WorkspaceRooms;
}

const RealtimeContext = createContext<Realtime | null>(null);
/** Whether a provider above already owns the socket (the layout's, shared by the header and pages). */
const RealtimeOwnerContext = createContext(false);

/**
 * Opens one socket for the signed-in session and closes it on sign-out. A provider nested in another
 * one reuses the outer socket, so the header and the page share a connection. `enabled: false`
 * (signed out) keeps the place in the tree without a socket.
 */
export function RealtimeProvider({ children, enabled = true }: { children: ReactNode; enabled?: boolean }) {
  const nested = useContext(RealtimeOwnerContext);
  if (nested) return <>{children}</>;
  return (
    <RealtimeOwnerContext.Provider value={true}>
      <OwnRealtime enabled={enabled}>{children}</OwnRealtime>
    </RealtimeOwnerContext.Provider>
  );
}

function OwnRealtime({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const [rt, setRt] = useState<Realtime | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const socket = createSocket();
    const rooms = new WorkspaceRooms(socket);
    setRt({ socket, rooms });
    // Connect a tick later: a mount that is immediately undone (StrictMode) never opens a socket.
    const timer = setTimeout(() => socket.connect(), 0);
    return () => {
      clearTimeout(timer);
      socket.disconnect();
      setRt(null);
    };
  }, [enabled]);
  return <RealtimeContext.Provider value={rt}>{children}</RealtimeContext.Provider>;
}

/** The socket, or null during the first render. */
export function useSocket(): AppSocket | null {
  return useContext(RealtimeContext)?.socket ?? null;
}

/** Calls `handler` for a server event; the latest handler is used without re-subscribing. */
export function useSocketEvent<E extends ServerEventName>(event: E, handler: ServerEvents[E]): void {
  const socket = useSocket();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerEvents[E]>) => (ref.current as (...a: unknown[]) => void)(...args)) as ServerEvents[E];
    // socket.io's typed `on` cannot relate a generic event name to its listener; the cast is local.
    (socket as unknown as { on(e: string, l: unknown): void }).on(event, listener);
    return () => {
      (socket as unknown as { off(e: string, l: unknown): void }).off(event, listener);
    };
  }, [socket, event]);
}

/** Like useSocketEvent, but only for payloads of one working group. */
export function useWorkspaceEvent<E extends ServerEventName>(workspaceId: string, event: E, handler: (payload: Parameters<ServerEvents[E]>[0]) => void): void {
  useSocketEvent(event, ((payload: Parameters<ServerEvents[E]>[0]) => {
    if (payload && payload.workspaceId === workspaceId) handler(payload);
  }) as ServerEvents[E]);
}

/**
 * Calls `reload` whenever this page's working-group room is (re)joined, so a page catches up on
 * events it could not receive before the join was acknowledged. Pair it with useWorkspaceRoom.
 */
export function useWorkspaceResync(workspaceId: string, reload: () => void): void {
  const rt = useContext(RealtimeContext);
  const ref = useRef(reload);
  ref.current = reload;
  useEffect(() => {
    if (!rt) return;
    return rt.rooms.onJoined(workspaceId, () => ref.current());
  }, [rt, workspaceId]);
}

/**
 * Joins several working groups' rooms while mounted (e.g. every group of the signed-in user) and calls
 * `onJoined` after each acknowledged (re)join, so the caller can catch up on events it missed.
 */
export function useWorkspaceRooms(workspaceIds: readonly string[], onJoined?: () => void): void {
  const rt = useContext(RealtimeContext);
  const ref = useRef(onJoined);
  ref.current = onJoined;
  // A stable key: the caller's array is usually rebuilt on every render.
  const key = [...new Set(workspaceIds)].sort().join('\n');
  useEffect(() => {
    if (!rt || !key) return;
    const ids = key.split('\n');
    const stopListening = ids.map((id) => rt.rooms.onJoined(id, () => ref.current?.()));
    const leave = ids.map((id) => rt.rooms.join(id));
    return () => {
      for (const stop of stopListening) stop();
      for (const release of leave) release();
    };
  }, [rt, key]);
}

/** Whether the socket is connected (re-renders on change). */
export function useSocketConnected(): boolean {
  const socket = useSocket();
  const [connected, setConnected] = useState(socket?.connected ?? false);
  useEffect(() => {
    if (!socket) return;
    const update = () => setConnected(socket.connected);
    update();
    socket.on('connect', update);
    socket.on('disconnect', update);
    return () => {
      socket.off('connect', update);
      socket.off('disconnect', update);
    };
  }, [socket]);
  return connected;
}

/**
 * Joins a working group's room for as long as the component is mounted, reports this page's
 * presence (active while the window has focus, idle otherwise) and returns who is online.
 */
export function useWorkspaceRoom(workspaceId: string, documentId?: string, section?: PresenceSection): PresenceEntry[] {
  const rt = useContext(RealtimeContext);
  const [online, setOnline] = useState<PresenceEntry[]>([]);

  useEffect(() => {
    if (!rt) return;
    const { socket, rooms } = rt;
    const release = rooms.join(workspaceId, { presence: true });
    const report = () => {
      const state = document.visibilityState === 'visible' && document.hasFocus() ? 'active' : 'idle';
      socket.emit('presence:update', documentId ? { workspaceId, documentId, state } : section ? { workspaceId, section, state } : { workspaceId, state });
    };
    const onConnect = () => setTimeout(report, 0); // after the room join emitted on the same connect
    if (socket.connected) report();
    socket.on('connect', onConnect);
    window.addEventListener('focus', report);
    window.addEventListener('blur', report);
    document.addEventListener('visibilitychange', report);
    return () => {
      socket.off('connect', onConnect);
      window.removeEventListener('focus', report);
      window.removeEventListener('blur', report);
      document.removeEventListener('visibilitychange', report);
      release();
    };
  }, [rt, workspaceId, documentId, section]);

  useWorkspaceEvent(workspaceId, 'presence:updated', (p) => setOnline(Array.isArray(p.online) ? p.online : []));
  return useMemo(() => online, [online]);
}

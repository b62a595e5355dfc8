/** Calls back when a plan's versions change on the server (created, approved, restored). */
import { useEffect, useRef } from 'react';
import { useSocket } from '../../realtime/RealtimeContext.js';

const EVENTS = ['version:created', 'version:approved', 'version:restored'] as const;

interface VersionEventPayload {
  workspaceId?: string;
  documentId?: string;
  version?: { documentId?: string };
}

type Listener = (payload: VersionEventPayload) => void;

/** Subscribes to the version events of one plan for as long as the component is mounted. */
export function useVersionEvents(workspaceId: string, documentId: string, onChange: () => void): void {
  const socket = useSocket();
  const ref = useRef(onChange);
  ref.current = onChange;
  useEffect(() => {
    if (!socket) return;
    // These events are not in the app's typed event map (owned elsewhere); the untyped view stays local.
    const untyped = socket as unknown as { on(e: string, l: Listener): void; off(e: string, l: Listener): void };
    const listener: Listener = (p) => {
      if (p?.workspaceId === workspaceId && (p.documentId ?? p.version?.documentId) === documentId) ref.current();
    };
    for (const e of EVENTS) untyped.on(e, listener);
    return () => {
      for (const e of EVENTS) untyped.off(e, listener);
    };
  }, [socket, workspaceId, documentId]);
}

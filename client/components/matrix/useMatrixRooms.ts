/**
 * The live rooms of the matrix page: every working group of the user. The page's first fetches wait until the
 * joins are acknowledged, so nothing changed between a fetch and the join goes unseen and no catch-up fetch is
 * needed; only a join that may have missed events (after a reconnect, for a new group, or one slower than the
 * wait) asks the page to catch up.
 */
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { useSocket, useWorkspaceRooms } from '../../realtime/RealtimeContext.js';
import { useMe } from '../../session/SessionContext.js';

/** How long the first fetches wait for the joins (a socket that cannot connect must not hide the page). */
const JOIN_WAIT_MS = 1000;

export interface MatrixRooms {
  /** The first fetches may start: every room answered, or the wait is over. */
  ready: boolean;
  /** Goes up with each join that may have missed events: the page fetches again. */
  rejoins: number;
}

interface State extends MatrixRooms {
  acks: number;
  /** Ready by the wait, before every room answered: later answers may follow the first fetches. */
  early: boolean;
  /** The connection and rooms the page was ready with; answers for the same ones are not news. */
  epoch: number;
  key: string;
}

type Action = { type: 'joined'; expected: number; epoch: number; key: string } | { type: 'timeout' };

function reduce(state: State, action: Action): State {
  if (action.type === 'timeout') return state.ready ? state : { ...state, ready: true, early: true };
  if (!state.ready) {
    const acks = state.acks + 1;
    return acks >= action.expected ? { ...state, acks, ready: true, epoch: action.epoch, key: action.key } : { ...state, acks };
  }
  // A repeated join on the same connection for the same rooms (a remount) missed nothing.
  if (!state.early && action.epoch === state.epoch && action.key === state.key) return state;
  return { ...state, rejoins: state.rejoins + 1, epoch: action.epoch, key: action.key };
}

/** Joins the user's working-group rooms while mounted; see the module comment. */
export function useMatrixRooms(): MatrixRooms {
  const me = useMe();
  const ids = me.memberships.map((m) => m.workspaceId);
  const key = [...new Set(ids)].sort().join(' ');
  const expected = new Set(ids).size;
  const [state, dispatch] = useReducer(reduce, { ready: expected === 0, rejoins: 0, acks: 0, early: false, epoch: 0, key });

  // Counts (re)connections: a join answered on a new connection follows a time without events.
  const socket = useSocket();
  const epoch = useRef(0);
  useEffect(() => {
    if (!socket) return;
    const onConnect = () => void epoch.current++;
    socket.on('connect', onConnect);
    return () => void socket.off('connect', onConnect);
  }, [socket]);

  useWorkspaceRooms(ids, () => dispatch({ type: 'joined', expected, epoch: epoch.current, key }));
  useEffect(() => {
    const timer = setTimeout(() => dispatch({ type: 'timeout' }), JOIN_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  const { ready, rejoins } = state;
  return useMemo(() => ({ ready, rejoins }), [ready, rejoins]);
}

/** Leaves a working group's pages as soon as the server says our access to it was removed, or our session ended. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { isAbort } from '../api/http.js';
import { getSession } from '../api/session.js';
import { useSocket, useSocketEvent } from '../realtime/RealtimeContext.js';
import { isLeaving } from '../session/leavingGroups.js';
import { useSession } from '../session/SessionContext.js';
import { pruneRevokedPlanCopies } from '../plan/revokedPlanCopies.js';
import { useNotices } from './Notices.js';

/** Listens for `access:revoked` and for the server closing the socket; renders nothing. */
export function AccessRevokedWatcher() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { show } = useNotices();
  const { reload, me, signedOutHere } = useSession();
  const toldSessionEnded = useRef(false);
  // A new sign-in is a new session: its end is told again.
  useEffect(() => {
    toldSessionEnded.current = false;
  }, [me]);

  const sessionEnded = () => {
    void reload();
    // This page's own sign-out also closes its socket, maybe before the logout request returns: not news to it.
    if (!toldSessionEnded.current && !signedOutHere()) show(t('access.sessionEnded'), 'warning');
    toldSessionEnded.current = true;
  };
  const sessionEndedRef = useRef(sessionEnded);
  sessionEndedRef.current = sessionEnded;
  const meIdRef = useRef(me?.user.id);
  meIdRef.current = me?.user.id;

  useSocketEvent('access:revoked', (payload) => {
    const workspaceId = payload?.workspaceId;
    // If the server names the user, the event may concern someone else in the same room.
    if (typeof payload?.userId === 'string' && me && payload.userId !== me.user.id) return;
    // The whole session was revoked (signed out elsewhere): the reload lands on sign-in. The server says so
    // once per group joined (older servers with no group at all): one notice.
    if (payload?.sessionEnded === true || !workspaceId) return sessionEnded();
    // Left by choice in this tab (LeaveGroupButton): it says so itself.
    if (isLeaving(workspaceId)) return;
    void reload();
    // The group's plans' offline copies are no longer this person's to keep.
    pruneRevokedPlanCopies().catch((err: unknown) => console.warn('Offline plan copies were not checked', err));
    if (location.pathname.startsWith(`/w/${workspaceId}`)) {
      show(t('access.revoked'), 'warning');
      navigate('/', { replace: true });
    }
  });

  // A page in no group's room (home, admin, inbox) is told nothing when its session ends: the server only closes its
  // socket, or refuses it on reconnecting (after a sleep, a lost connection). Without this the page went on showing the
  // person's groups, or the admin's list of people, after a sign-out in another tab. A socket the server closed does
  // not reconnect by itself, so one closed for another reason is reopened.
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    const ctl = new AbortController();
    const checkSession = (reopen: boolean) => {
      getSession(ctl.signal).then(
        (current) => {
          if (current && reopen) socket.connect();
          // Signed out, or someone else signed in meanwhile on this browser: this page's person is gone.
          if (current?.user.id !== meIdRef.current) sessionEndedRef.current();
        },
        (err: unknown) => {
          if (!isAbort(err)) console.warn('Could not check the session after the server closed the connection', err);
        },
      );
    };
    const onDisconnect = (reason: string) => {
      if (reason === 'io server disconnect') checkSession(true);
    };
    // A refusal while the session still holds is left to socket.io's own retries (reopening here could loop).
    const onConnectError = (err: Error & { data?: { code?: unknown } }) => {
      if (err.data?.code === 'unauthenticated') checkSession(false);
    };
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    return () => {
      ctl.abort();
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
    };
  }, [socket]);
  return null;
}

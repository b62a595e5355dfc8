/** Leaves a working group's pages as soon as the server says our access to it was removed. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSocketEvent } from '../realtime/RealtimeContext.js';
import { useSession } from '../session/SessionContext.js';
import { useNotices } from './Notices.js';

/** Listens for `access:revoked`; renders nothing. */
export function AccessRevokedWatcher() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { show } = useNotices();
  const { reload, me } = useSession();
  const toldSessionEnded = useRef(false);
  // A new sign-in is a new session: its end is told again.
  useEffect(() => {
    toldSessionEnded.current = false;
  }, [me]);

  useSocketEvent('access:revoked', (payload) => {
    const workspaceId = payload?.workspaceId;
    // If the server names the user, the event may concern someone else in the same room.
    if (typeof payload?.userId === 'string' && me && payload.userId !== me.user.id) return;
    void reload();
    // The whole session was revoked (signed out elsewhere): the reload above lands on sign-in. The server says so
    // once per group joined (older servers with no group at all): one notice.
    if (payload?.sessionEnded === true || !workspaceId) {
      if (!toldSessionEnded.current) show(t('access.sessionEnded'), 'warning');
      toldSessionEnded.current = true;
      return;
    }
    if (location.pathname.startsWith(`/w/${workspaceId}`)) {
      show(t('access.revoked'), 'warning');
      navigate('/', { replace: true });
    }
  });
  return null;
}

/**
 * Tells the people on a plan that someone restored a version: its content replaced theirs live, and without a
 * word the text just vanished. Names who, which version, and where the content before went. A restore missed
 * while disconnected is told on reconnect (see restoreWatch).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getWorkspace } from '../api/workspaces.js';
import { versionDisplayName } from '../components/history/VersionName.js';
import { useAsync } from '../lib/useAsync.js';
import { useSocket } from '../realtime/RealtimeContext.js';
import { restoredByThisTab, type RestoreSeen } from './restoreWatch.js';

/** A dismissible notice, shown when a version of this plan is restored from anywhere but this tab, live or missed. */
export function RestoredNotice({ workspaceId, documentId, user, missed }: { workspaceId: string; documentId: string; user: { userId: string; name: string }; missed: RestoreSeen | null }) {
  const { t } = useTranslation();
  const socket = useSocket();
  const [restored, setRestored] = useState<RestoreSeen | null>(null);
  useEffect(() => {
    if (!socket) return;
    // Not in the app's typed event map (the history panel owns version events); the untyped view stays local.
    const untyped = socket as unknown as { on(e: string, l: (p: RestoreSeen) => void): void; off(e: string, l: (p: RestoreSeen) => void): void };
    const listener = (p: RestoreSeen) => {
      // This tab's own restore was told by its history panel; the person's other tabs and devices are told here.
      if (p?.workspaceId === workspaceId && p.documentId === documentId && !restoredByThisTab(documentId)) setRestored(p);
    };
    untyped.on('version:restored', listener);
    return () => untyped.off('version:restored', listener);
  }, [socket, workspaceId, documentId]);
  useEffect(() => {
    if (missed) setRestored(missed);
  }, [missed]);
  // A restore found after a reconnection knows who made it by id only: the group's member list names them (read
  // only then), or the notice said "Someone" for a person everyone there knows.
  const unnamedId = restored && !restored.restoredByName && restored.restoredById !== user.userId ? (restored.restoredById ?? null) : null;
  const restorer = useAsync(
    async (signal) => ({ id: unnamedId, name: unnamedId ? ((await getWorkspace(workspaceId, signal)).members.find((m) => m.userId === unnamedId)?.name ?? null) : null }),
    [workspaceId, unnamedId],
  );
  // The name looked up for this restore, never the one of a restore told before.
  const restorerName = restorer.data && restorer.data.id === unnamedId ? restorer.data.name : null;
  // Told once the name is known (a status that changes its words is read out twice); "Someone" if it cannot be.
  const lookingUp = unnamedId !== null && restorerName === null && !restorer.error && restorer.data?.id !== unnamedId;
  if (!restored || lookingUp) return null;
  // Version names are shown as the history list shows them: an automatic backup in the reader's language.
  const versionName = versionDisplayName({ kind: restored.versionKind ?? 'named', name: restored.versionName ?? '' }, t);
  const backupName = versionDisplayName({ kind: 'auto', name: restored.backupVersionName ?? '' }, t);
  return (
    <div className="notice notice-info" role="status" data-testid="restored-notice">
      <p className="notice-title">{t('history.restoredByOther', { who: restored.restoredByName ?? (restored.restoredById === user.userId ? user.name : (restorerName ?? t('history.someone'))), name: versionName })}</p>
      <p className="notice-hint">{t('history.restoredByOtherHint', { backup: backupName })}</p>
      {restored.offlineEdits && <p className="notice-hint">{t('history.restoredOfflineEditsHint', { backup: backupName })}</p>}
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setRestored(null)}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}

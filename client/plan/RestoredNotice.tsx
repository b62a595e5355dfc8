/**
 * Tells the people on a plan that someone restored a version: its content replaced theirs live, and without a
 * word the text just vanished. Names who, which version, and where the content before went.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { versionDisplayName } from '../components/history/VersionName.js';
import type { PlanVersion } from '../components/history/api.js';
import { useSocket } from '../realtime/RealtimeContext.js';

interface Restored {
  workspaceId?: string;
  documentId?: string;
  versionName?: string;
  versionKind?: PlanVersion['kind'];
  backupVersionName?: string;
  restoredById?: string;
  restoredByName?: string;
}

/** A dismissible notice, shown when another person restores a version of this plan. */
export function RestoredNotice({ workspaceId, documentId, userId }: { workspaceId: string; documentId: string; userId: string }) {
  const { t } = useTranslation();
  const socket = useSocket();
  const [restored, setRestored] = useState<Restored | null>(null);
  useEffect(() => {
    if (!socket) return;
    // Not in the app's typed event map (the history panel owns version events); the untyped view stays local.
    const untyped = socket as unknown as { on(e: string, l: (p: Restored) => void): void; off(e: string, l: (p: Restored) => void): void };
    const listener = (p: Restored) => {
      // The person who restored it was told by the history panel already.
      if (p?.workspaceId === workspaceId && p.documentId === documentId && p.restoredById !== userId) setRestored(p);
    };
    untyped.on('version:restored', listener);
    return () => untyped.off('version:restored', listener);
  }, [socket, workspaceId, documentId, userId]);
  if (!restored) return null;
  // Version names are shown as the history list shows them: an automatic backup in the reader's language.
  const versionName = versionDisplayName({ kind: restored.versionKind ?? 'named', name: restored.versionName ?? '' }, t);
  const backupName = versionDisplayName({ kind: 'auto', name: restored.backupVersionName ?? '' }, t);
  return (
    <div className="notice notice-info" role="status" data-testid="restored-notice">
      <p className="notice-title">{t('history.restoredByOther', { who: restored.restoredByName ?? t('history.someone'), name: versionName })}</p>
      <p className="notice-hint">{t('history.restoredByOtherHint', { backup: backupName })}</p>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setRestored(null)}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}

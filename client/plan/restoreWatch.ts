/**
 * Restores this page did not hear of live. A page whose connection was cut while someone restored a version syncs
 * the restored plan on reconnect, but the `version:restored` event was gone: no notice said why the text changed,
 * and the undo stack, still holding steps from before, put restored words in twice. On every re-sync the page
 * compares the plan's versions with those it knew and treats a new before-restore backup as a restore it missed.
 * Also: the restores this tab made itself, so the person's other tabs and devices are told like anyone else.
 */
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { listVersions } from '../components/history/api.js';
import { restoredNameIn } from '../components/history/VersionName.js';
import { useSocket } from '../realtime/RealtimeContext.js';

/** A restore as the notice shows it (the `version:restored` event's fields that matter here). */
export interface RestoreSeen {
  workspaceId?: string;
  documentId?: string;
  versionName?: string;
  versionKind?: 'auto' | 'named' | 'meeting';
  backupVersionName?: string;
  restoredById?: string;
  restoredByName?: string;
  /** This page had edits of its own while cut off: those in parts the restore removed went into its backup. */
  offlineEdits?: boolean;
}

/** Plans this tab is restoring now (until shortly after the answer): their own event is not news here. */
const restoringHere = new Map<string, number>();
const OWN_RESTORE_MS = 5000;

/** Marks a restore of `documentId` as made by this tab; call the returned function once it answered. */
export function restoringFromThisTab(documentId: string): () => void {
  restoringHere.set(documentId, Number.POSITIVE_INFINITY);
  return () => restoringHere.set(documentId, Date.now() + OWN_RESTORE_MS);
}

/** Whether this tab restored `documentId` just now (the history panel told the person already). */
export function restoredByThisTab(documentId: string): boolean {
  return (restoringHere.get(documentId) ?? 0) > Date.now();
}

/**
 * The latest restore of `documentId` this page missed while disconnected, found on re-sync; null until one is.
 * `synced` is the plan socket's sync state; `ydoc` the plan, to tell whether this page edited it while unsynced.
 */
export function useMissedRestore(documentId: string, synced: boolean, ydoc: Y.Doc): RestoreSeen | null {
  const socket = useSocket();
  const syncedNow = useRef(synced);
  syncedNow.current = synced;
  /** This page changed the plan since its last sync ended. */
  const editedUnsynced = useRef(false);
  /** The versions the page knows, and how many unsynced spells had begun when that list was asked for. */
  const known = useRef<{ ids: Set<string>; spell: number } | null>(null);
  /** Unsynced spells so far: the page opening before its first sync is one, and so is every cut after. */
  const spells = useRef(0);
  /** Lists asked for, and the latest one taken in: an older answer arriving late is not taken over a newer one. */
  const asked = useRef(0);
  const taken = useRef(0);
  const [missed, setMissed] = useState<RestoreSeen | null>(null);

  // Versions announced live are known: their restore (if any) was heard live too.
  useEffect(() => {
    if (!socket) return;
    const untyped = socket as unknown as { on(e: string, l: (p: { version?: { id?: string } }) => void): void; off(e: string, l: (p: { version?: { id?: string } }) => void): void };
    const listener = (p: { version?: { id?: string } }) => {
      if (p?.version?.id) known.current?.ids.add(p.version.id);
    };
    untyped.on('version:created', listener);
    return () => untyped.off('version:created', listener);
  }, [socket]);

  useEffect(() => {
    const onTransaction = (tr: Y.Transaction) => {
      if (tr.local && !syncedNow.current && tr.changed.size > 0) editedUnsynced.current = true;
    };
    ydoc.on('afterTransaction', onTransaction);
    return () => ydoc.off('afterTransaction', onTransaction);
  }, [ydoc]);

  useEffect(() => {
    // Not aborted when the connection drops: a list asked for before a cut is the baseline then. (The page around a
    // plan is remounted for another plan, so a list never lands on the wrong one.)
    const read = (spell: number, offlineEdits = false) => {
      const seq = ++asked.current;
      listVersions(documentId).then(
        (list) => {
          if (seq < taken.current) return;
          taken.current = seq;
          // Only across an unsynced spell: while synced, every new version (and restore) is heard live.
          if (known.current && spell > known.current.spell) {
            const before = known.current.ids;
            const backup = list.filter((v) => !before.has(v.id) && v.kind === 'auto' && restoredNameIn(v.name) !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
            if (backup && !restoredByThisTab(documentId)) setMissed({ documentId, versionName: restoredNameIn(backup.name) ?? '', backupVersionName: backup.name, restoredById: backup.createdById ?? undefined, offlineEdits });
          }
          known.current = { ids: new Set(list.map((v) => v.id)), spell };
        },
        (err: unknown) => console.warn('The plan’s versions could not be read after reconnecting', err),
      );
    };
    if (!synced) {
      // The baseline is what the plan had as the page opened, not at its first sync: a connection cut before that
      // sync, while someone restored, still left a restore to tell.
      if (asked.current === 0) read(spells.current);
      spells.current++;
      return;
    }
    const edited = editedUnsynced.current;
    editedUnsynced.current = false;
    read(spells.current, edited);
  }, [synced, documentId]);

  return missed;
}

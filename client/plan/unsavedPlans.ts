/**
 * Which open plans hold edits the server has not confirmed yet, in this tab and in the browser's other tabs.
 * Signing out erases the plans' offline copies (shared computers), so it asks first while any are listed.
 */
import { useEffect } from 'react';
import { notePendingOfflineEdits } from './localCache.js';

/** This tab's plans (document ids) whose save state is not `saved`. */
const here = new Set<string>();

const CHANNEL = 'enlace.unsavedPlans';

/** How long a sign-out waits for the other tabs to answer: they answer from memory, within a few milliseconds. */
const ASK_WAIT_MS = 250;

type Message = { type: 'ask'; id: string } | { type: 'answer'; id: string; documentIds: string[] };

// Old browsers without BroadcastChannel only know about this tab.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
channel?.addEventListener('message', (e: MessageEvent<Message>) => {
  if (e.data?.type === 'ask' && here.size > 0) channel.postMessage({ type: 'answer', id: e.data.id, documentIds: [...here] } satisfies Message);
});

/**
 * Lists `documentId` as unsaved while `unsaved` is true and the plan is open; and, in this browser's storage, until
 * the plan is seen saved, so a plan closed (or a tab gone) with unconfirmed edits is pushed later (offlineCopySync).
 */
export function usePublishUnsaved(documentId: string, unsaved: boolean): void {
  useEffect(() => {
    notePendingOfflineEdits(documentId, unsaved);
    if (!unsaved) return;
    here.add(documentId);
    return () => {
      here.delete(documentId);
      // Another tab may have seen the plan saved meanwhile; this one closes with edits it never saw confirmed.
      notePendingOfflineEdits(documentId, true);
    };
  }, [documentId, unsaved]);
}

/** The plans with unconfirmed edits in this tab and in the other tabs of this browser that answer in time. */
export async function unsavedPlansInBrowser(): Promise<string[]> {
  const found = new Set(here);
  // This tab's own list is enough to ask before signing out: no need to wait for the others.
  if (!channel || found.size > 0) return [...found];
  const id = Math.random().toString(36).slice(2);
  const onAnswer = (e: MessageEvent<Message>) => {
    if (e.data?.type === 'answer' && e.data.id === id) for (const d of e.data.documentIds) found.add(d);
  };
  channel.addEventListener('message', onAnswer);
  channel.postMessage({ type: 'ask', id } satisfies Message);
  await new Promise((resolve) => setTimeout(resolve, ASK_WAIT_MS));
  channel.removeEventListener('message', onAnswer);
  return [...found];
}

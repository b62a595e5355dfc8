/** A plan page whose Yjs socket a test cuts and lets back, and the typing it does while cut off (browser tests). */
import type { Page, WebSocketRoute } from 'playwright-core';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { cacheName } from '../../client/plan/localCache.js';
import { bodyToPlainText, getBody } from '../../shared/planModel.js';

export const PLAN_EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
export const SAVE_BADGE = '[data-testid="save-state"]';

/** A switch on the page's plan sockets: while blocked, open sockets drop and new ones close at once. */
export interface PlanSocketSwitch {
  block(): Promise<void>;
  allow(): void;
  /** How many plan sockets reached the server so far. */
  opened(): number;
}

/** Routes the page's plan sockets through a switch. */
export async function planSocketSwitch(page: Page): Promise<PlanSocketSwitch> {
  let blocked = false;
  let opened = 0;
  const open: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/yjs\//, async (ws) => {
    if (blocked) return void (await ws.close());
    opened++;
    open.push(ws);
    ws.connectToServer();
  });
  return {
    async block() {
      blocked = true;
      for (const ws of open.splice(0)) await ws.close();
    },
    allow() {
      blocked = false;
    },
    opened: () => opened,
  };
}

/** The plan's prose as the server stores it (its JSON export). */
export async function storedBody(api: { get<T>(path: string): Promise<{ body: T }> }, documentId: string): Promise<string> {
  return (await api.get<{ body: string }>(`/api/documents/${documentId}/export?format=json`)).body.body;
}

/** The prose of the plan's offline copy as this browser's IndexedDB holds it now (y-indexeddb's update store). */
export async function offlineCopyText(page: Page, documentId: string): Promise<string> {
  const updates = await page.evaluate(
    (name) =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('updates', 'readonly').objectStore('updates').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            db.close();
            resolve((read.result as Uint8Array[]).map((u) => Array.from(u)));
          };
        };
      }),
    cacheName(documentId),
  );
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, Uint8Array.from(u));
  return bodyToPlainText(getBody(doc));
}

/**
 * Holds the plan's offline copy busy from now until the page goes: a read-write transaction that never ends, so the
 * copy's writes of later edits queue behind it, as a slow disk would leave them (a tab that goes aborts them).
 */
export async function stallOfflineCopy(page: Page, documentId: string): Promise<void> {
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('updates', 'readwrite').objectStore('updates');
          const spin = () => {
            store.count().onsuccess = spin;
          };
          store.count().onsuccess = () => {
            spin();
            resolve();
          };
        };
      }),
    cacheName(documentId),
  );
}

/**
 * Opens the plan, waits for it to be saved, cuts its socket and types `text` at the end: edits only this browser
 * holds. Returns once the offline copy holds all of `text`, so a test that then reloads or leaves does not race the
 * copy's last writes (a tab that goes mid-write loses them from the copy). With `stalled`, the copy is held busy
 * before typing instead (stallOfflineCopy), and none of `text` reaches it.
 */
export async function typeWhileOffline(page: Page, url: string, text: string, opts: { stalled?: boolean } = {}): Promise<PlanSocketSwitch> {
  const socket = await planSocketSwitch(page);
  await page.goto(url);
  await page.locator(PLAN_EDITOR).waitFor();
  await expect.poll(() => page.getAttribute(SAVE_BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
  await socket.block();
  await expect.poll(() => page.getAttribute(SAVE_BADGE, 'data-state'), { timeout: 15_000 }).toBe('offline');
  const documentId = /\/d\/([^/?#]+)/.exec(url)?.[1];
  if (!documentId) throw new Error(`No plan id in ${url}`);
  if (opts.stalled) await stallOfflineCopy(page, documentId);
  await page.locator(PLAN_EDITOR).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  if (opts.stalled) return socket;
  await expect.poll(() => offlineCopyText(page, documentId), { timeout: 15_000 }).toContain(text.trim());
  return socket;
}

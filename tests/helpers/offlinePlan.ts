/** A plan page whose Yjs socket a test cuts and lets back, and the typing it does while cut off (browser tests). */
import type { Page, WebSocketRoute } from 'playwright-core';
import { expect } from 'vitest';

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

/** Opens the plan, waits for it to be saved, cuts its socket and types `text` at the end: edits only this browser holds. */
export async function typeWhileOffline(page: Page, url: string, text: string): Promise<PlanSocketSwitch> {
  const socket = await planSocketSwitch(page);
  await page.goto(url);
  await page.locator(PLAN_EDITOR).waitFor();
  await expect.poll(() => page.getAttribute(SAVE_BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
  await socket.block();
  await expect.poll(() => page.getAttribute(SAVE_BADGE, 'data-state'), { timeout: 15_000 }).toBe('offline');
  await page.locator(PLAN_EDITOR).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  return socket;
}

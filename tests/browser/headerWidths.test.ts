/**
 * The pinned header keeps to one calm row from a small tablet to a wide screen (it wrapped onto two rows between about
 * 641 and 1,200 px): for an instance admin with unread notices, in Spanish and English, on the home page and a plan,
 * every item sits in one row, none overlaps another, none is cut off and the page never scrolls sideways. A phone keeps
 * its own three rows (tests/browser/narrowScreens.test.ts), and still never overlaps or overflows here.
 * Screenshots of each case go to /tmp/headerwidths/ to look at.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const SHOTS = '/tmp/headerwidths';
const WIDE = 1440;
const WIDTHS = [641, 700, 800, 900, 1024, 1100, 1200, 1280, WIDE];
/** Phone widths: the last one is the widest that still takes the phone's three rows. */
const PHONES = [390, 640];

interface ItemBox {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface HeaderLayout {
  headerHeight: number;
  items: ItemBox[];
  /** How far the page reaches past the window's right edge (0 when it does not scroll sideways). */
  overflow: number;
}

/** The header's visible controls (links, buttons, the search field, menu buttons) with their boxes. */
function readHeader(page: Page): Promise<HeaderLayout> {
  return page.evaluate(() => {
    const header = document.querySelector<HTMLElement>('.app-header')!;
    const inner = header.querySelector<HTMLElement>('.header-inner')!;
    const controls = [...inner.querySelectorAll<HTMLElement>('a, button, summary, input')];
    const items = controls
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Read out but not shown (clipped to 1 px), or folded away in a closed menu (which still has boxes).
        return r.width > 1 && r.height > 1 && el.checkVisibility({ visibilityProperty: true });
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? (el.textContent ?? '').trim().slice(0, 30);
        return { name: `${el.tagName.toLowerCase()} «${name}»`, x: r.x, y: r.y, width: r.width, height: r.height };
      });
    return {
      headerHeight: inner.getBoundingClientRect().height,
      items,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
}

/** Pairs of items whose boxes cover each other by more than a pixel's sliver. */
function overlaps(items: ItemBox[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (across > 0.5 && down > 0.5) found.push(`${a.name} × ${b.name}`);
    }
  }
  return found;
}

/** Items reaching past either side of the window. */
function cutOff(items: ItemBox[], width: number): string[] {
  return items.filter((item) => item.x < -0.5 || item.x + item.width > width + 0.5).map((item) => item.name);
}

describe('the header at every width', () => {
  const h = useBrowserWorld();

  it('keeps one row from 700 to 1,440 px with nothing overlapping or cut off, in Spanish and English, and the phone its own', { timeout: 240_000 }, async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { world } = h;
    const ada = await world.user('María Guadalupe Hernández', 'SSPC', { isAdmin: true });
    const beto = await world.user('Beto Ruiz', 'FGR');
    const ws = await world.workspace(ada.api, 'Mesa de Seguridad Frontera Sur');
    await world.workspace(ada.api, 'Mesa de trata de personas');
    await world.workspace(ada.api, 'Mesa de migración');
    await world.addMember(ws, ada.api, beto.id, 'member');
    const doc = await world.document(ada.api, ws);
    // A two-digit unread count, as a busy coordinator's inbox shows: the widest the inbox link gets.
    for (let i = 0; i < 12; i++) {
      const r = await beto.api.post(`/api/documents/${doc}/comments`, { body: `Revisión ${i + 1}, @{${ada.id}}` });
      expect(r.status).toBe(201);
    }

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ada, { viewport: { width: WIDE, height: 900 } });
    const pages = [
      { key: 'home', path: '/' },
      { key: 'plan', path: `/w/${ws}/d/${doc}` },
    ];
    const problems: string[] = [];
    for (const lang of ['es', 'en'] as const) {
      if (lang === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
      }
      for (const { key, path } of pages) {
        await page.setViewportSize({ width: WIDE, height: 900 });
        await page.goto(`${h.base}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.getByTestId('inbox-link').getByText('12').waitFor();
        const wideHeight = (await readHeader(page)).headerHeight;
        for (const width of [...PHONES, ...WIDTHS]) {
          await page.setViewportSize({ width, height: 900 });
          // The header's script hears the new width in the next frame's media-query events: two frames and it has drawn.
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          const layout = await readHeader(page);
          const label = `${lang} ${key} ${width}px`;
          await page.screenshot({ path: `${SHOTS}/${lang}-${key}-${width}.png`, clip: { x: 0, y: 0, width, height: Math.ceil(layout.headerHeight) + 60 } });
          if (layout.overflow > 0) problems.push(`${label}: the page scrolls ${layout.overflow} px sideways`);
          for (const pair of overlaps(layout.items)) problems.push(`${label}: overlap ${pair}`);
          for (const item of cutOff(layout.items, width)) problems.push(`${label}: cut off ${item}`);
          if (PHONES.includes(width)) continue;
          // One row: no taller than at 1,440 px, and every item centred on the same line.
          if (layout.headerHeight > wideHeight + 4) problems.push(`${label}: header ${layout.headerHeight} px tall, ${wideHeight} px at ${WIDE}`);
          const middle = (item: ItemBox) => item.y + item.height / 2;
          const firstRow = Math.min(...layout.items.map(middle));
          const below = layout.items.filter((item) => middle(item) - firstRow > 6);
          if (below.length) problems.push(`${label}: under the first row: ${below.map((item) => `${item.name} (${Math.round(middle(item) - firstRow)} px lower)`).join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('on a tablet opens the search under the header and keeps the language and sign-out in the account menu, by keyboard', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC', { isAdmin: true });
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 800, height: 900 } });
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    const header = page.locator('.app-header');
    const search = page.getByRole('search', { name: 'Buscar en planes, actividades, decisiones, acciones y comentarios' });
    const toggle = search.getByRole('button', { name: 'Buscar', exact: true });
    const field = page.getByTestId('search-input');
    await page.locator('main h1').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await field.isVisible()).toBe(false);

    // «/» opens the field under the header, across its width, with the caret in it; Escape folds it and goes back.
    const main = page.locator('main');
    // The shortcut's listener is added once the page has painted: on a loaded machine the first press may come first.
    await expect
      .poll(async () => {
        if ((await focusedId()) !== 'global-search') {
          await main.focus();
          await page.keyboard.press('/');
        }
        return focusedId();
      })
      .toBe('global-search');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const headerBox = (await header.boundingBox())!;
    const fieldBox = (await field.boundingBox())!;
    expect(fieldBox.y).toBeGreaterThanOrEqual(headerBox.y + headerBox.height - 1);
    expect(fieldBox.x + fieldBox.width).toBeLessThanOrEqual(800);
    await page.screenshot({ path: `${SHOTS}/es-search-open-800.png`, clip: { x: 0, y: 0, width: 800, height: 160 } });
    await page.keyboard.press('Escape');
    await expect.poll(() => field.isVisible()).toBe(false);
    await expect.poll(() => main.evaluate((el) => el === document.activeElement)).toBe(true);
    // Enter on the button opens it too, and Escape folds it back onto the button; Enter in the field searches and folds it.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toBe('global-search');
    await page.keyboard.press('Escape');
    await expect.poll(() => field.isVisible()).toBe(false);
    await expect.poll(() => toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toBe('global-search');
    await page.keyboard.type('mesa');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=mesa/);
    await expect.poll(() => field.isVisible()).toBe(false);
    // The new page takes the focus once it has arrived (AppLayout): the menu is opened after that, not before it.
    await expect.poll(() => main.evaluate((el) => el === document.activeElement)).toBe(true);

    // The account menu holds the language switch and «Cerrar sesión»; the header shows neither beside it.
    expect(await header.getByRole('group', { name: 'Idioma' }).count()).toBe(0);
    expect(await header.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(0);
    const account = header.locator('details.menu');
    await account.locator('summary').focus();
    await page.keyboard.press('Enter');
    const language = account.getByRole('group', { name: 'Idioma' });
    await language.waitFor();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement).innerText)).toBe('Cerrar sesión');
    await page.screenshot({ path: `${SHOTS}/es-account-menu-800.png`, clip: { x: 0, y: 0, width: 800, height: 360 } });
    await language.getByRole('button', { name: 'English' }).click();
    await header.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => account.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    // Wider, they are back in the header and gone from the menu.
    await page.setViewportSize({ width: 1100, height: 900 });
    await header.locator('.header-tools > .lang-switch').waitFor();
    expect(await account.getByRole('group', { name: 'Language' }).count()).toBe(0);
    expect(await header.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

    // Narrow again, the menu's «Sign out» signs out.
    await page.setViewportSize({ width: 800, height: 900 });
    await account.locator('summary').click();
    await account.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    expect(errors).toEqual([]);
    await close();
  });
});

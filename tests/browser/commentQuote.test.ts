/**
 * A comment on selected words quotes them as they stand when it is sent: someone else may edit them while it is being
 * written, and the server takes only a quote that is the words its anchor covers.
 */
import { describe, expect, it } from 'vitest';
import { plain, textContaining } from '../helpers/comments.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

describe('the quote of a comment on selected words', () => {
  const h = useBrowserWorld();

  it('is the words as another person left them while the comment was written', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    await waitSynced(y);
    const before = plain(textContaining(y.doc, 'cómo se medirá'));

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await b.page.locator(EDITOR).waitFor();
    await b.page.locator(`${EDITOR} p`, { hasText: 'cómo se medirá' }).click({ clickCount: 3 });
    await b.page.getByRole('button', { name: 'Comentar la selección' }).click();
    await b.page.locator('.comment-draft-anchor').waitFor();
    // While Beto writes, Ana adds words inside the ones he selected.
    const t = textContaining(y.doc, 'cómo se medirá');
    t.insert(plain(t).indexOf('se medirá'), 'y cuándo ');
    const after = plain(t);
    await b.page.locator(`${EDITOR} p`, { hasText: 'cómo y cuándo se medirá' }).waitFor();
    await b.page.getByRole('textbox', { name: 'Escriba un comentario…' }).fill('¿Con qué indicadores?');
    await b.page.getByRole('button', { name: 'Enviar' }).click();

    await expect
      .poll(async () => ((await beto.api.get(`/api/documents/${docId}/comments`)).body.comments as Array<{ anchor: { quote: string } | null }>).map((c) => c.anchor?.quote), { timeout: 10_000 })
      .toEqual([after.trim()]);
    expect(after).not.toBe(before);
    expect(b.errors).toEqual([]);
    y.destroy();
    await b.close();
  });
});

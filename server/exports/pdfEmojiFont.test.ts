import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/planBlocks.js';
import type { ExportDocument } from './exportDocument.js';
import { emojiPieces } from './pdfEmojiFont.js';
import { pdfSafe, pdfSegments } from './pdfSegments.js';
import { documentToPdf } from './renderPdf.js';
import { pdfShownRuns, type ShownRun } from './testSupport.js';

function doc(blocks: Block[]): ExportDocument {
  return { title: 'T', meta: [], titlePage: false, blocks, pageLabel: '{n} / {total}', lang: 'es' };
}

async function shownRuns(text: string): Promise<{ runs: ShownRun[]; raw: string }> {
  const { buffer } = await documentToPdf(doc([{ type: 'paragraph', runs: [{ text }] }]));
  return { runs: pdfShownRuns(buffer), raw: buffer.toString('latin1') };
}

const EMOJI_FONT = /^[A-Z]{6}\+NotoEmoji-Regular$/;

/** The runs drawn in the embedded Noto Emoji subset. */
function inEmojiFont(runs: ShownRun[]): ShownRun[] {
  return runs.filter((r) => EMOJI_FONT.test(r.font));
}

// Neither Helvetica nor DejaVu Sans has emoji: a "👍" in a comment or "🚨" in an agenda item came out as "?".
describe('documentToPdf of emoji', () => {
  it('embeds the Noto Emoji subset and draws 👍 ✅ 🚨 with it, one glyph each, with no "?"', async () => {
    const { runs, raw } = await shownRuns('Acuerdo 👍 listo ✅ alerta 🚨 fin');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji-Regular\b/);
    expect(inEmojiFont(runs).map((r) => [r.text, r.glyphs])).toEqual([
      ['👍', 1],
      ['✅', 1],
      ['🚨', 1],
    ]);
    const shown = runs.map((r) => r.text).join('');
    expect(shown).toContain('Acuerdo 👍 listo ✅ alerta 🚨 fin');
    expect(shown).not.toContain('?');
    // The words around them stay in Helvetica.
    expect(runs.find((r) => r.text.startsWith('Acuerdo'))?.font).toBe('Helvetica');
  });

  it('leaves no "?" or box for U+FE0F, with or without an emoji glyph for what it follows', async () => {
    // ⚠️ and ❤️ have emoji glyphs; ✓ has none (DejaVu Sans writes it) and © is WinAnsi (Helvetica writes it).
    const { runs } = await shownRuns('Aviso ⚠\uFE0F, ❤\uFE0F, hecho ✓\uFE0F, marca ©\uFE0F y fin\uFE0F.');
    const shown = runs.map((r) => r.text).join('');
    expect(shown).not.toMatch(/[?\uFFFD]/);
    expect(shown.replace(/\uFE0F/g, '')).toContain('Aviso ⚠, ❤, hecho ✓, marca © y fin.');
    expect(inEmojiFont(runs).map((r) => [r.text, r.glyphs])).toEqual([
      ['⚠\uFE0F', 1],
      ['❤\uFE0F', 1],
      ['©\uFE0F', 1],
    ]);
    expect(runs.find((r) => r.text.startsWith('✓'))?.font).toMatch(/\+DejaVuSans$/);
  });

  it('draws a flag as one glyph showing its two letters, and a family ZWJ sequence as one glyph', async () => {
    const { runs } = await shownRuns('Sede 🇲🇽 y 👨\u200D👩\u200D👧 y 🇲🇽🇺🇸');
    expect(inEmojiFont(runs).map((r) => [r.text, r.glyphs])).toEqual([
      ['🇲🇽', 1],
      ['👨\u200D👩\u200D👧', 1],
      ['🇲🇽🇺🇸', 2],
    ]);
  });

  it('writes a long row of flags whole, in pieces cut between flags', { timeout: 20_000 }, async () => {
    const flags = '🇲🇽'.repeat(300);
    const { runs } = await shownRuns(flags);
    const emoji = inEmojiFont(runs);
    expect(emoji.length).toBeGreaterThan(10);
    expect(emoji.map((r) => r.text).join('')).toBe(flags);
    // Every piece is whole flags, each one glyph: none was cut between its two letters.
    for (const r of emoji) expect(r.glyphs * 4).toBe(r.text.length);
  });

  it('cuts a pasted chain of joined emoji into pieces, never reading it as one emoji', () => {
    // 👍 ZWJ 👍 ZWJ … is no real emoji: read whole, it was one unbreakable word pdfkit re-measured for every line.
    const chain = Array.from({ length: 2000 }, () => '👍').join('\u200D');
    const pieces = [...emojiPieces(chain, 50)];
    expect(pieces.join('')).toBe(chain);
    // At most 50 sequences a piece, a sequence at most five emoji (two code units each) and their four joins.
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(50 * 14);
  });

  it('writes Spanish text in the standard font and embeds no font for it', async () => {
    const { runs, raw } = await shownRuns('á é í ó ú ñ ¿ ¡ Á É Í Ó Ú Ñ ü');
    expect(runs.find((r) => r.text.startsWith('á'))).toEqual({ font: 'Helvetica', text: 'á é í ó ú ñ ¿ ¡ Á É Í Ó Ú Ñ ü', glyphs: 29 });
    expect(raw).not.toContain('NotoEmoji');
    expect(raw).not.toContain('FontFile2');
  });
});

describe('pdfSegments with emoji', () => {
  it('puts each emoji in the emoji font, its modifiers and selectors with it, and leaves text-style symbols to the text fonts', () => {
    expect(pdfSegments('Ok 👍🏽👍 ❤ ❤\uFE0F © 1\uFE0F\u20E3 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}.')).toEqual([
      { text: 'Ok ', font: 'standard' },
      { text: '👍🏽👍', font: 'emoji' },
      { text: ' ', font: 'standard' },
      { text: '❤ ', font: 'fallback' },
      { text: '❤\uFE0F', font: 'emoji' },
      { text: ' © ', font: 'standard' },
      { text: '1\uFE0F\u20E3', font: 'emoji' },
      { text: ' ', font: 'standard' },
      { text: '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', font: 'emoji' },
      { text: '.', font: 'standard' },
    ]);
  });

  it('drops a variation selector that follows no emoji, and keeps "?" for what no font has', () => {
    expect(pdfSegments('fin\uFE0F\uFE0E 中')).toEqual([{ text: 'fin ?', font: 'standard' }]);
    // Page footers go through pdfSafe: an emoji there is still "?", but its selector no longer adds another.
    expect(pdfSafe('Plan ✅\uFE0F')).toBe('Plan ?');
  });
});

describe('emojiPieces', () => {
  it('cuts between emoji, never inside a flag, a skin tone or a ZWJ sequence', () => {
    const text = '🇲🇽👍🏽👨\u200D👩\u200D👧1\uFE0F\u20E3✅';
    expect([...emojiPieces(text, 2)]).toEqual(['🇲🇽👍🏽', '👨\u200D👩\u200D👧1\uFE0F\u20E3', '✅']);
    expect([...emojiPieces(text, 10)]).toEqual([text]);
  });
});

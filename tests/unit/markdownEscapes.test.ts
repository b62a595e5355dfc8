/**
 * The plan's Markdown writer, read back by a real CommonMark + GFM parser (markdown-it): text that looks like markup
 * (fences, setext underlines, table rows, strikethrough) renders as the text it is, and a following table stays a table.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/planBlocks.js';
import { blocksToMarkdown, escapeInline } from '../../shared/planMarkdown.js';

const markdown = new MarkdownIt();
const paragraph = (text: string): Block => ({ type: 'paragraph', runs: [{ text }] });
/** The rendered HTML's element names, in order of opening. */
const elements = (html: string) => [...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]);
const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');

describe('plan Markdown escapes', () => {
  const table: Block = { type: 'table', header: true, rows: [[[{ text: 'Institución' }], [{ text: 'Postura' }]], [[{ text: 'FGR' }], [{ text: 'A favor' }]]] };
  const hostile = ['~~~', '```', '===', '---', '| a | b |', '|---|---|', ':--- | ---:', 'el ~~borrado~~ texto', '# no es título', '> no es cita', '1. no es lista', '+ tampoco'];

  for (const text of hostile) {
    it(`renders a paragraph of ${JSON.stringify(text)} as that text, and the table after it as a table`, () => {
      const html = markdown.render(blocksToMarkdown([paragraph('Contexto.'), paragraph(text), table]));
      expect(elements(html)).toEqual(['p', 'p', 'table', 'thead', 'tr', 'th', 'th', 'tbody', 'tr', 'td', 'td']);
      expect(textOf(html.split('<table>')[0]).split('\n').filter(Boolean)).toEqual(['Contexto.', text]);
    });
  }

  it('keeps lines of one paragraph (hard breaks) from forming a table or a heading', () => {
    const html = markdown.render(blocksToMarkdown([paragraph('Nombre | Cargo\n--- | ---\nAna | Enlace\nTítulo\n===')]));
    expect(elements(html).filter((e) => e !== 'br')).toEqual(['p']);
    expect(textOf(html).replace(/\n/g, '')).toBe('Nombre | Cargo--- | ---Ana | EnlaceTítulo===');
  });

  it('keeps a strikethrough that was written as one, and escapes tildes in titles', () => {
    const struck = markdown.render(blocksToMarkdown([{ type: 'paragraph', runs: [{ text: 'viejo', strike: true }, { text: ' y ~nuevo~' }] }]));
    expect(struck).toBe('<p><s>viejo</s> y ~nuevo~</p>\n');
    expect(markdown.render(`# ${escapeInline('~~Acuerdo~~ ~~~')}`)).toBe('<h1>~~Acuerdo~~ ~~~</h1>\n');
  });
});

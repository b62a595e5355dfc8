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

describe('plan Markdown next to punctuation, entities and closing hashes', () => {
  const render = (runs: Array<{ text: string; bold?: boolean; italic?: boolean; strike?: boolean; href?: string }>) => markdown.render(blocksToMarkdown([{ type: 'paragraph', runs }])).trim();

  it('keeps bold, italic and strikethrough whose text starts or ends with punctuation next to a letter (the asterisks showed)', () => {
    expect(render([{ text: 'precio' }, { text: '($100)', bold: true }, { text: 'final' }])).toBe('<p>precio(<strong>$100</strong>)final</p>');
    expect(render([{ text: 'Nota:', bold: true }, { text: 'sin espacio' }])).toBe('<p><strong>Nota</strong>:sin espacio</p>');
    expect(render([{ text: 'negrita.', bold: true }, { text: 'pegado' }])).toBe('<p><strong>negrita</strong>.pegado</p>');
    expect(render([{ text: 'x' }, { text: '( y )', bold: true, italic: true }, { text: 'z' }])).toBe('<p>x( <em><strong>y</strong></em> )z</p>');
    expect(render([{ text: 'x' }, { text: '*y*', strike: true }, { text: 'z' }])).toBe('<p>x*<s>y</s>*z</p>');
    // Where Markdown reads the markers as they are, nothing moves.
    expect(render([{ text: 'ok ' }, { text: '(bien)', bold: true }, { text: ' ok' }])).toBe('<p>ok <strong>(bien)</strong> ok</p>');
    expect(render([{ text: '¿Quién?', italic: true }, { text: ' ' }, { text: '«Nadie».', bold: true }])).toBe('<p><em>¿Quién?</em> <strong>«Nadie».</strong></p>');
  });

  it('shows text that looks like an HTML entity as written, in text and in a link', () => {
    expect(textOf(render([{ text: 'Texto &copy; y &#169; y &#x41; y &amp; y A & B' }]))).toBe('Texto &copy; y &#169; y &#x41; y &amp; y A & B');
    expect(render([{ text: 'enlace', href: 'https://ejemplo.mx/?a=1&amp;b=2' }])).toBe('<p><a href="https://ejemplo.mx/?a=1&amp;amp;b=2">enlace</a></p>');
  });

  it('keeps a heading’s last word of hashes, which Markdown would drop as a closing sequence', () => {
    const heading = (text: string) => markdown.render(blocksToMarkdown([{ type: 'heading', level: 2, runs: [{ text }] }])).trim();
    expect(heading('Item #')).toBe('<h2>Item #</h2>');
    expect(heading('Fase ## ')).toBe('<h2>Fase ##</h2>');
    expect(heading('#')).toBe('<h2>#</h2>');
    expect(heading('C#')).toBe('<h2>C#</h2>');
  });
});

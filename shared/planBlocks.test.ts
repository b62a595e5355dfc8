import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBody, writeWorkPlanTemplate } from './planModel.js';
import { bodyBlocks, runsText, type Block } from './planBlocks.js';

function el(name: string, children: Array<Y.XmlElement | Y.XmlText> = [], attrs: Record<string, unknown> = {}): Y.XmlElement {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
  e.insert(0, children);
  return e;
}

function txt(delta: Array<{ insert: string; attributes?: Record<string, unknown> }>): Y.XmlText {
  const t = new Y.XmlText();
  t.applyDelta(delta);
  return t;
}

/** Builds a body in a fresh doc (Yjs types can only be read once integrated) and reads it back. */
function read(nodes: Y.XmlElement[]): Block[] {
  const doc = new Y.Doc();
  getBody(doc).insert(0, nodes);
  return bodyBlocks(getBody(doc));
}

describe('bodyBlocks', () => {
  it('reads the work-plan template as headings and paragraphs', () => {
    const doc = new Y.Doc();
    writeWorkPlanTemplate(doc, 'es');
    const blocks = bodyBlocks(getBody(doc));
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, runs: [{ text: 'Plan de trabajo conjunto' }] });
    expect(blocks[1]).toEqual({ type: 'heading', level: 2, runs: [{ text: 'Objetivos' }] });
    expect(blocks[2].type).toBe('paragraph');
    expect(blocks).toHaveLength(11);
  });

  it('keeps marks, links (including hashed overlapping-mark keys) and hard breaks', () => {
    const [p] = read([
      el('paragraph', [
        txt([
          { insert: 'Negritas', attributes: { bold: {} } },
          { insert: ' y ' },
          { insert: 'cursiva', attributes: { italic: {}, strike: {} } },
          { insert: ' ' },
          { insert: 'fgr.gob.mx', attributes: { 'link--AbCd1234': { href: 'https://www.fgr.org.mx' } } },
          { insert: ' ' },
          { insert: 'npm test', attributes: { code: {} } },
        ]),
        el('hardBreak'),
        txt([{ insert: 'segunda línea' }]),
      ]),
    ]);
    expect(p.type).toBe('paragraph');
    if (p.type !== 'paragraph') return;
    expect(p.runs).toEqual([
      { text: 'Negritas', bold: true },
      { text: ' y ' },
      { text: 'cursiva', italic: true, strike: true },
      { text: ' ' },
      { text: 'fgr.gob.mx', href: 'https://www.fgr.org.mx' },
      { text: ' ' },
      { text: 'npm test', code: true },
      { text: '\nsegunda línea' },
    ]);
  });

  it('drops links with unsafe schemes but keeps their text', () => {
    const [p] = read([el('paragraph', [txt([{ insert: 'clic', attributes: { link: { href: 'javascript:alert(1)' } } }])])]);
    expect(p).toEqual({ type: 'paragraph', runs: [{ text: 'clic' }] });
  });

  it('percent-encodes spaces inside a link address, for every export', () => {
    const [p] = read([el('paragraph', [txt([{ insert: 'ruta', attributes: { link: { href: ' https://ejemplo.mx/ruta con espacio\t' } } }])])]);
    expect(p).toEqual({ type: 'paragraph', runs: [{ text: 'ruta', href: 'https://ejemplo.mx/ruta%20con%20espacio' }] });
  });

  it('reads nested lists, quotes, code, rules and clamps heading levels', () => {
    const item = (s: string, ...rest: Y.XmlElement[]) => el('listItem', [el('paragraph', [txt([{ insert: s }])]), ...rest]);
    const blocks = read([
      el('heading', [txt([{ insert: 'Sin nivel' }])], { level: 9 }),
      el('bulletList', [item('Uno', el('orderedList', [item('Uno.a'), item('Uno.b')], { start: 3 })), item('Dos')]),
      el('blockquote', [el('paragraph', [txt([{ insert: 'Cita' }])])]),
      el('codeBlock', [txt([{ insert: 'const a = 1;\nconst b = 2;' }])], { language: 'ts' }),
      el('horizontalRule'),
    ]);
    expect(blocks[0]).toEqual({ type: 'heading', level: 6, runs: [{ text: 'Sin nivel' }] });
    const list = blocks[1];
    expect(list.type === 'list' && list.ordered).toBe(false);
    if (list.type !== 'list') return;
    expect(list.items).toHaveLength(2);
    expect(list.items[0][1]).toEqual({
      type: 'list',
      ordered: true,
      start: 3,
      items: [[{ type: 'paragraph', runs: [{ text: 'Uno.a' }] }], [{ type: 'paragraph', runs: [{ text: 'Uno.b' }] }]],
    });
    expect(blocks[2]).toEqual({ type: 'quote', blocks: [{ type: 'paragraph', runs: [{ text: 'Cita' }] }] });
    expect(blocks[3]).toEqual({ type: 'code', text: 'const a = 1;\nconst b = 2;', language: 'ts' });
    expect(blocks[4]).toEqual({ type: 'rule' });
  });

  it('reads tables with a header row, cells joining their paragraphs with line breaks', () => {
    const cell = (name: string, ...lines: string[]) => el(name, lines.map((l) => el('paragraph', [txt([{ insert: l }])])));
    const [table] = read([
      el('table', [
        el('tableRow', [cell('tableHeader', 'Institución'), cell('tableHeader', 'Tarea')]),
        el('tableRow', [cell('tableCell', 'FGR'), cell('tableCell', 'Primera', 'Segunda')]),
      ]),
    ]);
    expect(table.type).toBe('table');
    if (table.type !== 'table') return;
    expect(table.header).toBe(true);
    expect(table.rows.map((r) => r.map(runsText))).toEqual([
      ['Institución', 'Tarea'],
      ['FGR', 'Primera\nSegunda'],
    ]);
  });

  it('puts each list item of a table cell on a line of its own, marked, a nested list indented', () => {
    const p = (text: string) => el('paragraph', [txt([{ insert: text }])]);
    const li = (...children: Y.XmlElement[]) => el('listItem', children);
    const [table] = read([
      el('table', [
        el('tableRow', [
          el('tableCell', [el('bulletList', [li(p('li1')), li(p('li2'), el('bulletList', [li(p('sub'))]))])]),
          el('tableCell', [p('Pasos:'), el('orderedList', [li(p('uno')), li(p('dos'))], { start: 3 }), el('blockquote', [p('cita')])]),
        ]),
      ]),
    ]);
    if (table.type !== 'table') throw new Error('not a table');
    expect(table.rows.map((r) => r.map(runsText))).toEqual([['• li1\n• li2\n  • sub', 'Pasos:\n3. uno\n4. dos\ncita']]);
  });

  it('keeps the content of unknown nodes', () => {
    const blocks = read([el('callout', [el('paragraph', [txt([{ insert: 'Dentro' }])])]), el('mystery', [txt([{ insert: 'Texto' }])])]);
    expect(blocks).toEqual([
      { type: 'paragraph', runs: [{ text: 'Dentro' }] },
      { type: 'paragraph', runs: [{ text: 'Texto' }] },
    ]);
  });

  it('reads a paragraph of 200,000 formatting changes (spreading its runs overflowed the call stack)', () => {
    const delta = Array.from({ length: 200_000 }, (_v, i) => (i % 2 ? { insert: 'b' } : { insert: 'a', attributes: { bold: true } }));
    const [block] = read([el('paragraph', [txt(delta)])]);
    expect(block.type).toBe('paragraph');
    const runs = (block as { runs: Parameters<typeof runsText>[0] }).runs;
    expect(runs).toHaveLength(200_000);
    expect(runsText(runs)).toBe('ab'.repeat(100_000));
  });
});

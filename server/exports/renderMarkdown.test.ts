import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/planBlocks.js';
import { blocksToMarkdown } from '../../shared/planMarkdown.js';
import type { ExportDocument } from './exportDocument.js';
import { documentToMarkdown } from './renderMarkdown.js';

describe('blocksToMarkdown', () => {
  it('renders nested lists tightly and numbered lists from their start', () => {
    const blocks: Block[] = [
      {
        type: 'list',
        ordered: false,
        items: [
          [
            { type: 'paragraph', runs: [{ text: 'Uno' }] },
            { type: 'list', ordered: true, start: 3, items: [[{ type: 'paragraph', runs: [{ text: 'Tres' }] }]] },
          ],
          [{ type: 'paragraph', runs: [{ text: 'Dos' }] }],
        ],
      },
    ];
    expect(blocksToMarkdown(blocks)).toBe('- Uno\n  3. Tres\n- Dos');
  });

  it('renders quotes, code, rules and marks', () => {
    const blocks: Block[] = [
      { type: 'quote', blocks: [{ type: 'paragraph', runs: [{ text: 'Cita ' }, { text: 'clave ', italic: true }, { text: 'x', strike: true }] }] },
      { type: 'code', text: 'a = 1', language: 'py' },
      { type: 'rule' },
      { type: 'paragraph', runs: [] },
      { type: 'paragraph', runs: [{ text: 'npm `test`', code: true }] },
      { type: 'paragraph', runs: [{ text: 'a `` b', code: true }] },
    ];
    // Backticks inside code stay backticks: the span's fence is longer than any run of them inside.
    expect(blocksToMarkdown(blocks)).toBe("> Cita *clave* ~~x~~\n\n```py\na = 1\n```\n\n---\n\n`` npm `test` ``\n\n```a `` b```");
  });

  it('gives a headerless table an empty header row and keeps line breaks in cells', () => {
    const blocks: Block[] = [{ type: 'table', header: false, rows: [[[{ text: 'a\nb' }], [{ text: 'c|d' }]]] }];
    expect(blocksToMarkdown(blocks)).toBe('|  |  |\n| --- | --- |\n| a<br>b | c\\|d |');
  });

  it('renders a table of 200,000 rows (spreading them as arguments overflowed the call stack)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [[{ text: `f${i}` }]]);
    const lines = blocksToMarkdown([{ type: 'table', header: true, rows }]).split('\n');
    expect(lines).toHaveLength(200_001);
    expect(lines.slice(0, 3)).toEqual(['| f0 |', '| --- |', '| f1 |']);
    expect(lines[lines.length - 1]).toBe('| f199999 |');
  });
});

describe('documentToMarkdown', () => {
  it('keeps a title ending in a hash, which Markdown would drop as the heading’s closing sequence', () => {
    const doc = { title: 'Plan de trabajo #', meta: [{ label: 'Grupo', value: 'Mesa 3 &amp; 4' }], titlePage: false, blocks: [], pageLabel: '', lang: 'es' } as unknown as ExportDocument;
    expect(documentToMarkdown(doc).split('\n').slice(0, 3)).toEqual(['# Plan de trabajo \\#', '', '**Grupo:** Mesa 3 \\&amp; 4']);
  });
});

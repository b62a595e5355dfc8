import { describe, expect, it } from 'vitest';
import type { DiffRun } from '../../client/components/history/api.js';
import type { Run } from '../../shared/planBlocks.js';
import { blocksToMarkdown } from '../../shared/planMarkdown.js';
import { CODE, EM, LINK, MARKER, STRIKE, STRONG, URL, markdownRuns, pieceLines, type ShownRun } from '../../client/components/history/markdownRuns.js';

const shown = (runs: ShownRun[]) => runs.map((r) => r.pieces.map((p) => p.text).join(''));
const textOf = (run: ShownRun) => run.pieces.map((p) => p.text).join('');
/** The pieces of a run whose text contains `needle`. */
const piecesWith = (runs: ShownRun[], needle: string) => runs.flatMap((r) => r.pieces).filter((p) => p.text.includes(needle));

describe('markdownRuns', () => {
  it('drops heading markers and gives the whole line the heading look, also to a run that starts mid-line', () => {
    const runs: DiffRun[] = [
      { op: 'equal', text: 'Texto.\n\n## Mecanismos de ' },
      { op: 'delete', text: 'enlace' },
      { op: 'insert', text: 'coordinación' },
      { op: 'equal', text: '\n\nExplique cómo.' },
    ];
    const out = markdownRuns(runs);
    expect(shown(out)).toEqual(['Texto.\n\nMecanismos de ', 'enlace', 'coordinación', '\n\nExplique cómo.']);
    expect(out[0].pieces.map((p) => p.line)).toEqual(['', 'vh-h vh-h2']);
    expect(out[1].pieces).toEqual([{ text: 'enlace', line: 'vh-h vh-h2', flags: 0 }]);
    expect(out[2].pieces).toEqual([{ text: 'coordinación', line: 'vh-h vh-h2', flags: 0 }]);
    expect(out[3].pieces).toEqual([{ text: '\n\nExplique cómo.', line: '', flags: 0 }]);
  });

  it('reads a line’s kind from its side: a paragraph made a heading, and a heading made a paragraph', () => {
    const made = markdownRuns([
      { op: 'equal', text: 'Uno\n\n' },
      { op: 'insert', text: '### ' },
      { op: 'equal', text: 'Dos' },
    ]);
    expect(shown(made)).toEqual(['Uno\n\n', '', 'Dos']);
    expect(made[1].pieces).toEqual([]);
    expect(made[2].pieces[0].line).toBe('vh-h vh-h3');

    const unmade = markdownRuns([
      { op: 'delete', text: '# ' },
      { op: 'equal', text: 'Plan' },
    ]);
    expect(unmade[0].pieces).toEqual([]);
    expect(unmade[1].pieces).toEqual([{ text: 'Plan', line: '', flags: 0 }]);
  });

  it('shows list items with a bullet or their number, nested items keeping their indentation', () => {
    const out = markdownRuns([{ op: 'equal', text: '- uno\n  - dos\n\n1. tres\n12. doce' }]);
    expect(shown(out)).toEqual(['• uno\n  • dos\n\n1. tres\n12. doce']);
    const lines = pieceLines(out[0].pieces);
    expect(lines[0]).toEqual([
      { text: '•', line: 'vh-li', flags: MARKER },
      { text: ' uno', line: 'vh-li', flags: 0 },
    ]);
    expect(lines[3][0]).toEqual({ text: '1.', line: 'vh-li', flags: MARKER });
  });

  it('drops emphasis markers, also when they alone were inserted, and styles the text they wrap', () => {
    const runs: DiffRun[] = [
      { op: 'equal', text: 'Explique ' },
      { op: 'insert', text: '**' },
      { op: 'equal', text: 'cómo' },
      { op: 'insert', text: '**' },
      { op: 'equal', text: ' se *coordinan* y `usan_datos`; ~~nunca~~.' },
    ];
    const out = markdownRuns(runs);
    expect(shown(out)).toEqual(['Explique ', '', 'cómo', '', ' se coordinan y usan_datos; nunca.']);
    expect(out[2].pieces).toEqual([{ text: 'cómo', line: '', flags: STRONG }]);
    expect(piecesWith(out, 'coordinan')[0].flags).toBe(EM);
    expect(piecesWith(out, 'usan_datos')[0].flags).toBe(CODE);
    expect(piecesWith(out, 'nunca')[0].flags).toBe(STRIKE);
    // The old side had no bold: the equal text is shown as it is now.
    expect(markdownRuns([{ op: 'delete', text: '**' }, { op: 'equal', text: 'cómo' }, { op: 'delete', text: '**' }])[1].pieces[0].flags).toBe(0);
  });

  it('matches the delimiters the plan’s writer produces for adjacent and nested styles', () => {
    const out = markdownRuns([{ op: 'equal', text: '**a*****b*** y ***c*** y *d****e***' }]);
    expect(shown(out)).toEqual(['ab y c y de']);
    const flagsOf = (ch: string) => out[0].pieces.find((p) => p.text.includes(ch))!.flags;
    expect(flagsOf('a')).toBe(STRONG);
    expect(flagsOf('b')).toBe(STRONG | EM);
    expect(flagsOf('c')).toBe(STRONG | EM);
    expect(flagsOf('d')).toBe(EM);
    expect(flagsOf('e')).toBe(STRONG | EM);
  });

  it('keeps escaped characters (without the backslash), hard breaks and literal text that only looks like markup', () => {
    const out = markdownRuns([{ op: 'equal', text: 'Costo \\*estimado\\* en \\[MXN\\]\\\n1\\. no es lista ~ ni ~~~ esto\n\\## ni título' }]);
    expect(shown(out)).toEqual(['Costo *estimado* en [MXN]\n1. no es lista ~ ni ~~~ esto\n## ni título']);
    expect(out[0].pieces.every((p) => p.line === '' && p.flags === 0)).toBe(true);
  });

  it('shows a link’s text and its address, without brackets', () => {
    const out = markdownRuns([{ op: 'equal', text: 'Ver [la **guía**](<https://example.org/g%20a>) hoy' }]);
    expect(shown(out)).toEqual(['Ver la guía https://example.org/g%20a hoy']);
    expect(piecesWith(out, 'guía')[0].flags).toBe(LINK | STRONG);
    expect(piecesWith(out, 'https')[0].flags).toBe(URL);
  });

  it('shows quotes with a bar and code blocks without fences, their content literal', () => {
    const out = markdownRuns([{ op: 'equal', text: '> Cita con *énfasis*\n>\n> - en lista\n\n```ts\n> no es cita **ni negrita**\n```\n\n---' }]);
    const lines = pieceLines(out[0].pieces).map((l) => l.map((p) => p.text).join(''));
    expect(lines).toEqual(['│ Cita con énfasis', '│', '│ • en lista', '', 'ts', '> no es cita **ni negrita**', '', '', '──────']);
    const codeLine = pieceLines(out[0].pieces)[5];
    expect(codeLine).toEqual([{ text: '> no es cita **ni negrita**', line: 'vh-pre', flags: CODE }]);
    expect(pieceLines(out[0].pieces)[2].map((p) => p.line)).toEqual(['vh-quote vh-li', 'vh-quote vh-li', 'vh-quote vh-li', 'vh-quote vh-li']);
  });

  it('loses no character of content: without markup, each run shows all of its text', () => {
    const runs: DiffRun[] = [
      { op: 'equal', text: '# Plan conjunto\n\n## Obj' },
      { op: 'insert', text: 'etivos comunes\n\n- Primera **línea** de ' },
      { op: 'delete', text: 'trabajo' },
      { op: 'equal', text: ' acordada' },
    ];
    const out = markdownRuns(runs);
    expect(shown(out)).toEqual(['Plan conjunto\n\nObj', 'etivos comunes\n\n• Primera línea de ', 'trabajo', ' acordada']);
    expect(textOf(out[2])).toBe('trabajo');
    expect(out[2].pieces[0].line).toBe('vh-h vh-h2');
    expect(out[3].pieces[0].line).toBe('vh-li');
  });

  it('shows exactly the text of whatever the plan’s Markdown writer wrote, in any mix of styles and markup-like characters', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['a', 'b', 'ó', ' ', '*', '_', '`', '``', '[', ']', '\\', '#', '-', '1.', '<', '>', '|', '(', ')', '+', '!'];
    for (let round = 0; round < 400; round++) {
      const runs: Run[] = Array.from({ length: 1 + rand(4) }, () => ({
        text: Array.from({ length: 1 + rand(6) }, () => alphabet[rand(alphabet.length)]).join(''),
        ...(rand(3) === 0 ? { bold: true } : {}),
        ...(rand(3) === 0 ? { italic: true } : {}),
        ...(rand(4) === 0 ? { strike: true } : {}),
        ...(rand(4) === 0 ? { code: true } : {}),
      }));
      const text = runs.map((r) => r.text).join('');
      if (!text.trim()) continue;
      const level = rand(3);
      const md = blocksToMarkdown([level ? { type: 'heading', level, runs } : { type: 'list', ordered: rand(2) === 0, items: [[{ type: 'paragraph', runs }]] }]);
      const out = markdownRuns([{ op: 'equal', text: md }]);
      // The writer drops a block's leading spaces; the rest is the text, after a list marker.
      const words = level ? textOf(out[0]) : textOf(out[0]).replace(/^(• |1\. )/, '');
      expect(words, md).toBe(text.replace(/^\s+/, ''));
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { DiffRun } from '../../client/components/history/api.js';
import { readableRuns } from '../../client/components/history/readableRuns.js';

const side = (runs: DiffRun[], keep: 'delete' | 'insert') => runs.filter((r) => r.op === 'equal' || r.op === keep).map((r) => r.text).join('');

describe('readableRuns', () => {
  it('reads a reworded phrase as the old phrase, then the new one, and keeps both texts exact', () => {
    const runs: DiffRun[] = [
      { op: 'equal', text: 'La mesa ' },
      { op: 'delete', text: 'revisará' },
      { op: 'insert', text: 'aprobará' },
      { op: 'equal', text: ' ' },
      { op: 'delete', text: 'el' },
      { op: 'insert', text: 'un' },
      { op: 'equal', text: ' ' },
      { op: 'delete', text: 'borrador' },
      { op: 'insert', text: 'protocolo' },
      { op: 'equal', text: ' común.\n## Líneas de trabajo\n' },
      { op: 'insert', text: 'Nueva línea.' },
    ];
    const out = readableRuns(runs);
    expect(out).toEqual([
      { op: 'equal', text: 'La mesa ' },
      { op: 'delete', text: 'revisará el borrador' },
      { op: 'insert', text: 'aprobará un protocolo' },
      { op: 'equal', text: ' común.\n## Líneas de trabajo\n' },
      { op: 'insert', text: 'Nueva línea.' },
    ]);
    expect(side(out, 'delete')).toBe(side(runs, 'delete'));
    expect(side(out, 'insert')).toBe(side(runs, 'insert'));
  });

  it('does not fold across a line break, a long unchanged stretch, or at the edges', () => {
    const runs: DiffRun[] = [
      { op: 'equal', text: ' ' },
      { op: 'delete', text: 'a' },
      { op: 'equal', text: '\n' },
      { op: 'insert', text: 'b' },
      { op: 'equal', text: ' sin cambio ' },
      { op: 'delete', text: 'c' },
      { op: 'equal', text: '.' },
    ];
    expect(readableRuns(runs)).toEqual(runs);
  });
});

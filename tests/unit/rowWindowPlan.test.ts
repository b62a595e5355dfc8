/** A windowed activities table's body: which rows are in the page, and spacers as tall as the rows they stand for. */
import { describe, expect, it } from 'vitest';
import { planRowWindow, type WindowEntry } from '../../client/plan/rowWindowPlan.js';

const rowsOf = (entries: WindowEntry[]) => entries.flatMap((e) => (e.type === 'row' ? [e.index] : []));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('planRowWindow', () => {
  it('puts the band’s rows in the page with one spacer above and one below, as tall as what they stand for', () => {
    const entries = planRowWindow({ count: 1000, heightOf: () => 50, top: 1000, bottom: 1500, maxRows: 150, keep: [] });
    expect(rowsOf(entries)).toEqual(range(20, 30));
    expect(entries[0]).toEqual({ type: 'gap', from: 0, to: 20, height: 1000 });
    expect(entries.at(-1)).toEqual({ type: 'gap', from: 30, to: 1000, height: 970 * 50 });
  });

  it('uses each row’s own height, so the spacers follow measured rows', () => {
    const heightOf = (i: number) => (i < 10 ? 100 : 20);
    const entries = planRowWindow({ count: 100, heightOf, top: 1000, bottom: 1100, maxRows: 150, keep: [] });
    expect(rowsOf(entries)).toEqual(range(10, 15));
    expect(entries[0]).toMatchObject({ type: 'gap', height: 1000 });
  });

  it('keeps rows asked for (focus, a link) in order, each between spacers, and ignores indices that are not rows', () => {
    const entries = planRowWindow({ count: 100, heightOf: () => 10, top: 500, bottom: 530, maxRows: 150, keep: [2, 90, -1, 100] });
    expect(entries.map((e) => (e.type === 'row' ? e.index : `${e.from}-${e.to}`))).toEqual(['0-2', 2, '3-50', 50, 51, 52, '53-90', 90, '91-100']);
  });

  it('never puts more than maxRows of the band in the page, and shows the last rows when scrolled past the estimate', () => {
    expect(rowsOf(planRowWindow({ count: 1000, heightOf: () => 1, top: 0, bottom: 900, maxRows: 150, keep: [] }))).toEqual(range(0, 150));
    expect(rowsOf(planRowWindow({ count: 1000, heightOf: () => 50, top: 80_000, bottom: 81_000, maxRows: 150, keep: [] }))).toEqual(range(850, 1000));
  });

  it('shows every row of a table shorter than the band, with no spacer', () => {
    const entries = planRowWindow({ count: 5, heightOf: () => 40, top: -800, bottom: 1700, maxRows: 150, keep: [] });
    expect(entries).toEqual(range(0, 5).map((index) => ({ type: 'row', index })));
  });
});

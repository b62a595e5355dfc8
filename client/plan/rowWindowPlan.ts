/** Which rows of a windowed table go in the page and how tall the spacers between them are (see useRowWindow). */

/** What the table body holds, in order: a row by its index, or a spacer standing in for rows [from, to). */
export type WindowEntry = { type: 'row'; index: number } | { type: 'gap'; from: number; to: number; height: number };

export interface WindowInput {
  count: number;
  /** Row `i`'s height in pixels (measured, or estimated). */
  heightOf(i: number): number;
  /** The band of the body (pixels from its top) whose rows go in the page. */
  top: number;
  bottom: number;
  /** At most this many rows from the band. */
  maxRows: number;
  /** Rows that go in the page wherever they are (out-of-range indices are ignored). */
  keep: readonly number[];
}

/** The body's entries: the band's rows and the kept ones, in order, with a spacer for each run of rows left out. */
export function planRowWindow({ count, heightOf, top, bottom, maxRows, keep }: WindowInput): WindowEntry[] {
  let from = count;
  let to = count;
  let y = 0;
  for (let i = 0; i < count; i++) {
    const h = heightOf(i);
    if (from === count && y + h > top) from = i;
    if (y >= bottom) {
      to = i;
      break;
    }
    y += h;
  }
  // Scrolled past the estimated end (the estimates were too big): the last rows.
  if (from === count) from = Math.max(0, count - maxRows);
  to = Math.min(to, from + maxRows);
  const shown = new Set<number>();
  for (let i = from; i < to; i++) shown.add(i);
  for (const index of keep) if (index >= 0 && index < count) shown.add(index);

  const entries: WindowEntry[] = [];
  let next = 0;
  const gapTo = (end: number) => {
    if (end <= next) return;
    let height = 0;
    for (let i = next; i < end; i++) height += heightOf(i);
    entries.push({ type: 'gap', from: next, to: end, height: Math.round(height) });
  };
  for (const index of [...shown].sort((a, b) => a - b)) {
    gapTo(index);
    entries.push({ type: 'row', index });
    next = index + 1;
  }
  gapTo(count);
  return entries;
}

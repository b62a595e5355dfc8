/** Type-ahead in a list of named choices: the next whose name, or its part after « · », begins with what was typed. */

/** Lower case without accents, so «mexico» finds «México». */
export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The index of the choice `typed` leads to, or -1. A single key steps past the current choice, and so does one key
 * pressed again and again («ccc» moves through every name starting with «c»); other keys typed in a row keep the current
 * choice while it still matches.
 */
export function typeAheadIndex(labels: readonly string[], typed: string, current: number): number {
  const folded = foldForMatch(typed);
  const wanted = /^(.)\1+$/u.test(folded) ? folded[0] : folded;
  if (!wanted || !labels.length) return -1;
  const matches = (label: string) => {
    const name = foldForMatch(label);
    // «07 · Chiapas», «FGR · Fiscalía…»: the code or acronym and the name are each a start.
    return name.startsWith(wanted) || name.split(' · ').some((part) => part.startsWith(wanted));
  };
  const from = wanted.length === 1 ? current + 1 : Math.max(current, 0);
  for (let k = 0; k < labels.length; k++) {
    const i = (from + k) % labels.length;
    if (matches(labels[i])) return i;
  }
  return -1;
}

/**
 * Accent- and case-folding for search: "Coordinación" and "coordinacion" are the same word.
 * The same folding runs in the database (a `translate()` table, see db/searchVector.ts) and in
 * application code (queries, highlights), so both backends match identically without `unaccent`.
 */

/** Folds text: Unicode NFD, combining marks removed, lower case. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The characters `foldText` turns into one different ASCII letter, and what they become: the
 * `translate(from, to)` table the database applies. Latin-1 Supplement through Latin Extended-B
 * covers Spanish, English and the other Latin-script names agencies write.
 */
export function foldTranslateTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let cp = 0xc0; cp <= 0x24f; cp++) {
    const ch = String.fromCodePoint(cp);
    const folded = foldText(ch);
    if (folded.length === 1 && folded !== ch && /[a-z]/.test(folded)) {
      from += ch;
      to += folded;
    }
  }
  return { from, to };
}

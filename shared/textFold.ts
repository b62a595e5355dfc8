/**
 * Accent- and case-folding for search: "Coordinación" and "coordinacion" are the same word.
 * The same folding runs in the database (db/searchVector.ts: `normalize(…, NFD)`, then these marks removed) and in
 * application code (queries, highlights), so both backends match identically without `unaccent`.
 */

/**
 * The combining marks folding removes: the diacritics blocks, as a regular expression class that JavaScript and
 * PostgreSQL read alike (ASCII `\uXXXX` escapes). Not every Unicode mark: the vowel signs of Indic scripts are
 * letters' parts, and removing them would merge different words.
 */
export const COMBINING_MARK_CLASS = String.raw`[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]`;

const COMBINING_MARKS = new RegExp(COMBINING_MARK_CLASS, 'g');

/** Folds text: Unicode NFD, diacritical marks removed, lower case. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

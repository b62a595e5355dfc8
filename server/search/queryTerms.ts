/** Turning what a person typed into a safe prefix tsquery and the folded terms highlights use. */
import { foldText } from '../../shared/textFold.js';

/** Words considered per query: more add little and cost index work. */
const MAX_WORDS = 8;

export interface ParsedQuery {
  /** Folded words of at least two characters, in order, without repeats. */
  words: string[];
  /** `w1:* & w2:*`: only letters and digits reach to_tsquery, so no operator can be injected. */
  tsquery: string;
}

/** Folds and splits a query; `words` is empty when nothing searchable is left. */
export function parseQuery(q: string): ParsedQuery {
  const words = [...new Set(foldText(q).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))].slice(0, MAX_WORDS);
  return { words, tsquery: words.map((w) => `${w}:*`).join(' & ') };
}

/** Highlight terms: the typed words and the stems the text search configurations made of them. */
export function highlightTerms(words: readonly string[], stems: readonly string[]): string[] {
  return [...new Set([...words, ...stems.filter((s) => s.length >= 2)])];
}

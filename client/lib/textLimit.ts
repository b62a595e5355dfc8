/**
 * A long text field's limit, said at the field: how many characters are left once it nears the limit, and by how
 * many it is over (the server refuses it whole, and its message named neither the field nor what to do).
 */
import type { TFunction } from 'i18next';
import type { Formatters } from './format.js';

/** From this share of the limit on, the characters left are shown. */
const COUNT_FROM = 0.9;

export interface TextLimit {
  /** "N characters left", near the limit; null before. */
  hint: string | null;
  /** Over the limit: by how many, and what to do; null within it. */
  error: string | null;
}

/** The counter and the error of a text limited to `max` characters. */
export function textLimit(text: string, max: number, t: TFunction, fmt: Formatters): TextLimit {
  const length = text.length;
  if (length > max) {
    const over = length - max;
    return { hint: null, error: t('common.tooLongBy', { count: over, formatted: fmt.number(over), max: fmt.number(max) }) };
  }
  if (length < max * COUNT_FROM) return { hint: null, error: null };
  const left = max - length;
  return { hint: t('common.charactersLeft', { count: left, formatted: fmt.number(left) }), error: null };
}

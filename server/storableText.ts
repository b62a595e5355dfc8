/**
 * Text PostgreSQL cannot store: U+0000 (text columns refuse it, "invalid byte sequence for encoding UTF8: 0x00")
 * and unpaired UTF-16 surrogates (jsonb refuses their `\ud800` escapes; text columns would silently get U+FFFD).
 */

const NUL = /\u0000/;
const NUL_ALL = /\u0000/g;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');

/** Why a string cannot be stored as is, or undefined when it can. */
export function unstorableReason(s: string): string | undefined {
  if (NUL.test(s)) return 'Text cannot contain NUL characters (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'Text cannot contain unpaired UTF-16 surrogates (invalid Unicode)';
  return undefined;
}

/** The string with U+0000 removed and unpaired surrogates replaced by U+FFFD. */
export function toStorableText(s: string): string {
  return unstorableReason(s) === undefined ? s : s.replace(NUL_ALL, '').replace(LONE_SURROGATE_ALL, '\ufffd');
}

/** The one definition of text PostgreSQL cannot store, and the projection's cleaning of it. */
import { describe, expect, it } from 'vitest';
import { findUnstorableInput } from '../../server/http/unstorableInput.js';
import { toStorableText, unstorableReason } from '../../server/storableText.js';

describe('storable text', () => {
  it('tells NUL and unpaired surrogates apart from valid text, paired surrogates included', () => {
    expect(unstorableReason('a\u0000b')).toMatch(/NUL/);
    for (const s of ['a\ud800b', 'a\ud800', '\udc00b', '\ude00\ud83d']) expect(unstorableReason(s), JSON.stringify(s)).toMatch(/surrogate/);
    for (const s of ['', 'ñandú', '💥', '\ud83d\ude00', '\ufffd', '\u2028']) expect(unstorableReason(s), JSON.stringify(s)).toBeUndefined();
  });

  it('strips NUL and replaces each unpaired surrogate with U+FFFD, leaving pairs whole', () => {
    expect(toStorableText('a\u0000b\u0000')).toBe('ab');
    expect(toStorableText('x\ud800y\udc00z\ud83d\ude00')).toBe('x\ufffdy\ufffdz\ud83d\ude00');
    // A pair cut by a length cap (search text is sliced) leaves a lone high surrogate at the end.
    expect(toStorableText('fin 💥'.slice(0, 5))).toBe('fin \ufffd');
    const clean = 'sin cambios';
    expect(toStorableText(clean)).toBe(clean);
  });

  it('names the path of every bad value and property name (an object’s names before its values), at most 20', () => {
    expect(findUnstorableInput({ a: 'ok', b: ['ok', { c: 'x\u0000' }], ['k\ud800']: 1 })).toEqual([
      { path: '', message: 'A property name: text cannot contain unpaired UTF-16 surrogates (invalid Unicode)', issue: 'unstorable_text' },
      { path: 'b.1.c', message: 'Text cannot contain NUL characters (U+0000)', issue: 'unstorable_text' },
    ]);
    expect(findUnstorableInput(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
    expect(findUnstorableInput({ n: 1, t: true, z: null, s: 'fine' })).toEqual([]);
  });
});

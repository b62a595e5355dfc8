/** Mention labels in the comment box: `@Name` while writing, `@{userId}` once stored, and back when editing. */
import { describe, expect, it } from 'vitest';
import { closingPunctuation, toDisplayBody, toStoredBody } from '../../client/components/comments/mentionTokens.js';

describe('mention labels', () => {
  const labels = new Map([
    ['@Ana', 'usr_ana'],
    ['@Ana María López', 'usr_anamaria'],
  ]);

  it('stores each label still in the text as the person’s id, the longer name first, never inside a longer word', () => {
    expect(toStoredBody('@Ana María López y @Ana, ¿lo ven? @Anabel no.', labels)).toBe('@{usr_anamaria} y @{usr_ana}, ¿lo ven? @Anabel no.');
    expect(toStoredBody('Sin menciones', labels)).toBe('Sin menciones');
  });

  it('shows a stored body by name, keeping unknown ids as they are, and round-trips', () => {
    const shown = toDisplayBody('Hola @{usr_ana} y @{usr_otro}', [{ userId: 'usr_ana', name: 'Ana' }]);
    expect(shown.text).toBe('Hola @Ana y @{usr_otro}');
    expect(toStoredBody(shown.text, shown.labels)).toBe('Hola @{usr_ana} y @{usr_otro}');
  });

  it('puts closing punctuation typed right after a picked mention in the place of the mention’s own space, and nothing else', () => {
    expect(closingPunctuation('@Ana ', '@Ana ?', 5)).toEqual({ text: '@Ana?', caret: 5 });
    // In the middle of a text: "@Ana " was picked just before "x".
    expect(closingPunctuation('Hola @Ana x', 'Hola @Ana ,x', 10)).toEqual({ text: 'Hola @Ana,x', caret: 10 });
    // A letter, a mark typed elsewhere, a paste, or no mention picked: left as typed.
    expect(closingPunctuation('@Ana ', '@Ana y', 5)).toBeNull();
    expect(closingPunctuation('@Ana ', '@Ana ?!', 5)).toBeNull();
    expect(closingPunctuation('x @Ana ', 'x? @Ana ', 7)).toBeNull();
    expect(closingPunctuation('@Ana ', '@Ana ?', null)).toBeNull();
  });
});

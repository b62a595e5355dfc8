/** Mention labels in the comment box: `@Name` while writing, `@{userId}` once stored, and back when editing. */
import { describe, expect, it } from 'vitest';
import { toDisplayBody, toStoredBody } from '../../client/components/comments/mentionTokens.js';

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
});

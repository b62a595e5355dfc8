import { describe, expect, it } from 'vitest';
import { normalizeHandle, parseMentionTokens } from './mentions.js';

describe('parseMentionTokens', () => {
  it('reads user tokens and organization handles, case-insensitively and without trailing punctuation', () => {
    expect(parseMentionTokens('Hola @{usr_abc123} y @SSPC. Luego @fge-chih, @MUN-JUAREZ- y (@Fgr)')).toEqual({
      userIds: ['usr_abc123'],
      handles: ['sspc', 'fge-chih', 'mun-juarez', 'fgr'],
      rawHandles: ['SSPC', 'fge-chih', 'MUN-JUAREZ', 'Fgr'],
    });
  });

  it('ignores e-mail addresses, lone @ signs and duplicates', () => {
    expect(parseMentionTokens('Escriba a ana@sspc.gob.mx o a @ sola; @FGR @fgr @{u1} @{u1}')).toEqual({ userIds: ['u1'], handles: ['fgr'], rawHandles: ['FGR', 'fgr'] });
  });

  it('reads a person as @{id}, @[label](id) or a bare @id (resolved against the members later)', () => {
    expect(parseMentionTokens('@[Ana López](usr_ana) revisa con @{usr_beto} y @usr_carla')).toEqual({
      userIds: ['usr_ana', 'usr_beto'],
      handles: ['usr_carla'],
      rawHandles: ['usr_carla'],
    });
  });

  it('normalizes acronyms with spaces and accents to one comparable form', () => {
    expect(normalizeHandle('Fiscalía  CDMX')).toBe(normalizeHandle('fiscalíacdmx'));
  });
});

import { describe, expect, it } from 'vitest';
import { mentionedAcronyms, normalizeHandle, parseMentionTokens } from './mentions.js';

describe('parseMentionTokens', () => {
  it('reads user tokens and bare handles without trailing punctuation', () => {
    expect(parseMentionTokens('Hola @{usr_abc123} y @SSPC. Luego @fge-chih, @MUN-JUAREZ- y (@Fgr)')).toEqual({
      userIds: ['usr_abc123'],
      rawHandles: ['SSPC', 'fge-chih', 'MUN-JUAREZ', 'Fgr'],
    });
  });

  it('ignores e-mail addresses, lone @ signs and duplicates', () => {
    expect(parseMentionTokens('Escriba a ana@sspc.gob.mx o a @ sola; @FGR @fgr @{u1} @{u1}')).toEqual({ userIds: ['u1'], rawHandles: ['FGR', 'fgr'] });
  });

  it('reads a person as @{id}, @[label](id) or a bare @id (resolved against the members later)', () => {
    expect(parseMentionTokens('@[Ana López](usr_ana) revisa con @{usr_beto} y @usr_carla')).toEqual({
      userIds: ['usr_ana', 'usr_beto'],
      rawHandles: ['usr_carla'],
    });
  });

  it('normalizes acronyms with spaces and accents to one comparable form', () => {
    expect(normalizeHandle('Fiscalía  CDMX')).toBe(normalizeHandle('fiscalíacdmx'));
  });
});

describe('mentionedAcronyms', () => {
  const group = ['SSPC', 'FGE-CHIH', 'FGE', 'SRE', 'SRE/DGAJ', 'Red A.C.', 'CNDH (Quinta Visitaduría)', 'Fiscalía CDMX'];

  it('reads the longest acronym of the group the text starts with, case-insensitively, with sentence punctuation after it', () => {
    expect([...mentionedAcronyms('Hola @SSPC. Luego @fge-chih, y (@Fge)', group)]).toEqual(['sspc', 'fge-chih', 'fge']);
    expect([...mentionedAcronyms('Lo revisa @SRE/DGAJ hoy', group)]).toEqual(['sre/dgaj']);
    expect([...mentionedAcronyms('Lo revisa @SRE/Consular hoy', group)]).toEqual(['sre']);
  });

  it('reads acronyms holding dots, slashes, brackets and spaces, typed without the spaces', () => {
    expect([...mentionedAcronyms('Gracias @RedA.C. y @CNDH(QuintaVisitaduría): @FiscalíaCDMX', group)]).toEqual([
      'reda.c.',
      'cndh(quintavisitaduría)',
      'fiscalíacdmx',
    ]);
  });

  it('does not read an acronym that runs on into a longer word, an e-mail address or a user token', () => {
    expect([...mentionedAcronyms('@SSPCX y ana@sspc.gob.mx y @{SSPC} y @[SSPC](usr_1)', group)]).toEqual([]);
  });
});

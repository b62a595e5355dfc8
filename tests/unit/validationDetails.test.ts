/** A 400's details read in the interface's language: the field's name and what is wrong with it, from zod's issue and bound. */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationLines } from '../../client/components/validationDetails.js';
import { zodDetails } from '../../server/http/errors.js';
import { dateSchema, titleSchema } from '../../shared/schemas.js';
import { translators } from '../helpers/translators.js';

const body = z.object({
  title: titleSchema,
  dueDate: dateSchema,
  agenda: z.array(z.object({ title: titleSchema })),
  stance: z.enum(['agree', 'object']),
  organizationIds: z.array(z.string()).min(1).max(2),
});

function detailsOf(value: unknown) {
  const parsed = body.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  // Through JSON, as the web app receives them.
  return JSON.parse(JSON.stringify(zodDetails(parsed.error))) as unknown;
}

describe('validation details of a value of the wrong type', () => {
  it('says only that the type is wrong, not also a length check zod ran on it', () => {
    expect(detailsOf({ title: 'Taller', dueDate: '2027-01-01', agenda: [], stance: 'agree', organizationIds: 'org_sspc' })).toEqual([
      { path: 'organizationIds', message: 'Invalid input: expected array, received string', issue: 'invalid_type' },
    ]);
  });
});

describe('validation details in words', () => {
  let tEs: TFunction;
  let tEn: TFunction;
  beforeAll(async () => {
    ({ es: tEs, en: tEn } = await translators());
  });

  it('names the field and the problem, with its bound, in Spanish and English', () => {
    const details = detailsOf({ title: 'x'.repeat(301), dueDate: '2027-02-30', agenda: [{ title: '' }, { title: 'b' }], stance: 'maybe', organizationIds: ['a', 'b', 'c'] });
    expect(validationLines(details, tEs)).toEqual([
      'Título: como máximo 300 caracteres',
      'Fecha límite: no es una fecha válida (use el selector de fecha)',
      'Título (n.º 1): es obligatorio',
      'Postura: elija una de las opciones',
      'Instituciones: como máximo 2 elementos',
    ]);
    expect(validationLines(details, tEn)).toEqual([
      'Title: at most 300 characters',
      'Due date: is not a valid date (use the date picker)',
      'Title (no. 1): is required',
      'Stance: choose one of the options',
      'Organizations: at most 2 items',
    ]);
  });

  it('says a title of only invisible characters has nothing that shows, in Spanish and English', () => {
    const details = detailsOf({ title: '\u200b\u200d', dueDate: '2027-02-01', agenda: [], stance: 'agree', organizationIds: ['a'] });
    expect(validationLines(details, tEs)).toEqual(['Título: solo tiene espacios o caracteres invisibles; escriba algo que se vea']);
    expect(validationLines(details, tEn)).toEqual(['Title: has only spaces or invisible characters; write something that shows']);
  });

  it('says text that cannot be stored is to be typed again, in Spanish and English', () => {
    const details = [{ path: 'title', message: 'Text cannot contain NUL characters (U+0000)', issue: 'unstorable_text' }];
    expect(validationLines(details, tEs)).toEqual(['Título: tiene caracteres que no se pueden guardar (un carácter nulo o un emoji partido); vuelva a escribir ese texto']);
    expect(validationLines(details, tEn)).toEqual(['Title: has characters that cannot be stored (a null character or a broken emoji); type that text again']);
  });

  it('keeps the server message of a detail it has no words for, and a missing field reads as required', () => {
    expect(validationLines([{ path: 'meetingId', message: 'Unknown meeting' }], tEs)).toEqual(['meetingId: Unknown meeting']);
    // The server's own checks name their kind too.
    expect(validationLines([{ path: 'assigneeId', message: 'Not a member', issue: 'not_member' }, { path: 'index', message: 'x', issue: 'no_agenda_items' }], tEs)).toEqual([
      'Persona responsable: no es integrante de la mesa',
      'Punto del orden del día: la reunión no tiene puntos en el orden del día',
    ]);
    // A live meeting's new agenda that drops the item under way says how to fix it.
    expect(validationLines([{ path: 'agenda', message: 'Item 3 is under way', issue: 'current_item_removed' }], tEs)).toEqual([
      'Orden del día: quitaría el punto en curso; consérvelo o pase antes la reunión a un punto anterior',
    ]);
    expect(validationLines(detailsOf({ dueDate: '2027-01-01', agenda: [], stance: 'agree', organizationIds: [] }), tEs)).toEqual(['Título: es obligatorio', 'Instituciones: es obligatorio']);
  });

  it('words a comment refused for its quote or for showing nothing, in Spanish and English', () => {
    const details = [
      { path: 'anchor.quote', message: 'The anchor does not cover the quoted words', issue: 'quote_mismatch' },
      { path: 'body', message: 'Write something visible', issue: 'invisible_only' },
    ];
    expect(validationLines(details, tEs)).toEqual([
      'Texto seleccionado: ya no son las palabras seleccionadas (alguien las cambió); selecciónelas de nuevo',
      'Texto: solo tiene espacios o caracteres invisibles; escriba algo que se vea',
    ]);
    expect(validationLines(details, tEn)).toEqual([
      'Selected text: are no longer the words selected (someone changed them); select them again',
      'Text: has only spaces or invisible characters; write something that shows',
    ]);
  });

  it('words a rule a schema names itself (params.issue): an observer named focal point', () => {
    // As the member route's schema refuses it: the kind travels as the detail's issue, not as zod's "custom".
    const member = z.object({ role: z.string(), focalPoint: z.boolean() }).refine((b) => !(b.role === 'observer' && b.focalPoint), {
      path: ['focalPoint'],
      message: 'Observers cannot be focal points',
      params: { issue: 'observer_focal_point' },
    });
    const parsed = member.safeParse({ role: 'observer', focalPoint: true });
    if (parsed.success) throw new Error('expected a refusal');
    const details = JSON.parse(JSON.stringify(zodDetails(parsed.error))) as unknown;
    expect(details).toEqual([{ path: 'focalPoint', message: 'Observers cannot be focal points', issue: 'observer_focal_point' }]);
    expect(validationLines(details, tEs)).toEqual([
      'Punto focal: quien tiene el rol de Observación no puede ser punto focal (no emite posturas ni aprueba versiones); elija antes el rol Integrante o Facilitación',
    ]);
    expect(validationLines(details, tEn)).toEqual(['Focal point: observers cannot be focal points (they do not cast stances or sign off); choose the member or facilitator role first']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countPdfPages, pdfShownText, readZipEntry } from '../../server/exports/testSupport.js';
import { getBody, insertActivity } from '../../shared/planModel.js';
import { createWorld, type Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Downloads a file as bytes (the JSON test client reads text). */
async function download(api: Api, path: string) {
  const res = await fetch(api.baseUrl + path, { headers: { authorization: `Bearer ${api.token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

function paragraphs(doc: Y.Doc, count: number): void {
  const body = getBody(doc);
  body.push(
    Array.from({ length: count }, (_, i) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`Párrafo ${i + 1}: acciones de coordinación interinstitucional para prevenir la trata de personas en Ciudad Juárez.`)]);
      return p;
    }),
  );
}

describe.each(BACKENDS)('plan exports on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function setup() {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member', true);
    const docId = await world.document(ana.api, ws);
    const hub = server.services.hub;
    await hub.change(docId, ana.id, (doc) => insertActivity(doc, { id: 'act-1', title: 'Operativo coordinado en Juárez', leadOrganizationId: world.orgs.FGR.id, stateCodes: ['08'] }));
    return { world, ana, beto, ws, docId, hub };
  }

  it('exports DOCX as a valid zip with the title and activities, and PDF whose page count grows with the plan', async () => {
    const { ana, docId, ws, world, hub } = await setup();
    const docx = await download(ana.api, `/api/documents/${docId}/export?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = readZipEntry(docx.bytes, 'word/document.xml');
    expect(xml).toContain('Plan de trabajo 2027');
    expect(xml).toContain('Operativo coordinado en Juárez');

    // A title Helvetica cannot show: its signs and Cyrillic come out in the embedded fallback font, its emoji in the
    // embedded emoji font (found by the bundled server's worker), not as "?".
    await hub.change(docId, ana.id, (doc) => insertActivity(doc, { id: 'act-2', title: 'Meta ≥ 80 % Казань 🚨👍', leadOrganizationId: world.orgs.FGR.id }));
    const short = await download(ana.api, `/api/documents/${docId}/export?format=pdf`);
    expect(short.status).toBe(200);
    expect(short.headers.get('content-type')).toBe('application/pdf');
    expect(short.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfShownText(short.bytes).replace(/\n/g, ' ')).toMatch(/Meta\s*≥\s*80 %\s*Казань\s*🚨👍/);
    expect(short.bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji-Regular\b/);
    const other = await world.document(ana.api, ws);
    await hub.change(other, ana.id, (doc) => paragraphs(doc, 400));
    const long = await download(ana.api, `/api/documents/${other}/export?format=pdf`);
    expect(long.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(countPdfPages(long.bytes)).toBeGreaterThan(countPdfPages(short.bytes) + 5);
  });

  it('writes the JSON export’s and a version’s body as Markdown that reads back as what was written', async () => {
    const { ana, docId, hub } = await setup();
    const text = (s: string, attrs?: Record<string, unknown>) => {
      const t = new Y.XmlText();
      t.insert(0, s, attrs);
      return t;
    };
    const el = (name: string, children: Array<Y.XmlElement | Y.XmlText>, attrs: Record<string, string | number> = {}) => {
      const e = new Y.XmlElement(name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
      e.insert(0, children);
      return e;
    };
    await hub.change(docId, ana.id, (doc) => {
      const body = getBody(doc);
      body.delete(0, body.length);
      body.insert(0, [
        el('heading', [text('Sección #2 con *asteriscos*')], { level: 2 }),
        el('paragraph', [text('1. Esto no es una lista')]),
        el('paragraph', [text('# tampoco un encabezado, ni <tag> ni [enlace]')]),
        el('paragraph', [text('Línea uno'), el('hardBreak', []), text('línea dos')]),
        el('paragraph', [text('npm `test`', { code: true })]),
        el('orderedList', [el('listItem', [el('paragraph', [text('tercero')])]), el('listItem', [el('paragraph', [text('cuarto')])])], { start: 3 }),
        el('blockquote', [el('paragraph', [text('Cita uno')]), el('paragraph', [text('Cita dos')])]),
        el('paragraph', [text('subrayado', { underline: {} })]),
      ]);
    });
    const expected = [
      '## Sección #2 con \\*asteriscos\\*',
      '1\\. Esto no es una lista',
      '\\# tampoco un encabezado, ni \\<tag\\> ni \\[enlace\\]',
      'Línea uno\\\nlínea dos',
      '`` npm `test` ``',
      '3. tercero\n4. cuarto',
      '> Cita uno\n>\n> Cita dos',
      'subrayado', // Markdown has no underline: the text stays
    ].join('\n\n');
    const json = await ana.api.get(`/api/documents/${docId}/export?format=json`);
    expect(json.body.body).toBe(expected);
    // The Markdown export writes the same body under its title and meta lines.
    expect((await ana.api.get(`/api/documents/${docId}/export?format=md`)).body).toContain(expected);
    const v = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Fiel' })).body.version;
    expect((await ana.api.get(`/api/versions/${v.id}`)).body.content.body).toBe(expected);
    // Word numbers the list from 3 as well (each list instance restarts at its definition's start).
    const docx = await download(ana.api, `/api/documents/${docId}/export?format=docx`);
    expect(readZipEntry(docx.bytes, 'word/numbering.xml')).toMatch(/<w:startOverride w:val="3"\/>/);
    expect(readZipEntry(docx.bytes, 'word/document.xml')).toMatch(/<w:u w:val="single"\/>(<[^>]+>)*subrayado/);
  });

  it('exports JSON and Markdown of the current plan or a version, with the sign-off of the version', async () => {
    const { ana, beto, docId, ws, world, hub } = await setup();
    const unsigned = await ana.api.get(`/api/documents/${docId}/export?format=md`);
    expect(unsigned.body).toContain('Ninguna versión de este plan se ha sometido a aprobación.');
    expect(unsigned.body).not.toContain('| Sí |');
    const v = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Versión para firma' })).body.version;
    expect((await beto.api.post(`/api/versions/${v.id}/approvals`)).status).toBe(201);
    await hub.change(docId, ana.id, (doc) => insertActivity(doc, { id: 'act-2', title: 'Actividad posterior' }));

    const current = await ana.api.get(`/api/documents/${docId}/export?format=json`);
    expect(current.status).toBe(200);
    expect(current.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(current.body).sort()).toEqual(['activities', 'body', 'title', 'version']);
    expect(current.body.title).toBe('Plan de trabajo 2027');
    expect(current.body.body).toMatch(/^# Plan de trabajo conjunto\n\n## Objetivos/);
    expect(current.body.activities.map((a: { id: string }) => a.id)).toEqual(['act-1', 'act-2']);
    expect(current.body.activities[0]).toMatchObject({ title: 'Operativo coordinado en Juárez', leadOrganizationId: world.orgs.FGR.id, stateCodes: ['08'], status: 'planned' });
    const atVersion = await ana.api.get(`/api/documents/${docId}/export?format=json&version=${v.id}`);
    expect(atVersion.body.activities.map((a: { id: string }) => a.id)).toEqual(['act-1']);
    expect(atVersion.body.version).toMatchObject({ id: v.id, name: 'Versión para firma' });

    const md = await ana.api.get(`/api/documents/${docId}/export?format=md&version=${v.id}`);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.body).toContain('Versión para firma');
    expect(md.body).toContain('Operativo coordinado en Juárez');
    expect(md.body).not.toContain('Actividad posterior');
    expect(md.body).toContain('Aprobación de las instituciones');
    expect(md.body).toContain('Beto');
    expect(md.body).toContain('su aprobación de esta versión del plan');
    // The current draft shows the sign-off of the newest named version, and says the draft changed since; English on request.
    const en = await ana.api.get(`/api/documents/${docId}/export?format=md&lang=en`);
    expect(en.body).toContain('Activities');
    expect(en.body).toContain('Actividad posterior');
    expect(en.body).toContain('Beto');
    expect(en.body).toContain('Approvals of version “Versión para firma”');
    expect(en.body).toContain('This draft has changed since then: those approvals do not cover it.');
    expect(en.body).not.toContain('approval of this version of the plan');
    // Back to the approved content: the draft is covered again.
    await hub.change(docId, ana.id, (doc) => doc.getArray('activities').delete(1, 1));
    const same = await ana.api.get(`/api/documents/${docId}/export?format=md`);
    expect(same.body).toContain('Aprobaciones de la versión «Versión para firma»');
    expect(same.body).toContain('este borrador conserva su contenido');
    // A restore's backup is an automatic version: it is never signed off, so no organization reads as pending.
    const backup = (await ana.api.post(`/api/versions/${v.id}/restore`)).body.backupVersion;
    expect(backup.kind).toBe('auto');
    const auto = await ana.api.get(`/api/documents/${docId}/export?format=md&version=${backup.id}`);
    expect(auto.body).toContain('Aprobación de las instituciones');
    expect(auto.body).toContain('no se somete a aprobación');
    expect(auto.body).not.toContain('Pendiente');
    const autoEn = await ana.api.get(`/api/documents/${docId}/export?format=md&lang=en&version=${backup.id}`);
    expect(autoEn.body).toContain('it is not put up for sign-off');
    expect(autoEn.body).not.toContain('Pending');

    expect((await ana.api.get(`/api/documents/${docId}/export?format=xls`)).status).toBe(400);
    const audit = (await ana.api.get(`/api/workspaces/${ws}/audit`)).body.events as Array<{ action: string; changes: { format: string } }>;
    expect(audit.filter((e) => e.action === 'document.exported').map((e) => e.changes.format).sort()).toEqual(['json', 'json', 'md', 'md', 'md', 'md', 'md', 'md']);
  });

  it('names the file safely: no path, an ASCII fallback and the UTF-8 name', async () => {
    const { ana, ws } = await setup();
    const created = await ana.api.post(`/api/workspaces/${ws}/documents`, { title: '../../etc/Plan "Juárez"\r\n año' });
    const docId = created.body.document.id;
    const res = await download(ana.api, `/api/documents/${docId}/export?format=md`);
    const header = res.headers.get('content-disposition') ?? '';
    expect(header.startsWith('attachment; ')).toBe(true);
    const ascii = /filename="([^"]*)"/.exec(header)?.[1] ?? '';
    const utf8 = /filename\*=UTF-8''(\S+)$/.exec(header)?.[1] ?? '';
    expect(ascii).toMatch(/^[A-Za-z0-9 ._-]+\.md$/);
    expect(ascii).toContain('Juarez');
    expect(ascii.startsWith('.')).toBe(false);
    const decoded = decodeURIComponent(utf8);
    expect(decoded).toContain('Juárez');
    expect(decoded).toMatch(/\.md$/);
    expect(decoded).not.toMatch(/[/\\"\r\n]/);
    expect(utf8).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
  });
});

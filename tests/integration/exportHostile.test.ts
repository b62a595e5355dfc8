/**
 * Plans written through the stock y-websocket protocol with content the editor would not produce, then read
 * through the export, version and diff routes. A pasted 300 kB token used to keep pdfkit (and so the whole server)
 * busy for about a minute, its line wrapper being quadratic in the length of a word wider than the line; a heading
 * whose level is -1 made every Markdown reader answer 500 ("Invalid count value: -1").
 */
import ExcelJS from 'exceljs';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportLabels } from '../../server/exports/labels.js';
import { pdfShownText } from '../../server/exports/testSupport.js';
import { bodyToMarkdown, bodyToPlainText, getBody, insertActivity } from '../../shared/planModel.js';
import { createWorld, type Api } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

type HeadingLevel = object | number | string | null;

/** Heading levels a raw Yjs client can store, and the Markdown heading marker each must read as. */
const HOSTILE_LEVELS: Array<[HeadingLevel, string]> = [
  [-1, '#'],
  ['-Infinity', '#'],
  [Number.NaN, '#'],
  [1e308, '######'],
  [{ nivel: 2 }, '#'],
  [null, '#'],
  [0, '#'],
  ['3', '###'],
  [2.7, '##'],
];

/** Heading elements with the hostile levels, titled "Nivel <index>". */
function hostileHeadings(): Y.XmlElement[] {
  return HOSTILE_LEVELS.map(([level], i) => {
    const heading = new Y.XmlElement('heading');
    // Yjs types attributes as strings by default; what a raw client stores is any JSON value.
    (heading as unknown as Y.XmlElement<{ level: HeadingLevel }>).setAttribute('level', level);
    heading.insert(0, [new Y.XmlText(`Nivel ${i}`)]);
    return heading;
  });
}

const EXPECTED_HEADINGS = HOSTILE_LEVELS.map(([, marker], i) => `${marker} Nivel ${i}`);

/**
 * A pasted token, the same every run: letters and digits only, since "/", "+" or "-" would give pdfkit places to
 * break the line (a real base64 blob is cut at each "/", and was never the slow case).
 */
function token(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let seed = 11;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += alphabet[Math.floor((seed / 2147483648) * alphabet.length)];
  }
  return out;
}

describe('Markdown and plain-text readers of a plan with hostile attributes', () => {
  it('read any heading level as 1 to 6', () => {
    const doc = new Y.Doc();
    getBody(doc).insert(0, hostileHeadings());
    expect(bodyToMarkdown(getBody(doc)).split('\n\n')).toEqual(EXPECTED_HEADINGS);
    expect(bodyToPlainText(getBody(doc)).split('\n')).toEqual(HOSTILE_LEVELS.map((_, i) => `Nivel ${i}`));
  });

  it('read a table of 200,000 rows', () => {
    const doc = new Y.Doc();
    const table = new Y.XmlElement('table');
    getBody(doc).insert(0, [table]);
    const head = new Y.XmlElement('tableRow');
    const cell = new Y.XmlElement('tableHeader');
    cell.insert(0, [new Y.XmlText('Actividad')]);
    head.insert(0, [cell]);
    table.insert(0, [head, ...Array.from({ length: 200_000 }, () => new Y.XmlElement('tableRow'))]);
    const lines = bodyToMarkdown(getBody(doc)).split('\n');
    expect(lines.slice(0, 3)).toEqual(['| Actividad |', '| --- |', '|  |']);
    expect(lines).toHaveLength(200_002); // header, separator, one line a row
  });
});

describe('exports of a plan written with hostile content', () => {
  let server: TestServer;
  let ana: Api;
  let beto: Api;
  let ws: string;
  let newDocument: () => Promise<string>;
  const clients: YClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({});
    const world = await createWorld(server.url);
    const a = await world.user('Ana', 'SSPC');
    const b = await world.user('Beto', 'FGR');
    ana = a.api;
    beto = b.api;
    ws = await world.workspace(ana);
    await world.addMember(ws, ana, b.id, 'member');
    newDocument = () => world.document(ana, ws, 'blank');
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server.close();
  });

  /** Ana writes into the plan's body with a stock client; resolves once Beto's client shows the same body. */
  async function writeBody(docId: string, write: (body: Y.XmlFragment) => void): Promise<void> {
    const writer = connectYjs(server.wsUrl, docId, ana.token);
    const reader = connectYjs(server.wsUrl, docId, beto.token);
    clients.push(writer, reader);
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    writer.doc.transact(() => write(getBody(writer.doc)));
    const expected = getBody(writer.doc).toString();
    await waitFor(() => getBody(reader.doc).toString() === expected, 10_000, 'the second client to see the write');
  }

  async function download(path: string): Promise<{ status: number; bytes: Buffer }> {
    const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${ana.token}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('keeps titles on one line: breaks and control characters become spaces, bidi overrides go', async () => {
    const hostile = 'Plan\r\n**Versión:** falsa\t\u0007fin \u202Egnp.exe';
    const created = await ana.post(`/api/workspaces/${ws}/documents`, { title: hostile, template: 'blank' });
    expect(created.status).toBe(201);
    expect(created.body.document.title).toBe('Plan **Versión:** falsa fin gnp.exe');
    const md = await download(`/api/documents/${created.body.document.id}/export?format=md`);
    expect(md.bytes.toString('utf8').split('\n')[0]).toBe('# Plan \\*\\*Versión:\\*\\* falsa fin gnp.exe');
    const disposition = (await fetch(`${server.url}/api/documents/${created.body.document.id}/export?format=md`, { headers: { authorization: `Bearer ${ana.token}` } })).headers.get('content-disposition') ?? '';
    expect(disposition).not.toMatch(/%E2%80%AE/i);
    // Nothing but breaks and controls is no title at all; the same rule holds for decisions, meetings and versions.
    expect((await ana.post(`/api/workspaces/${ws}/documents`, { title: '\r\n\t' })).status).toBe(400);
    // Nor is nothing but characters that show nothing (zero-width spaces, joiners, direction marks).
    const invisible = await ana.post(`/api/workspaces/${ws}/documents`, { title: '\u200b\u200d\u200e\ufeff' });
    expect(invisible.status).toBe(400);
    expect(invisible.body.error.details).toEqual([expect.objectContaining({ path: 'title', message: expect.stringMatching(/visible/) })]);
    const decision = await ana.post(`/api/workspaces/${ws}/decisions`, { title: 'Acuerdo\n\u202Dfirmado' });
    expect(decision.body.decision.title).toBe('Acuerdo firmado');
    const version = await ana.post(`/api/documents/${created.body.document.id}/versions`, { name: 'Firma\r\nfinal' });
    expect(version.body.version.name).toBe('Firma final');
  });

  it('names the file of a title with an emoji at the name’s length limit without cutting the emoji (every format was a 500)', async () => {
    const title = `${'A'.repeat(119)}😀 fin`;
    const docId = (await ana.post(`/api/workspaces/${ws}/documents`, { title, template: 'blank' })).body.document.id as string;
    for (const format of ['json', 'md', 'pdf', 'docx']) {
      const res = await fetch(`${server.url}/api/documents/${docId}/export?format=${format}`, { headers: { authorization: `Bearer ${ana.token}` } });
      expect(res.status, format).toBe(200);
      const unicodeName = /filename\*=UTF-8''(.+)$/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
      expect(decodeURIComponent(unicodeName), format).toBe(`${'A'.repeat(119)}😀.${format}`);
    }
    const meeting = await ana.post(`/api/workspaces/${ws}/meetings`, { title: `${'M'.repeat(119)}🎉 cierre`, startsAt: '2027-01-15T16:00:00.000Z', agenda: [{ title: 'Cierre 🎉' }] });
    expect(meeting.status).toBe(201);
    const minutes = await download(`/api/meetings/${meeting.body.meeting.id}/minutes?format=md&lang=es`);
    expect(minutes.status).toBe(200);
    expect(minutes.bytes.toString('utf8')).toContain('Cierre 🎉');
  });

  it('keeps the matrix workbook readable when a plan or activity title holds characters XML cannot (U+FFFF)', async () => {
    const docId = (await ana.post(`/api/workspaces/${ws}/documents`, { title: 'Plan \uFFFF no carácter', template: 'blank' })).body.document.id as string;
    const writer = connectYjs(server.wsUrl, docId, ana.token);
    clients.push(writer);
    await waitSynced(writer);
    insertActivity(writer.doc, { id: 'act_nonchar', title: 'Operativo \uFFFE\u0001 conjunto' });
    await waitFor(async () => JSON.stringify((await ana.get('/api/matrix')).body).includes('act_nonchar'), 10_000, 'the activity in the matrix');
    const xlsx = await download('/api/matrix.xlsx');
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    // A strict XML reader, as Excel is: it refused the workbook before.
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const cells = book.worksheets[0].getSheetValues().flat().map(String);
    // The control character reads as a space (titles are one line), the non-character is dropped.
    expect(cells).toContain('Operativo   conjunto');
    expect(cells.some((c) => c.startsWith('Plan ') && c.endsWith(' no carácter') && !c.includes('\uFFFF'))).toBe(true);
  });

  it('keeps an activity’s target and indicator in the PDF when its description is too long for a page', { timeout: 20_000 }, async () => {
    const docId = await newDocument();
    const writer = connectYjs(server.wsUrl, docId, ana.token);
    clients.push(writer);
    await waitSynced(writer);
    const sentences = Array.from({ length: 250 }, (_, i) => `Oración ${i} de la descripción del operativo conjunto.`).join(' ');
    insertActivity(writer.doc, { id: 'act_larga', title: 'Operativo largo', description: sentences, target: 'Cien municipios cubiertos', indicator: 'Actas firmadas por municipio' });
    await waitFor(async () => JSON.stringify((await ana.get(`/api/documents/${docId}/export?format=json`)).body).includes('Actas firmadas'), 10_000, 'the activity stored');
    const pdf = await download(`/api/documents/${docId}/export?format=pdf&lang=es`);
    expect(pdf.status).toBe(200);
    const shown = pdfShownText(pdf.bytes).replace(/\s+/g, ' ');
    expect(shown).toContain('Oración 0 de la descripción');
    expect(shown).toContain('…');
    expect(shown).toContain('Meta: Cien municipios cubiertos');
    expect(shown).toContain('Indicador: Actas firmadas por municipio');
  });

  it('writes a carriage return or control character in the plan as Markdown that keeps its tables and carries no control bytes', async () => {
    const docId = await newDocument();
    await writeBody(docId, (body) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('antes\u0000\u001b[31m rojo\r\ndespués')]);
      const table = new Y.XmlElement('table');
      const row = new Y.XmlElement('tableRow');
      const cell = new Y.XmlElement('tableCell');
      const inner = new Y.XmlElement('paragraph');
      inner.insert(0, [new Y.XmlText('primera línea\rsegunda línea')]);
      cell.insert(0, [inner]);
      row.insert(0, [cell]);
      table.insert(0, [row]);
      body.insert(body.length, [paragraph, table]);
    });
    const md = (await download(`/api/documents/${docId}/export?format=md`)).bytes.toString('utf8');
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(md).toContain('antes\\[31m rojo\\\ndespués');
    expect(md).toContain('| primera línea<br>segunda línea |');
  });

  // 300,000 characters took about a minute before the fix (200,000 about 30 s), far past this test's 20 s.
  it('exports as PDF a paragraph that is one 300,000-character word, whole and in order', { timeout: 20_000 }, async () => {
    const docId = await newDocument();
    const blob = token(300_000);
    await writeBody(docId, (body) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`INICIO${blob}FIN`)]);
      body.push([paragraph]);
    });

    const pdf = await download(`/api/documents/${docId}/export?format=pdf&lang=es`);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Each page's footer is written after its body text: leave those lines out and the word must read straight through.
    const footer = new RegExp('^' + exportLabels('es').page.replace('{n}', '\\d+').replace('{total}', '\\d+') + '$');
    const shown = pdfShownText(pdf.bytes)
      .split('\n')
      .filter((line) => !footer.test(line))
      .join('');
    expect(shown).toContain(`INICIO${blob}FIN`);

    const json = await ana.get(`/api/documents/${docId}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.body.body).toContain(`INICIO${blob}FIN`);
  });

  it('reads headings of any level as Markdown headings 1 to 6 in the JSON export, versions and diffs', async () => {
    const docId = await newDocument();
    const before = await ana.post(`/api/documents/${docId}/versions`, { name: 'Antes de los títulos' });
    expect(before.status).toBe(201);
    await writeBody(docId, (body) => body.push(hostileHeadings()));

    const json = await ana.get(`/api/documents/${docId}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.body.body.split('\n').filter(Boolean)).toEqual(EXPECTED_HEADINGS);

    const md = await ana.get(`/api/documents/${docId}/export?format=md`);
    expect(md.status).toBe(200);
    for (const line of EXPECTED_HEADINGS) expect(md.body).toContain(`\n${line}\n`);

    const after = await ana.post(`/api/documents/${docId}/versions`, { name: 'Con títulos' });
    expect(after.status).toBe(201);
    const version = await ana.get(`/api/versions/${after.body.version.id}`);
    expect(version.status).toBe(200);
    expect(version.body.content.body.split('\n').filter(Boolean)).toEqual(EXPECTED_HEADINGS);

    const diff = await ana.get(`/api/documents/${docId}/diff?from=${before.body.version.id}&to=current`);
    expect(diff.status).toBe(200);
    const inserted = (diff.body.body as Array<{ op: string; text: string }>).filter((r) => r.op === 'insert').map((r) => r.text).join('');
    for (let i = 0; i < HOSTILE_LEVELS.length; i++) expect(inserted).toContain(`Nivel ${i}`);

    for (const format of ['pdf', 'docx']) expect((await download(`/api/documents/${docId}/export?format=${format}`)).status).toBe(200);
  });
});

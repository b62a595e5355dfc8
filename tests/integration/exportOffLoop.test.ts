/**
 * Exports render off the event loop. A DOCX of a plan with 2,000 activities used to hold the server's event loop
 * for over a second (17 s at 20,000): no edit, save or request was served meanwhile. Here a plan of 3,000
 * activities is exported as DOCX, PDF and XLSX, and other requests are answered while each file is being rendered.
 * The same export runs once more against the server bundle that `npm start` runs, as its own process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntry } from '../../server/exports/testSupport.js';
import { insertActivity } from '../../shared/planModel.js';
import { createWorld, type Api } from '../helpers/api.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ACTIVITIES = 3000;

/** A plan holding `ACTIVITIES` activities, written by a stock client and stored. */
async function bigPlan(url: string, wsUrl: string): Promise<{ api: Api; documentId: string; workspaceId: string }> {
  const world = await createWorld(url);
  const ana = await world.user('Ana', 'SSPC');
  const workspaceId = await world.workspace(ana.api);
  const documentId = await world.document(ana.api, workspaceId, 'blank');
  const writer = connectYjs(wsUrl, documentId, ana.api.token!);
  try {
    await waitSynced(writer);
    writer.doc.transact(() => {
      for (let i = 0; i < ACTIVITIES; i++) {
        insertActivity(writer.doc, { id: `act-${i}`, title: `Actividad ${i}`, description: 'Capacitación conjunta', mandateArea: 'trafficking_in_persons', stateCodes: ['08'] });
      }
    });
    // Stored once the export (which reads the stored plan when nobody has it open) shows the last row.
    writer.destroy();
    await waitFor(
      async () => {
        const res = await fetch(`${url}/api/documents/${documentId}/export?format=json`, { headers: { authorization: `Bearer ${ana.api.token!}` } });
        return res.status === 200 && ((await res.json()) as { activities: unknown[] }).activities.length === ACTIVITIES;
      },
      20_000,
      'the plan to be stored',
    );
    await waitFor(async () => (await ana.api.get('/api/matrix')).body.activities?.length === ACTIVITIES, 20_000, 'the matrix to show the plan');
  } finally {
    writer.destroy();
  }
  return { api: ana.api, documentId, workspaceId };
}

async function download(url: string, token: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('exports of a large plan (in-process server)', () => {
  let server: TestServer;
  let plan: Awaited<ReturnType<typeof bigPlan>>;

  beforeAll(async () => {
    server = await startTestServer({});
    plan = await bigPlan(server.url, server.wsUrl);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['docx', `/api/documents/{doc}/export?format=docx`],
    ['pdf', `/api/documents/{doc}/export?format=pdf`],
    ['xlsx', `/api/matrix.xlsx`],
  ])('answers other requests while the %s file renders', async (kind, path) => {
    const renderer = server.services.exportRenderer;
    let finished = false;
    const exporting = download(server.url + path.replace('{doc}', plan.documentId), plan.api.token!).finally(() => (finished = true));
    await waitFor(() => renderer.busy, 20_000, 'the export to start rendering');
    // While the file renders, the server answers: a request to the API and one reading the database.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const me = await plan.api.get('/api/me');
    expect(me.status).toBe(200);
    expect(renderer.busy).toBe(true);
    expect(finished).toBe(false);

    const file = await exporting;
    expect(file.status).toBe(200);
    if (kind === 'pdf') expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    else if (kind === 'docx') expect(readZipEntry(file.bytes, 'word/document.xml')).toContain(`Actividad ${ACTIVITIES - 1}`);
    else expect(readZipEntry(file.bytes, 'xl/sharedStrings.xml')).toContain(`Actividad ${ACTIVITIES - 1}`);
  }, 90_000);
});

describe('exports from the server bundle (a process, as `npm start` runs it)', () => {
  let proc: ServerProcess;

  beforeAll(async () => {
    proc = await startServerProcess({ DATA_DIR: tempDir('enlace-export-') });
  }, 90_000);
  afterAll(async () => {
    await proc?.kill('SIGTERM');
  });

  it('renders DOCX in the bundle’s worker', async () => {
    const { api, documentId } = await bigPlan(proc.url, proc.wsUrl);
    const file = await download(`${proc.url}/api/documents/${documentId}/export?format=docx`, api.token!);
    expect(file.status).toBe(200);
    expect(readZipEntry(file.bytes, 'word/document.xml')).toContain(`Actividad ${ACTIVITIES - 1}`);
    // Not the fallback that renders in the main thread when no worker can start.
    expect(proc.output()).not.toMatch(/could not start/);
  }, 90_000);
});

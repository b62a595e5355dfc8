import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { ExportRenderer, fileBuffer } from './exportRenderer.js';
import { planDocument, planToDocx, type PlanExportInput } from './planExport.js';
import { readZipEntry, sampleActivity, SAMPLE_ORGS } from './testSupport.js';

function plan(activities: number): PlanExportInput {
  return {
    title: 'Plan de trabajo',
    lang: 'es',
    generatedAt: new Date('2026-11-30T12:00:00Z'),
    workspaceName: 'Mesa de trata de personas',
    blocks: [{ type: 'paragraph', runs: [{ text: 'Objetivo común' }] }],
    activities: Array.from({ length: activities }, (_, i) => sampleActivity({ id: `a${i}`, title: `Taller ${i}` })),
    organizations: SAMPLE_ORGS,
    approvals: [],
    participatingOrganizationIds: ['fgr', 'uif'],
  };
}

const renderers: ExportRenderer[] = [];
function renderer(opts: ConstructorParameters<typeof ExportRenderer>[0] = {}): ExportRenderer {
  const r = new ExportRenderer(opts);
  renderers.push(r);
  return r;
}

afterEach(async () => {
  await Promise.all(renderers.splice(0).map((r) => r.close()));
});

describe('ExportRenderer (a worker thread)', () => {
  it('renders DOCX, PDF and XLSX in the worker with the same content as this thread', async () => {
    const r = renderer();
    const input = plan(30);
    const docx = fileBuffer(await r.render({ kind: 'docx', document: planDocument(input) }));
    expect(r.workerRunning).toBe(true);
    const here = await planToDocx(input);
    expect(readZipEntry(docx, 'word/document.xml')).toBe(readZipEntry(here, 'word/document.xml'));
    expect(readZipEntry(docx, 'word/document.xml')).toContain('Taller 29');

    const pdf = await r.render({ kind: 'pdf', document: planDocument(input) });
    expect(fileBuffer(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.pageCount).toBeGreaterThan(1);

    const xlsx = fileBuffer(await r.render({ kind: 'xlsx', sheet: { name: 'Matriz', headers: ['Título'], tags: ['#activity+name'], rows: [['=1+1 no es fórmula']] } }));
    const sheet = readZipEntry(xlsx, 'xl/worksheets/sheet1.xml') ?? '';
    const strings = readZipEntry(xlsx, 'xl/sharedStrings.xml') ?? '';
    expect(sheet + strings).toContain('=1+1 no es fórmula');
    expect(sheet).not.toContain('<f>');
  });

  it('fails only the export that exhausts the worker’s heap; the next one gets a new worker', async () => {
    const r = renderer({ maxHeapMb: 24 });
    const huge = r.render({ kind: 'docx', document: planDocument(plan(20_000)) });
    const small = r.render({ kind: 'docx', document: planDocument(plan(3)) });
    const failure = await huge.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(503);
    expect((failure as AppError).message).toMatch(/too large/);
    expect(readZipEntry(fileBuffer(await small), 'word/document.xml')).toContain('Taller 2');
  });

  it('refuses jobs past its queue with 503, and every job after close', async () => {
    const r = renderer({ maxQueued: 2 });
    const doc = planDocument(plan(200));
    const first = r.render({ kind: 'docx', document: doc });
    const second = r.render({ kind: 'docx', document: doc });
    await expect(r.render({ kind: 'docx', document: doc })).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    await Promise.all([first, second]);
    const waiting = expect(r.render({ kind: 'docx', document: doc })).rejects.toMatchObject({ status: 503 });
    await r.close();
    await waiting;
    await expect(r.render({ kind: 'docx', document: doc })).rejects.toMatchObject({ status: 503 });
    expect(r.workerRunning).toBe(false);
  });

  it('stops an idle worker and starts one again for the next job', async () => {
    const r = renderer({ idleMs: 20 });
    await r.render({ kind: 'docx', document: planDocument(plan(1)) });
    expect(r.busy).toBe(false);
    await expect.poll(() => r.workerRunning, { timeout: 5000 }).toBe(false);
    const again = fileBuffer(await r.render({ kind: 'docx', document: planDocument(plan(2)) }));
    expect(readZipEntry(again, 'word/document.xml')).toContain('Taller 1');
  });
});

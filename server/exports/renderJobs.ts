/**
 * The export rendering jobs: a document as DOCX or PDF, a sheet or the activity import's template as XLSX. The render
 * worker runs them off the event loop (see exportRenderer.ts); `renderJob` is also what it runs, so both sides render
 * the same bytes.
 */
import type { ExportDocument } from './exportDocument.js';
import type { ActivityTemplate } from './activityTemplate.js';
import type { XlsxSheet } from './renderXlsx.js';

export type RenderJob =
  | { kind: 'docx'; document: ExportDocument }
  | { kind: 'pdf'; document: ExportDocument }
  | { kind: 'xlsx'; sheet: XlsxSheet }
  | { kind: 'activityTemplate'; template: ActivityTemplate };

export interface RenderResult {
  bytes: Uint8Array;
  /** PDF only: how many pages it has. */
  pageCount?: number;
}

/** Renders one job in this thread. The libraries (docx, pdfkit, exceljs) load on first use. */
export async function renderJob(job: RenderJob): Promise<RenderResult> {
  switch (job.kind) {
    case 'docx': {
      const { documentToDocx } = await import('./renderDocx.js');
      return { bytes: await documentToDocx(job.document) };
    }
    case 'pdf': {
      const { documentToPdf } = await import('./renderPdf.js');
      const { buffer, pageCount } = await documentToPdf(job.document);
      return { bytes: buffer, pageCount };
    }
    case 'xlsx': {
      const { sheetToXlsx } = await import('./renderXlsx.js');
      return { bytes: await sheetToXlsx(job.sheet) };
    }
    case 'activityTemplate': {
      const { activityTemplateToXlsx } = await import('./renderActivityTemplate.js');
      return { bytes: await activityTemplateToXlsx(job.template) };
    }
  }
}

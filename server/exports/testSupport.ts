/** Test helpers for the export renderers: read a file out of a .docx zip, count PDF pages, sample data. */
import { inflateRawSync } from 'node:zlib';
import type { Activity } from '../../shared/planModel.js';
import type { OrganizationNames } from './labels.js';

/** The text of one entry of a zip archive, found through the central directory (stored or deflated entries). */
export function readZipEntry(zip: Buffer, name: string): string | null {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const localNameLength = zip.readUInt16LE(localOffset + 26);
      const localExtraLength = zip.readUInt16LE(localOffset + 28);
      const start = localOffset + 30 + localNameLength + localExtraLength;
      const data = zip.subarray(start, start + compressedSize);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** Page objects in a PDF (pdfkit writes no object streams, so each page is a plain "/Type /Page" dictionary). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export const SAMPLE_ORGS: OrganizationNames = {
  fgr: { name: 'Fiscalía General de la República', acronym: 'FGR' },
  uif: { name: 'Unidad de Inteligencia Financiera', acronym: 'UIF' },
  unodc: { name: 'Oficina de las Naciones Unidas contra la Droga y el Delito', acronym: 'UNODC' },
};

/** An activity with every field filled, overridable per test. */
export function sampleActivity(overrides: Partial<Activity> & { id: string }): Activity {
  return {
    title: 'Taller de análisis financiero',
    description: 'Capacitación conjunta sobre operaciones con recursos de procedencia ilícita.',
    leadOrganizationId: 'uif',
    partnerOrganizationIds: ['fgr', 'unodc'],
    mandateArea: 'money_laundering',
    stateCodes: ['14', '19'],
    municipalityCodes: ['14039'],
    startDate: '2025-03-01',
    endDate: '2025-06-30',
    status: 'in_progress',
    target: '40 personas capacitadas',
    indicator: 'Personas capacitadas',
    ...overrides,
  };
}

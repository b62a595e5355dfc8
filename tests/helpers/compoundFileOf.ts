/**
 * A compound file (MS-CFB) written by hand, to test the .xls reader on containers LibreOffice does not make: 4096-byte
 * sectors, and a FAT long enough to need DIFAT sectors beyond the header's 109 entries. Streams go in regular sectors
 * only, so each must hold at least 4,096 bytes (smaller ones belong in the mini stream, which this does not write).
 */

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const DIFSECT = 0xfffffffc;
const NOSTREAM = 0xffffffff;

export interface CompoundFileLayout {
  bytes: Uint8Array;
  sectorSize: number;
  /** Where each DIFAT sector and FAT sector is, by sector number. */
  difatSectors: number[];
  fatSectors: number[];
  /** Each stream's first sector, by name. */
  streamStarts: Record<string, number>;
}

/** A compound file holding `streams` under its root, version 3 (512-byte sectors) or 4 (4096), with at least `fatSectors` FAT sectors. */
export function compoundFileOf(streams: Record<string, Uint8Array>, options: { version?: 3 | 4; fatSectors?: number } = {}): CompoundFileLayout {
  const version = options.version ?? 3;
  const sectorSize = version === 4 ? 4096 : 512;
  const perSector = sectorSize / 4;
  const entries = Object.entries(streams);
  for (const [name, data] of entries) if (data.length < 4096) throw new Error(`${name}: streams under 4096 bytes belong in the mini stream`);
  const dataSectors = entries.reduce((n, [, data]) => n + Math.ceil(data.length / sectorSize), 0);
  const directorySectors = Math.ceil(((entries.length + 1) * 128) / sectorSize);
  let fatCount = options.fatSectors ?? 1;
  let difatCount = 0;
  for (;;) {
    difatCount = Math.max(0, Math.ceil((fatCount - 109) / (perSector - 1)));
    const total = fatCount + difatCount + directorySectors + dataSectors;
    if (fatCount * perSector >= total) break;
    fatCount++;
  }
  const total = fatCount + difatCount + directorySectors + dataSectors;
  const bytes = new Uint8Array((total + 1) * sectorSize);
  const view = new DataView(bytes.buffer);
  const at = (sector: number) => (sector + 1) * sectorSize;
  const fat = new Uint32Array(fatCount * perSector).fill(FREESECT);
  const fatSectors = Array.from({ length: fatCount }, (_, i) => i);
  const difatSectors = Array.from({ length: difatCount }, (_, i) => fatCount + i);
  for (const s of fatSectors) fat[s] = FATSECT;
  for (const s of difatSectors) fat[s] = DIFSECT;
  const chain = (first: number, count: number) => {
    for (let i = 0; i < count; i++) fat[first + i] = i === count - 1 ? ENDOFCHAIN : first + i + 1;
  };
  const directoryStart = fatCount + difatCount;
  chain(directoryStart, directorySectors);
  let next = directoryStart + directorySectors;
  const streamStarts: Record<string, number> = {};
  for (const [name, data] of entries) {
    const count = Math.ceil(data.length / sectorSize);
    streamStarts[name] = next;
    bytes.set(data, at(next));
    chain(next, count);
    next += count;
  }

  // The header.
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  view.setUint16(24, 0x3e, true);
  view.setUint16(26, version, true);
  view.setUint16(28, 0xfffe, true);
  view.setUint16(30, version === 4 ? 12 : 9, true);
  view.setUint16(32, 6, true);
  view.setUint32(40, version === 4 ? directorySectors : 0, true);
  view.setUint32(44, fatCount, true);
  view.setUint32(48, directoryStart, true);
  view.setUint32(56, 4096, true);
  view.setUint32(60, ENDOFCHAIN, true);
  view.setUint32(68, difatCount ? difatSectors[0] : ENDOFCHAIN, true);
  view.setUint32(72, difatCount, true);
  for (let i = 0; i < 109; i++) view.setUint32(76 + i * 4, i < fatCount ? fatSectors[i] : FREESECT, true);
  // DIFAT sectors: the FAT sectors past the header's 109, then the next DIFAT sector.
  difatSectors.forEach((sector, d) => {
    for (let i = 0; i < perSector - 1; i++) {
      const index = 109 + d * (perSector - 1) + i;
      view.setUint32(at(sector) + i * 4, index < fatCount ? fatSectors[index] : FREESECT, true);
    }
    view.setUint32(at(sector) + (perSector - 1) * 4, d + 1 < difatCount ? difatSectors[d + 1] : ENDOFCHAIN, true);
  });
  fatSectors.forEach((sector, i) => {
    for (let j = 0; j < perSector; j++) view.setUint32(at(sector) + j * 4, fat[i * perSector + j], true);
  });

  // The directory: the root, then each stream as the right sibling of the one before.
  const entry = (index: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const base = at(directoryStart) + index * 128;
    for (let i = 0; i < name.length; i++) view.setUint16(base + i * 2, name.charCodeAt(i), true);
    view.setUint16(base + 64, (name.length + 1) * 2, true);
    bytes[base + 66] = type;
    bytes[base + 67] = 1;
    view.setUint32(base + 68, NOSTREAM, true);
    view.setUint32(base + 72, right, true);
    view.setUint32(base + 76, child, true);
    view.setUint32(base + 116, start, true);
    view.setUint32(base + 120, size, true);
  };
  entry(0, 'Root Entry', 5, entries.length ? 1 : NOSTREAM, NOSTREAM, ENDOFCHAIN, 0);
  entries.forEach(([name, data], i) => entry(i + 1, name, 2, NOSTREAM, i + 1 < entries.length ? i + 2 : NOSTREAM, streamStarts[name], data.length));
  for (let i = entries.length + 1; i < (directorySectors * sectorSize) / 128; i++) {
    const base = at(directoryStart) + i * 128;
    view.setUint32(base + 68, NOSTREAM, true);
    view.setUint32(base + 72, NOSTREAM, true);
    view.setUint32(base + 76, NOSTREAM, true);
  }
  return { bytes, sectorSize, difatSectors, fatSectors, streamStarts };
}

/**
 * Reading the streams of a Compound File (MS-CFB, the "OLE" container of Excel 97–2003 workbooks and of
 * password-protected Office files): the header, the DIFAT (with its extra sectors) naming the FAT's sectors, the FAT
 * chains, the mini stream and its miniFAT for small streams, and the directory's entries under the root. Written from
 * the published specification, for 512- and 4096-byte sectors. Every offset is checked against the file and every
 * chain against cycles, so a damaged or hostile file is refused with a reason instead of read past its end or forever.
 */

/** Why a compound file could not be read: damaged (cut short, broken chains), or a stream larger than allowed. */
export type CompoundFileProblem = 'corrupt' | 'tooLarge';

/** A compound file that cannot be read, and why. */
export class CompoundFileError extends Error {
  constructor(
    readonly problem: CompoundFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CompoundFileError';
  }
}

/** A compound file opened: the names of its root storage's streams, and a way to read one. */
export interface CompoundFile {
  /** The streams directly under the root storage (not inside sub-storages such as embedded objects). */
  streamNames: string[];
  /** A root stream's bytes, or undefined when there is none by that name (compared as CFB does, case aside). */
  readStream(name: string, maxBytes: number): Uint8Array | undefined;
}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEADER_DIFAT_ENTRIES = 109;
/** Chain ends and markers: anything above MAXREGSECT is not a sector. */
const MAXREGSECT = 0xfffffffa;
const ENDOFCHAIN = 0xfffffffe;
const NOSTREAM = 0xffffffff;
const MINI_SECTOR = 64;
const MINI_STREAM_CUTOFF = 4096;
const DIRECTORY_ENTRY = 128;
const STORAGE = 1;
const STREAM = 2;
const ROOT = 5;

/** Whether bytes begin with the compound file signature. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((b, i) => bytes[i] === b);
}

const corrupt = (message: string) => new CompoundFileError('corrupt', message);
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;

interface DirectoryEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** Opens a compound file: reads its header, FAT and directory; streams are read when asked for. */
export function openCompoundFile(bytes: Uint8Array): CompoundFile {
  if (bytes.length < 512 || !isCompoundFile(bytes)) throw corrupt('not a compound file header');
  const major = u16(bytes, 26);
  const shift = u16(bytes, 30);
  if (u16(bytes, 28) !== 0xfffe) throw corrupt('bad byte order mark');
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) throw corrupt(`unsupported version ${major} with sector shift ${shift}`);
  if (u16(bytes, 32) !== 6) throw corrupt('unsupported mini sector size');
  if (u32(bytes, 56) !== MINI_STREAM_CUTOFF) throw corrupt('unsupported mini stream cutoff');
  const sectorSize = 1 << shift;
  // Sector n starts at (n + 1) × sector size: the header takes the first sector's room. A last sector cut short still counts.
  const sectorCount = Math.max(0, Math.ceil((bytes.length - sectorSize) / sectorSize));
  const sectorAt = (sector: number, length = sectorSize) => {
    const at = (sector + 1) * sectorSize;
    if (sector >= sectorCount || at + length > bytes.length) throw corrupt(`sector ${sector} is past the end of the file`);
    return at;
  };

  const fat = readFat(bytes, sectorSize, sectorCount, sectorAt);
  /** The sectors of a chain from `start`: `needed` of them, or up to its end; a cycle or a stray link is damage. */
  const chain = (table: Uint32Array, start: number, limit: number, needed = Infinity): number[] => {
    const sectors: number[] = [];
    const seen = new Uint8Array(limit);
    for (let sector = start; sectors.length < needed; sector = table[sector]) {
      if (sector === ENDOFCHAIN && needed === Infinity) break;
      if (sector > MAXREGSECT) throw corrupt('a sector chain ends before its stream does');
      if (sector >= limit || sector >= table.length) throw corrupt(`sector ${sector} is outside the file`);
      if (seen[sector]) throw corrupt('a sector chain runs in a circle');
      seen[sector] = 1;
      sectors.push(sector);
    }
    return sectors;
  };
  /** The bytes of `size` from a chain of sectors of `unit` bytes, each found by `offsetOf`. */
  const gather = (sectors: number[], size: number, unit: number, source: Uint8Array, offsetOf: (sector: number) => number) => {
    const out = new Uint8Array(size);
    sectors.forEach((sector, i) => {
      const length = Math.min(unit, size - i * unit);
      const at = offsetOf(sector);
      if (at + length > source.length) throw corrupt('a stream runs past the end of the file');
      out.set(source.subarray(at, at + length), i * unit);
    });
    return out;
  };
  const regularStream = (start: number, size: number) =>
    gather(chain(fat, start, sectorCount, Math.ceil(size / sectorSize)), size, sectorSize, bytes, (s) => (s + 1) * sectorSize);

  const directorySectors = chain(fat, u32(bytes, 48), sectorCount);
  const entries: DirectoryEntry[] = [];
  for (const sector of directorySectors) {
    const at = sectorAt(sector);
    for (let offset = at; offset < at + sectorSize; offset += DIRECTORY_ENTRY) entries.push(directoryEntry(bytes, offset, major));
  }
  const root = entries[0];
  if (!root || root.type !== ROOT) throw corrupt('no root storage');
  const children = rootChildren(entries, root.child);

  let mini: { stream: Uint8Array; fat: Uint32Array } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    // The mini stream is the root entry's own data, in regular sectors; the miniFAT chains 64-byte pieces of it.
    const stream = regularStream(root.start, root.size);
    // Followed to its end rather than for the header's count of sectors, which some writers leave at 0.
    const miniFatSectors = chain(fat, u32(bytes, 60), sectorCount);
    const table = new Uint32Array(miniFatSectors.length * (sectorSize / 4));
    miniFatSectors.forEach((sector, i) => {
      const at = sectorAt(sector);
      for (let j = 0; j < sectorSize / 4; j++) table[i * (sectorSize / 4) + j] = u32(bytes, at + j * 4);
    });
    mini = { stream, fat: table };
    return mini;
  };

  return {
    streamNames: children.filter((e) => e.type === STREAM).map((e) => e.name),
    readStream(name, maxBytes) {
      const entry = children.find((e) => e.type === STREAM && e.name.toUpperCase() === name.toUpperCase());
      if (!entry) return undefined;
      if (entry.size > maxBytes) throw new CompoundFileError('tooLarge', `stream ${name} holds ${entry.size} bytes`);
      if (entry.size === 0) return new Uint8Array(0);
      if (entry.size >= MINI_STREAM_CUTOFF) return regularStream(entry.start, entry.size);
      const { stream, fat: miniFat } = miniStream();
      const pieces = chain(miniFat, entry.start, Math.ceil(stream.length / MINI_SECTOR), Math.ceil(entry.size / MINI_SECTOR));
      return gather(pieces, entry.size, MINI_SECTOR, stream, (s) => s * MINI_SECTOR);
    },
  };
}

/** The FAT: its sectors are named by the header's 109 DIFAT entries, then by DIFAT sectors chained from the header. */
function readFat(bytes: Uint8Array, sectorSize: number, sectorCount: number, sectorAt: (sector: number) => number): Uint32Array {
  const fatSectorCount = u32(bytes, 44);
  if (fatSectorCount > sectorCount) throw corrupt('more FAT sectors than the file holds');
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.length < fatSectorCount; i++) fatSectors.push(u32(bytes, 76 + i * 4));
  const seen = new Set<number>();
  const perDifatSector = sectorSize / 4 - 1;
  for (let difat = u32(bytes, 68); fatSectors.length < fatSectorCount; ) {
    if (difat > MAXREGSECT || difat >= sectorCount) throw corrupt('the DIFAT ends before naming every FAT sector');
    if (seen.has(difat)) throw corrupt('the DIFAT chain runs in a circle');
    seen.add(difat);
    const at = sectorAt(difat);
    for (let i = 0; i < perDifatSector && fatSectors.length < fatSectorCount; i++) fatSectors.push(u32(bytes, at + i * 4));
    // The last entry of a DIFAT sector names the next one.
    difat = u32(bytes, at + perDifatSector * 4);
  }
  const perSector = sectorSize / 4;
  const fat = new Uint32Array(fatSectorCount * perSector);
  fatSectors.forEach((sector, i) => {
    if (sector > MAXREGSECT) throw corrupt('the DIFAT names a FAT sector that is not one');
    const at = sectorAt(sector);
    for (let j = 0; j < perSector; j++) fat[i * perSector + j] = u32(bytes, at + j * 4);
  });
  return fat;
}

function directoryEntry(bytes: Uint8Array, at: number, major: number): DirectoryEntry {
  const nameBytes = Math.min(64, u16(bytes, at + 64));
  let name = '';
  // The length counts the terminating null.
  for (let i = 0; i + 2 < nameBytes; i += 2) name += String.fromCharCode(u16(bytes, at + i));
  // Version 3 files may leave garbage in a size's high half: their streams are under 2 GB.
  const high = major === 4 ? u32(bytes, at + 124) : 0;
  return {
    name,
    type: bytes[at + 66],
    left: u32(bytes, at + 68),
    right: u32(bytes, at + 72),
    child: u32(bytes, at + 76),
    start: u32(bytes, at + 116),
    size: u32(bytes, at + 120) + high * 0x100000000,
  };
}

/** The entries of the root storage's tree of children (left and right siblings from its child), each once. */
function rootChildren(entries: readonly DirectoryEntry[], first: number): DirectoryEntry[] {
  const found: DirectoryEntry[] = [];
  const seen = new Uint8Array(entries.length);
  const stack = [first];
  while (stack.length) {
    const id = stack.pop() ?? NOSTREAM;
    if (id === NOSTREAM) continue;
    if (id >= entries.length) throw corrupt(`directory entry ${id} is outside the directory`);
    if (seen[id]) throw corrupt('the directory tree runs in a circle');
    seen[id] = 1;
    const entry = entries[id];
    if (entry.type === STREAM || entry.type === STORAGE) found.push(entry);
    stack.push(entry.left, entry.right);
  }
  return found;
}

/**
 * The records of an Excel 97–2003 (BIFF8, MS-XLS) workbook stream, and the strings in them. A record longer than
 * 8,224 bytes goes on in CONTINUE records; a string's characters that go on in one restart with an options byte
 * saying whether they are one byte each (Latin-1, "compressed") or two (UTF-16LE), while the string's other parts
 * (its header, rich text runs, phonetic data) just go on. Every read is checked: a record cut short is damage.
 */
import { WorkbookError } from './xlsxWorkbook.js';

/** A record with the data of the CONTINUE records after it, and where it starts in the stream. */
export interface BiffRecord {
  type: number;
  offset: number;
  /** Its own data, then each CONTINUE record's. */
  pieces: Uint8Array[];
}

const CONTINUE = 0x003c;

const corrupt = (message: string) => new WorkbookError('corrupt', message);

/** The records from `offset` to the end of the stream (each with its CONTINUE records), in order. */
export function* biffRecords(stream: Uint8Array, offset: number): Generator<BiffRecord> {
  let at = offset;
  const next = () => {
    const type = stream[at] | (stream[at + 1] << 8);
    const size = stream[at + 2] | (stream[at + 3] << 8);
    if (at + 4 + size > stream.length) throw corrupt(`record 0x${type.toString(16)} at ${at} runs past the end of the stream`);
    const data = stream.subarray(at + 4, at + 4 + size);
    at += 4 + size;
    return { type, data };
  };
  while (at + 4 <= stream.length) {
    const start = at;
    const { type, data } = next();
    const record: BiffRecord = { type, offset: start, pieces: [data] };
    while (at + 4 <= stream.length && (stream[at] | (stream[at + 1] << 8)) === CONTINUE) record.pieces.push(next().data);
    yield record;
  }
}

/** How many bytes a record holds, its CONTINUE records' included. */
export const recordSize = (record: BiffRecord): number => record.pieces.reduce((n, piece) => n + 4 + piece.length, 0);

/** Reads a record's pieces as one run of bytes, and its strings by BIFF8's rules. */
export class BiffReader {
  private piece = 0;
  private at = 0;

  constructor(private readonly pieces: readonly Uint8Array[]) {}

  /** The current piece, moving on to the next once this one is read. */
  private current(): Uint8Array {
    while (this.at >= this.pieces[this.piece].length) {
      if (this.piece + 1 >= this.pieces.length) throw corrupt('a record ends before its data does');
      this.piece++;
      this.at = 0;
    }
    return this.pieces[this.piece];
  }

  /** Whether every byte was read. */
  get atEnd(): boolean {
    if (this.at < this.pieces[this.piece].length) return false;
    // Empty pieces are passed over by the next read, so a table's strings scan each at most once in all.
    for (let i = this.piece + 1; i < this.pieces.length; i++) if (this.pieces[i].length > 0) return false;
    return true;
  }

  /** One byte. */
  u8(): number {
    return this.current()[this.at++];
  }

  /** A 16-bit unsigned number, little-endian. */
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  /** A 32-bit unsigned number, little-endian. */
  u32(): number {
    return this.u16() + this.u16() * 0x10000;
  }

  /** Passes over `count` bytes, across pieces. */
  skip(count: number): void {
    for (let left = count; left > 0; ) {
      const piece = this.current();
      const take = Math.min(left, piece.length - this.at);
      this.at += take;
      left -= take;
    }
  }

  /**
   * `count` characters of a string, one byte each (Latin-1) or two (UTF-16LE) as `wide` says; where they go on in
   * the next piece (a CONTINUE record), that piece opens with a new options byte saying their width from there.
   */
  chars(count: number, wide: boolean): string {
    const parts: string[] = [];
    let twoBytes = wide;
    for (let left = count; left > 0; ) {
      const piece = this.pieces[this.piece];
      if (this.at >= piece.length) {
        if (this.piece + 1 >= this.pieces.length) throw corrupt('a string ends before its characters do');
        this.piece++;
        this.at = 0;
        twoBytes = (this.u8() & 1) === 1;
        continue;
      }
      const width = twoBytes ? 2 : 1;
      const n = Math.min(left, Math.floor((piece.length - this.at) / width));
      if (n === 0) throw corrupt('a character is split between records');
      const codes = new Array<number>(n);
      for (let i = 0, p = this.at; i < n; i++, p += width) codes[i] = twoBytes ? piece[p] | (piece[p + 1] << 8) : piece[p];
      parts.push(String.fromCharCode(...codes));
      this.at += n * width;
      left -= n;
    }
    return parts.join('');
  }

  /** An XLUnicodeString: a 16-bit character count, an options byte (bit 0: two bytes a character), the characters. */
  unicodeString(): string {
    const count = this.u16();
    return this.chars(count, (this.u8() & 1) === 1);
  }

  /** A ShortXLUnicodeString (sheet names): an 8-bit character count, an options byte, the characters. */
  shortUnicodeString(): string {
    const count = this.u8();
    return this.chars(count, (this.u8() & 1) === 1);
  }

  /**
   * An XLUnicodeRichExtendedString (the shared strings): count and options, then the number of formatting runs and
   * the size of the phonetic data when the options say so, the characters, then the runs and the phonetic data
   * (both left out: the cell's text is what is read).
   */
  richString(): string {
    const count = this.u16();
    const options = this.u8();
    const runs = options & 0x08 ? this.u16() : 0;
    const phonetic = options & 0x04 ? this.u32() : 0;
    const text = this.chars(count, (options & 1) === 1);
    this.skip(runs * 4 + phonetic);
    return text;
  }
}

/** The shared string table of an SST record (with its CONTINUE records), in order. */
export function sharedStringTable(record: BiffRecord): string[] {
  const reader = new BiffReader(record.pieces);
  reader.skip(4);
  const unique = reader.u32();
  const strings: string[] = [];
  // Each string takes at least three bytes, so a count claiming billions cannot outrun the record; a table that stops
  // between strings keeps what it has, and cells naming the rest read as empty.
  for (let i = 0; i < unique && !reader.atEnd; i++) strings.push(reader.richString());
  return strings;
}

/**
 * Reading a ZIP archive's members (an .xlsx workbook is one), with the platform's own inflater: `DecompressionStream`
 * in browsers and Node alike, so the web app needs no unzip library. Only what office files use: stored or deflated
 * members, no encryption, no ZIP64. Every member is inflated under a byte budget, so a small file that claims to
 * hold gigabytes (a "zip bomb") stops at the budget instead of filling memory.
 */

/** Why an archive could not be read. */
export type ZipProblem = 'notZip' | 'unsupported' | 'corrupt' | 'tooLarge';

/** An archive that cannot be read, and why. */
export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

/** One member, as the central directory describes it. */
export interface ZipMember {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_FIXED = 22;
const CENTRAL_FIXED = 46;
const LOCAL_FIXED = 30;
const STORED = 0;
const DEFLATED = 8;
/** A ZIP64 archive marks sizes and offsets it could not fit in 32 bits with this. */
const ZIP64_MARK = 0xffffffff;

/** Whether bytes begin as a ZIP archive does (a local header, or the end record of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/** The members of an archive, by name, read from its central directory. */
export function zipMembers(bytes: Uint8Array): Map<string, ZipMember> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus at most a 65,535-byte comment.
  let end = -1;
  for (let at = bytes.length - END_FIXED; at >= Math.max(0, bytes.length - END_FIXED - 0xffff); at--) {
    if (view.getUint32(at, true) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipError('notZip', 'no ZIP end record');
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (directoryOffset === ZIP64_MARK || count === 0xffff) throw new ZipError('unsupported', 'ZIP64 archive');
  if (directoryOffset + directorySize > end) throw new ZipError('corrupt', 'central directory out of bounds');
  const members = new Map<string, ZipMember>();
  const names = new TextDecoder('utf-8');
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_FIXED > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ZipError('corrupt', 'bad central directory entry');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    if (flags & 1) throw new ZipError('unsupported', 'encrypted member');
    if (compressedSize === ZIP64_MARK || localHeaderOffset === ZIP64_MARK) throw new ZipError('unsupported', 'ZIP64 member');
    if (at + CENTRAL_FIXED + nameLength > end) throw new ZipError('corrupt', 'member name out of bounds');
    const name = names.decode(bytes.subarray(at + CENTRAL_FIXED, at + CENTRAL_FIXED + nameLength));
    members.set(name, { name, method, compressedSize, localHeaderOffset });
    at += CENTRAL_FIXED + nameLength + extraLength + commentLength;
  }
  return members;
}

/** A member's bytes, inflated; more than `maxBytes` of them is refused (ZipError 'tooLarge'). */
export async function readZipMember(bytes: Uint8Array, member: ZipMember, maxBytes: number): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = member.localHeaderOffset;
  if (at + LOCAL_FIXED > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) throw new ZipError('corrupt', `bad local header for ${member.name}`);
  // The local header's own name and extra lengths may differ from the central directory's.
  const start = at + LOCAL_FIXED + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + member.compressedSize > bytes.length) throw new ZipError('corrupt', `${member.name} runs past the end of the archive`);
  const data = bytes.subarray(start, start + member.compressedSize);
  if (member.method === STORED) {
    if (data.length > maxBytes) throw new ZipError('tooLarge', `${member.name} is over ${maxBytes} bytes`);
    return data;
  }
  if (member.method !== DEFLATED) throw new ZipError('unsupported', `compression method ${member.method}`);
  return inflateRaw(data, maxBytes, member.name);
}

async function inflateRaw(data: Uint8Array, maxBytes: number, name: string): Promise<Uint8Array> {
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      // Never a SharedArrayBuffer here (a file's or a Buffer's bytes); the stream's typing asks for a plain one.
      controller.enqueue(data as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new ZipError('tooLarge', `${name} inflates to over ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('corrupt', `${name} does not inflate: ${err instanceof Error ? err.message : String(err)}`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

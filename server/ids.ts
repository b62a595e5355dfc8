/** Opaque ids for every record. */
import { customAlphabet } from 'nanoid';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
const make = customAlphabet(alphabet, 16);

/** A new id with a readable prefix, e.g. `doc_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${make()}`;
}

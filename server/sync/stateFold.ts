/**
 * Folding a plan's stored state (its snapshot and the log entries after it) into one merged state. Pure CPU work on
 * bytes, so it runs in a worker thread (foldWorker.ts): decoding a 20 MB plan held the event loop for seconds.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { authorshipByUser, type Authorship } from './updateAuthorship.js';

export interface FoldInput {
  snapshot: Uint8Array;
  /** Log entries in id order. */
  updates: Uint8Array[];
  /** Who sent each entry (null: no one known); when given, the fold says what each person wrote. */
  authors?: Array<string | null>;
}

export interface FoldOutput {
  merged: Uint8Array;
  /** The MD5 of the snapshot folded, as PostgreSQL's `md5(bytea)` spells it: the write checks nobody replaced it meanwhile. */
  snapshotMd5: string;
  /** Per person among `authors`: the Yjs clients they wrote with and what they deleted, kept past the fold. */
  writers?: Authorship[];
}

/** Folds a snapshot and its log entries into one state. */
export async function foldStoredState({ snapshot, updates, authors }: FoldInput): Promise<FoldOutput> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, snapshot);
    for (const update of updates) Y.applyUpdate(doc, update);
    const writers = authors ? authorshipByUser(updates, authors) : undefined;
    return { merged: Y.encodeStateAsUpdate(doc), snapshotMd5: snapshotDigest(snapshot), writers };
  } finally {
    doc.destroy();
  }
}

/** A snapshot's MD5 in hex, equal to PostgreSQL's `md5(state)`. */
export function snapshotDigest(snapshot: Uint8Array): string {
  return createHash('md5').update(snapshot).digest('hex');
}

/** A plan's Y.Doc to read from: a stored version, or the current content (live if loaded, else stored). */
import type * as Y from 'yjs';
import type { Executor } from '../../db/client.js';
import type { DocumentHub } from '../sync/documentHub.js';
import { docFromState, readStoredState } from '../sync/documentStore.js';
import { currentLogPosition, type VersionRow } from './createVersion.js';
import { docFromVersionState } from './planState.js';

export interface PlanSource {
  doc: Y.Doc;
  /** Highest update-log id the content includes. */
  logPosition: number;
  /** Frees the doc unless it is the hub's live document. */
  release(): void;
}

/** The content of a stored version. */
export function versionSource(version: VersionRow): PlanSource {
  const doc = docFromVersionState(version.state);
  return { doc, logPosition: version.logPosition, release: () => doc.destroy() };
}

/** The current content: the live document when this node has it loaded (it includes unsaved edits), else what is stored. */
export async function currentSource(db: Executor, hub: DocumentHub, documentId: string): Promise<PlanSource> {
  const live = hub.documents.get(documentId);
  if (live) {
    const stored = await currentLogPosition(db, documentId);
    return { doc: live.doc, logPosition: Math.max(stored, live.logPosition), release: () => undefined };
  }
  // Reading without loading keeps a GET from pinning the document in memory.
  const state = await readStoredState(db, documentId);
  const doc = docFromState(state);
  const logPosition = Math.max(state.logPosition, await currentLogPosition(db, documentId));
  return { doc, logPosition, release: () => doc.destroy() };
}

/**
 * A plan's current Yjs state for a request. Writes run in a transaction, and embedded PGlite has one
 * connection: loading through the hub (which reads with the pool) would wait on our own transaction.
 * So a loaded document is used as it is, and otherwise its stored state is read through `tx`.
 */
import type * as Y from 'yjs';
import type { Executor } from '../../../db/client.js';
import type { AppServices } from '../../services.js';
import { docFromState, readStoredState } from '../../sync/documentStore.js';

/** Runs `fn` on the document's current state (and the log position it covers). */
export async function withDocumentState<T>(services: AppServices, tx: Executor, documentId: string, fn: (doc: Y.Doc, logPosition: number) => T): Promise<T> {
  const live = services.hub.documents.get(documentId);
  if (live) return fn(live.doc, live.logPosition);
  const state = await readStoredState(tx, documentId);
  const doc = docFromState(state);
  try {
    return fn(doc, state.logPosition);
  } finally {
    doc.destroy();
  }
}

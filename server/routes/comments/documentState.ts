/**
 * A plan's current Yjs state for a request, read through the request's transaction (see hub.peek:
 * loading through the hub inside a transaction would wait forever on PGlite's single connection).
 */
import type * as Y from 'yjs';
import type { Executor } from '../../../db/client.js';
import type { AppServices } from '../../services.js';

/** Runs `fn` on the document's current state (and the log position it covers). */
export async function withDocumentState<T>(services: AppServices, tx: Executor, documentId: string, fn: (doc: Y.Doc, logPosition: number) => T): Promise<T> {
  const current = await services.hub.peek(documentId, tx);
  try {
    return fn(current.doc, current.logPosition);
  } finally {
    current.release();
  }
}

/** Reading a version's stored Yjs state, or the live document, as plan content. */
import * as Y from 'yjs';
import { bodyToMarkdown, getBody, readActivities, type Activity } from '../../shared/planModel.js';
import { applyVersionState } from './versionState.js';

export interface PlanSnapshot {
  /** Markdown of the prose body (what versions, JSON exports and diffs show). */
  markdown: string;
  activities: Activity[];
}

/** A Y.Doc holding a version's stored state; the caller destroys it. */
export function docFromVersionState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  applyVersionState(doc, state);
  return doc;
}

/** The plan content of a document. */
export function planSnapshot(doc: Y.Doc): PlanSnapshot {
  const body = getBody(doc);
  return { markdown: bodyToMarkdown(body), activities: readActivities(doc) };
}

/** The plan content of a stored version state. */
export function snapshotOfState(state: Uint8Array): PlanSnapshot {
  const doc = docFromVersionState(state);
  try {
    return planSnapshot(doc);
  } finally {
    doc.destroy();
  }
}

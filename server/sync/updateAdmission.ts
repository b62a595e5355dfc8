/**
 * What a client's document update must pass before it touches the plan: a well-formed shape (no empty deletion,
 * nothing written into the server's restore markers, shared types nested within the limit, only elements and texts
 * in the body), and room for the activity rows it adds. Everything here reads; nothing is applied.
 */
import * as Y from 'yjs';
import type { Limits } from '../../shared/constants.js';
import { ACTIVITIES_FIELD, BODY_FIELD, getActivities } from '../../shared/planModel.js';
import { MalformedFrame } from './awarenessFrames.js';
import { hasEmptyDeletion, nestingOf, type UpdateShape } from './nestingDepth.js';
import { restoreMarkWrites, type MarkerSender } from './restoreMarkWrites.js';

/** Apply `update` (the client's, or it less relayed restore markers); ask the client again (a parent is missing here); or refuse (plan full). */
export type UpdateAdmission = { kind: 'apply'; update: Uint8Array } | { kind: 'askAgain' } | { kind: 'planFull' };

const NO_STRUCTS: UpdateShape = { nesting: 'ok', newInRoot: 0 };
const ASK_AGAIN: UpdateAdmission = { kind: 'askAgain' };
const PLAN_FULL: UpdateAdmission = { kind: 'planFull' };

/** Checks a client's update (`payload`, already decoded as `decoded`) against `doc`; throws MalformedFrame (4400) for a bad one. */
export function admitClientUpdate(
  doc: Y.Doc,
  payload: Uint8Array,
  decoded: ReturnType<typeof Y.decodeUpdate>,
  limits: Pick<Limits, 'maxNestingDepth' | 'maxActivitiesPerPlan'>,
  sender: MarkerSender,
): UpdateAdmission {
  if (hasEmptyDeletion(decoded)) throw new MalformedFrame('empty deletion range');
  // The restore markers are the server's (restoreMarkWrites): written by a client, refused; relayed, left out.
  const marks = restoreMarkWrites(doc, payload, decoded, sender);
  if (marks.kind === 'written') throw new MalformedFrame('restore markers are written by the server only');
  const { nesting, newInRoot } = decoded.structs.length ? nestingOf(doc, decoded, limits.maxNestingDepth, { count: ACTIVITIES_FIELD, xml: BODY_FIELD }) : NO_STRUCTS;
  if (nesting === 'tooDeep') throw new MalformedFrame('shared types nested too deeply');
  if (nesting === 'malformed') throw new MalformedFrame('malformed item references');
  if (nesting === 'notXml') throw new MalformedFrame('only elements and texts may sit in the body');
  // Counted before applying (rows it also deletes are not subtracted): a plan never grows past the limit.
  if (newInRoot > 0 && getActivities(doc).length + newInRoot > limits.maxActivitiesPerPlan) return PLAN_FULL;
  // Not applied: the client is asked for everything this copy lacks, which then carries the parent too.
  if (nesting === 'unknownParent') return ASK_AGAIN;
  return { kind: 'apply', update: marks.kind === 'relayed' ? marks.update : payload };
}

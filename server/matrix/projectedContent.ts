/**
 * What a projection pass writes for a plan: its activities made storable and clipped, its search text, and a
 * digest of both (equal digests write identical rows), read from the live or stored document in time slices.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { getActivities, readActivity, type Activity } from '../../shared/planModel.js';
import { asOneLine } from '../../shared/schemas.js';
import { toStorableText } from '../storableText.js';
import { runSliced, type Steps } from '../workers/timeSlice.js';
import { PASS_SLICE_MS } from './activityIndex.js';
import { planSearchText } from './projectionRows.js';

/** A plan's content as a pass stores it. */
export interface ProjectedContent {
  activities: Activity[];
  searchText: string;
  digest: string;
}

/**
 * The longest text a projected activity keeps per field. The plan keeps whatever was typed, but the matrix sends
 * every row to every reader of every group: a 5 MB title pasted into one plan made each matrix response 11 MB.
 */
const PROJECTED_TEXT_MAX = { title: 1000, description: 4000, target: 1000, indicator: 1000 } as const;

/** `text` cut to `max` characters (never inside a surrogate pair), marked with an ellipsis when cut. */
function clipped(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 2] ?? '') ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/** One activity with every string PostgreSQL could not store made storable (see storableText.ts), long texts clipped, the title one line. */
function storableActivity(a: Activity): Activity {
  return {
    ...a,
    id: toStorableText(a.id),
    // A title is one line shown as it reads, as REST titles are: a right-to-left override typed into a cell
    // reversed how the matrix, the overlap cards and the CSV showed it.
    title: clipped(asOneLine(toStorableText(a.title)), PROJECTED_TEXT_MAX.title),
    description: clipped(toStorableText(a.description), PROJECTED_TEXT_MAX.description),
    target: clipped(toStorableText(a.target), PROJECTED_TEXT_MAX.target),
    indicator: clipped(toStorableText(a.indicator), PROJECTED_TEXT_MAX.indicator),
  };
}

/** Activities read between two looks at the clock. */
const READ_STEP = 200;

/**
 * What a pass writes for a plan, and its digest (equal digests write identical rows). Any client may type a NUL or
 * an unpaired surrogate into the prose or an activity: the document keeps it as typed, but the projection stores a
 * cleaned copy, or every pass of that plan would fail in PostgreSQL and its activities would never reach the matrix.
 * (Dates, codes, mandate areas, status and organization ids are already read from a fixed vocabulary or shape, and ids
 * bounded, by readActivity.) Read in steps:
 * 20,000 activities took 150 ms to read and digest.
 */
function* projectedContentSteps(doc: Y.Doc): Steps<ProjectedContent> {
  const rows = getActivities(doc).toArray();
  const activities: Activity[] = [];
  const hash = createHash('sha1');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    // A row deleted between two steps (an edit arrived) is left out: that edit schedules another pass.
    if (row instanceof Y.Map && !row._item?.deleted) {
      const a = readActivity(row);
      if (a.id) {
        const stored = storableActivity(a);
        activities.push(stored);
        hash.update(JSON.stringify(stored)).update('\u0001');
      }
    }
    if (i % READ_STEP === READ_STEP - 1) yield;
  }
  yield;
  const searchText = toStorableText(planSearchText(doc, activities));
  return { activities, searchText, digest: hash.update('\u0000').update(searchText).digest('base64') };
}

/** What a pass writes for a plan, read giving the event loop turns. */
export function projectedContent(doc: Y.Doc): Promise<ProjectedContent> {
  return runSliced(projectedContentSteps(doc), PASS_SLICE_MS);
}

/**
 * What an import does to a plan, and doing it. A row whose activity id the plan holds (a table exported from Enlace,
 * edited in Excel and brought back) updates that activity, field by field, only where the sheet says something else;
 * every other row is added as a new activity. All of it in one Yjs change, down the same path as typing. Undoing puts
 * back what the import changed, except where someone has changed it again since.
 */
import * as Y from 'yjs';
import type { ImportProblem, ImportReading } from './activityImport.js';
import type { ImportField } from './activityImportColumns.js';
import { activityIdOf, getActivities, insertActivity, readActivity, type Activity } from './planModel.js';

type Values = Partial<Pick<Activity, ImportField>>;

/** An import, worked out against the plan as it is. */
export interface ImportPlan {
  added: Array<Omit<Activity, 'id'>>;
  /** Activities the sheet changes, with the fields it changes and the line of the (last) row naming each. */
  updated: Array<{ id: string; line: number; changes: Values }>;
  /** Rows naming an activity of the plan that the sheet leaves as it is. */
  unchanged: number;
  /** Rows an Enlace export marks as another plan's: left out, so importing the whole matrix copies nothing in. */
  otherPlans: number;
  /** What could not be read in the rows imported (another plan's rows are left out, and so are their problems). */
  problems: ImportProblem[];
}

/** What an import did, to undo it. */
export interface AppliedImport {
  added: string[];
  updated: Array<{ id: string; before: Values; after: Values }>;
}

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000') : a === b;

/**
 * Sorts a reading's rows into new activities and updates of the plan's own (the plan's activities as `existing`);
 * with the plan's id, rows an export marks as another plan's are left out.
 */
export function planImport(reading: ImportReading, existing: readonly Activity[], planId?: string): ImportPlan {
  const byId = new Map(existing.map((a) => [a.id, a]));
  const present = reading.columns.map((c) => c.field).filter((f): f is ImportField => f !== null);
  const otherPlanLines = new Set<number>();
  const plan: ImportPlan = { added: [], updated: [], unchanged: 0, otherPlans: 0, problems: reading.problems };
  const updates = new Map<string, { line: number; changes: Values }>();
  for (const row of reading.rows) {
    if (planId && row.sourcePlanId && row.sourcePlanId !== planId) {
      plan.otherPlans++;
      otherPlanLines.add(row.line);
      continue;
    }
    const current = row.sourceId ? byId.get(row.sourceId) : undefined;
    if (!current) {
      plan.added.push(row.activity);
      continue;
    }
    // A row repeating an id: the later row's values win, as they would typed one after the other.
    const changes = updates.get(current.id)?.changes ?? {};
    for (const field of present) {
      if (row.keep.includes(field)) continue;
      const value = row.activity[field];
      if (!sameValue(value, current[field])) Object.assign(changes, { [field]: value });
      else delete changes[field];
    }
    // A municipality brings its state, as it does in the table.
    if (changes.municipalityCodes && !present.includes('stateCodes')) {
      const states = [...new Set([...current.stateCodes, ...changes.municipalityCodes.map((c) => c.slice(0, 2))])];
      if (!sameValue(states, current.stateCodes)) changes.stateCodes = states;
    }
    updates.set(current.id, { line: row.line, changes });
  }
  if (otherPlanLines.size) plan.problems = reading.problems.filter((p) => !otherPlanLines.has(p.line));
  for (const [id, { line, changes }] of updates) {
    if (Object.keys(changes).length) plan.updated.push({ id, line, changes });
    else plan.unchanged++;
  }
  return plan;
}

/** A field as the table stores it: no value is an empty string, lists are plain arrays (the contract's string[]). */
const stored = (value: Values[ImportField]): string | string[] => (value === null || value === undefined ? '' : Array.isArray(value) ? [...value] : value);

/** The plan's activity rows by id. */
function rowsById(doc: Y.Doc): Map<string, Y.Map<unknown>> {
  const rows = new Map<string, Y.Map<unknown>>();
  for (const row of getActivities(doc).toArray()) if (row instanceof Y.Map) rows.set(activityIdOf(row), row);
  return rows;
}

/** Applies an import in one change: the first `room` new activities added (with ids from `newId`), the updates made. */
export function applyImport(doc: Y.Doc, plan: ImportPlan, room: number, newId: () => string): AppliedImport {
  const applied: AppliedImport = { added: [], updated: [] };
  doc.transact(() => {
    const rows = rowsById(doc);
    for (const { id, changes } of plan.updated) {
      const row = rows.get(id);
      if (!row) continue; // removed since the sheet was read
      const current = readActivity(row);
      const before: Values = {};
      for (const field of Object.keys(changes) as ImportField[]) {
        Object.assign(before, { [field]: current[field] });
        row.set(field, stored(changes[field]));
      }
      applied.updated.push({ id, before, after: changes });
    }
    for (const activity of plan.added.slice(0, room)) {
      const id = newId();
      applied.added.push(id);
      insertActivity(doc, { ...activity, id });
    }
  });
  return applied;
}

/** Undoes an import in one change; a field someone changed after the import keeps their value. */
export function undoImport(doc: Y.Doc, applied: AppliedImport): void {
  const added = new Set(applied.added);
  doc.transact(() => {
    const activities = getActivities(doc);
    for (let i = activities.length - 1; i >= 0; i--) {
      const row = activities.get(i);
      if (row instanceof Y.Map && added.has(activityIdOf(row))) activities.delete(i, 1);
    }
    const rows = rowsById(doc);
    for (const { id, before, after } of applied.updated) {
      const row = rows.get(id);
      if (!row) continue;
      const current = readActivity(row);
      for (const field of Object.keys(after) as ImportField[]) if (sameValue(current[field], after[field])) row.set(field, stored(before[field]));
    }
  });
}

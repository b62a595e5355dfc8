/** SQL pieces every search step shares: the query, a table's rank and match, and the caller's scope. */
import { and, eq, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { actions, activityProjection, comments, decisions, documents, memberships } from '../../db/schema.js';
import { storedSearchVector } from '../../db/searchVector.js';
import type { Executor } from '../../db/client.js';
import { placesNamed, type PlaceCodes } from './placeTerms.js';

export type SearchTable = Parameters<typeof storedSearchVector>[0];

/** `(to_tsquery('spanish', p) || to_tsquery('english', p) || to_tsquery('simple', p))`. */
export function tsquerySql(p: string): SQL {
  return sql`(to_tsquery('spanish'::regconfig, ${p}) || to_tsquery('english'::regconfig, ${p}) || to_tsquery('simple'::regconfig, ${p}))`;
}

/** Rank on a table's stored vector (its title weighted above the rest). */
export function rankSql(table: SearchTable, q: SQL): SQL<number> {
  return sql<number>`ts_rank(${storedSearchVector(table)}, ${q})`;
}

/** Whether a table's row matches the query (through its GIN index). */
export function matchSql(table: SearchTable, q: SQL): SQL {
  return sql`${storedSearchVector(table)} @@ ${q}`;
}

/** What a word naming a place adds to an activity's rank: about a mention in its title. */
const PLACE_RANK = 0.05;

/**
 * Codes as a constant text[] literal, not a parameter: only a constant array of more than 8 elements is hashed by
 * `= any(…)`. Only INEGI codes from the catalog get here; anything but digits is refused all the same.
 */
function codeArray(codes: readonly string[]): SQL {
  if (!codes.every((c) => /^\d{2,5}$/.test(c))) throw new Error('place codes are digits only');
  return sql.raw(`'{${codes.join(',')}}'::text[]`);
}

/** Codes beyond which a row's few codes are looked up in a hashed set rather than the set tested against each row. */
const HASHED_CODES_MIN = 9;

/** Whether a jsonb list of codes holds one of `codes`. */
function holdsAny(column: SQLWrapper, codes: readonly string[]): SQL {
  // `?|` tests each of `codes` against the row's list: «san» names ~670 municipalities, and 20,000 activities took
  // 0.5 s on PGlite, in this thread; the row's one to five codes looked up in a hashed set take 30 ms.
  if (codes.length < HASHED_CODES_MIN) return sql`${column} ?| ${codeArray(codes)}`;
  return sql`exists (select 1 from jsonb_array_elements_text(${column}) as c(code) where c.code = any(${codeArray(codes)}))`;
}

/** Whether an activity happens in one of the places; undefined when none are named. */
function inPlacesSql(places: PlaceCodes): SQL | undefined {
  const a = activityProjection;
  const held = [
    ...(places.states.length ? [holdsAny(a.stateCodes, places.states)] : []),
    ...(places.municipalities.length ? [holdsAny(a.municipalityCodes, places.municipalities)] : []),
  ];
  return held.length ? sql`(${sql.join(held, sql` or `)})` : undefined;
}

/**
 * Match and rank of activities for the query's folded `words`. A word naming a state or municipality
 * («Tapachula», «Chiapas») matches an activity there as well as one whose text has it; each word must
 * still match one way or the other. Without such a word, the plain text match (one GIN lookup).
 */
export function activityMatchSql(q: SQL, words: readonly string[]): { match: SQL; rank: SQL<number> } {
  const text = { match: matchSql('activity_projection', q), rank: rankSql('activity_projection', q) };
  const named = words.map((word) => ({ word, places: inPlacesSql(placesNamed(word)) }));
  const places = named.flatMap((n) => (n.places ? [n.places] : []));
  if (!places.length) return text;
  const each = named.map(({ word, places: there }) => {
    const inText = matchSql('activity_projection', tsquerySql(`${word}:*`));
    return there ? sql`(${inText} or ${there})` : inText;
  });
  return {
    match: sql`(${sql.join(each, sql` and `)})`,
    rank: sql<number>`(${text.rank} + case when ${or(...places)} then ${sql.raw(String(PLACE_RANK))} else 0 end)`,
  };
}

type WorkspaceColumn =
  | typeof documents.workspaceId
  | typeof activityProjection.workspaceId
  | typeof decisions.workspaceId
  | typeof actions.workspaceId
  | typeof comments.workspaceId;

/** Need-to-know: a row's working group must be one of the caller's (and the one asked for, if any). */
export type ScopeSql = (col: WorkspaceColumn) => SQL | undefined;

/** The scope condition of a caller, optionally narrowed to one working group. */
export function callerScope(tx: Executor, userId: string, workspaceId?: string): ScopeSql {
  const mine = tx.select({ id: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, userId));
  return (col) => (workspaceId ? and(inArray(col, mine), eq(col, workspaceId)) : inArray(col, mine));
}

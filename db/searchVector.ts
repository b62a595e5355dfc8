/**
 * The full-text search vector. Each searchable table stores a weighted one in a generated column
 * `search_vector` (title A, the rest B; migration 0008 was written from `searchVectorSql` here, and a test holds
 * the two equal) with a GIN index, and the search queries read that column (`storedSearchVector`): a vector
 * computed per row and per query made one search over a thousand plans block an embedded node for seconds.
 * Folding is Unicode NFD with the diacritical marks removed, then lower case: what shared/textFold.ts does to queries,
 * built from immutable core functions (no extension), so PGlite and PostgreSQL behave the same. Migration 0007
 * folded with a `translate()` table instead, which scans its whole table for every character: 2,000 activities of
 * 3 KB took 19 s to project, with embedded PGlite holding the event loop all that time; NFD takes 3.5 s.
 * Spanish and English stemming plus the `simple` configuration (exact words, for prefix matching of
 * words the stemmers cut differently) make one vector.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { COMBINING_MARK_CLASS } from '../shared/textFold.js';

/** The stored search vector of a table's row (not in the Drizzle schema, so whole-row reads do not carry it). */
export function storedSearchVector(table: 'documents' | 'decisions' | 'comments' | 'activity_projection' | 'actions'): SQL {
  return sql.raw(`"${table}"."search_vector"`);
}

/** Text search configurations the vector and the query combine. */
export const SEARCH_CONFIGS = ['spanish', 'english', 'simple'] as const;

// Inlined as a literal, never a parameter: the planner matches index expressions on constants.
const MARKS = sql.raw(`'${COMBINING_MARK_CLASS}'`);

/** The folded text of one or more text columns, joined by spaces. */
export function foldedSql(...parts: SQLWrapper[]): SQL {
  const joined = sql.join(parts.map((p) => sql`${p}`), sql.raw(` || ' ' || `));
  return sql`lower(regexp_replace(normalize(${joined}, NFD), ${MARKS}, '', 'g'))`;
}

/** The search vector of one or more text columns. */
export function searchVectorSql(...parts: SQLWrapper[]): SQL {
  const folded = foldedSql(...parts);
  const vectors = sql.join(
    SEARCH_CONFIGS.map((c) => sql`to_tsvector(${sql.raw(`'${c}'::regconfig`)}, ${folded})`),
    sql.raw(' || '),
  );
  // Parenthesized: an index on an operator expression needs it (`USING gin ((a || b))`).
  return sql`(${vectors})`;
}

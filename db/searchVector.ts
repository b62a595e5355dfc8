/**
 * The full-text search vector. Each searchable table stores a weighted one in a generated column
 * `search_vector` (title A, the rest B; migration 0007 was written from `searchVectorSql` here) with a GIN
 * index, and the search queries read that column (`storedSearchVector`): a vector computed per row and per
 * query made one search over a thousand plans block an embedded node for seconds. Folding is `translate(lower(…))` with the table from
 * shared/textFold.ts (immutable, no extension): PGlite and PostgreSQL behave the same.
 * Spanish and English stemming plus the `simple` configuration (exact words, for prefix matching of
 * words the stemmers cut differently) make one vector.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { foldTranslateTable } from '../shared/textFold.js';

/** The stored search vector of a table's row (not in the Drizzle schema, so whole-row reads do not carry it). */
export function storedSearchVector(table: 'documents' | 'decisions' | 'comments' | 'activity_projection'): SQL {
  return sql.raw(`"${table}"."search_vector"`);
}

/** Text search configurations the vector and the query combine. */
export const SEARCH_CONFIGS = ['spanish', 'english', 'simple'] as const;

const TABLE = foldTranslateTable();
// Inlined as literals, never parameters: the planner matches index expressions on constants.
const FOLD_FROM = sql.raw(`'${TABLE.from.replace(/'/g, "''")}'`);
const FOLD_TO = sql.raw(`'${TABLE.to.replace(/'/g, "''")}'`);

/** The folded text of one or more text columns, joined by spaces. */
export function foldedSql(...parts: SQLWrapper[]): SQL {
  const joined = sql.join(parts.map((p) => sql`${p}`), sql.raw(` || ' ' || `));
  return sql`translate(lower(${joined}), ${FOLD_FROM}, ${FOLD_TO})`;
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

/**
 * The full-text search vector, as one SQL expression shared by the expression indexes (db/schema.ts)
 * and the search queries (server/search): PostgreSQL only uses an index whose expression the query
 * repeats exactly, so both are built here. Folding is `translate(lower(…))` with the table from
 * shared/textFold.ts (immutable, no extension): PGlite and PostgreSQL behave the same.
 * Spanish and English stemming plus the `simple` configuration (exact words, for prefix matching of
 * words the stemmers cut differently) make one vector.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { foldTranslateTable } from '../shared/textFold.js';

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

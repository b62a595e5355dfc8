import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './projectRoot.js';
import { searchVectorSql } from './searchVector.js';

/** Tables with a stored search vector: the columns weighted A (title) and B (the rest). */
const TABLES: Array<[string, string[], string[]]> = [
  ['documents', ['title'], ['search_text']],
  ['decisions', ['title'], ['body']],
  ['comments', [], ['body']],
  ['activity_projection', ['title'], ['description', 'target', 'indicator']],
];

describe('stored search vectors', () => {
  it('are the expressions db/searchVector.ts builds, in the migration that last defined them', () => {
    const migration = readFileSync(join(projectRoot(), 'db', 'migrations', '0008_nfd_search_folding.sql'), 'utf8');
    const dialect = new PgDialect();
    const col = (c: string) => sql.raw(`"${c}"`);
    for (const [table, a, b] of TABLES) {
      const parts = [...(a.length ? [sql`setweight(${searchVectorSql(...a.map(col))}, 'A')`] : []), sql`setweight(${searchVectorSql(...b.map(col))}, 'B')`];
      const expression = dialect.sqlToQuery(sql.join(parts, sql.raw(' || '))).sql;
      expect(migration, table).toContain(`ALTER TABLE "${table}" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (${expression}) STORED;`);
    }
  });
});

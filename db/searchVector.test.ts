import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './projectRoot.js';
import { MENTION_NAMES_SQL } from '../server/search/mentionNames.js';
import { searchVectorSql } from './searchVector.js';

const NFD_FOLDING = '0008_nfd_search_folding.sql';
const MENTION_NAMES = '0016_comment_mention_names.sql';
const ACTION_SEARCH = '0023_action_search_vector.sql';

/** Tables with a stored search vector: the migration that last defined it, the columns weighted A (title) and B (the rest). */
const TABLES: Array<[string, string, string[], string[]]> = [
  ['documents', NFD_FOLDING, ['title'], ['search_text']],
  ['decisions', NFD_FOLDING, ['title'], ['body']],
  ['comments', MENTION_NAMES, [], ['body', 'mention_names']],
  ['activity_projection', NFD_FOLDING, ['title'], ['description', 'target', 'indicator']],
  ['actions', ACTION_SEARCH, ['title'], []],
];
const migration = (name: string) => readFileSync(join(projectRoot(), 'db', 'migrations', name), 'utf8');

describe('stored search vectors', () => {
  it('are the expressions db/searchVector.ts builds, in the migration that last defined them', () => {
    const dialect = new PgDialect();
    const col = (c: string) => sql.raw(`"${c}"`);
    for (const [table, file, a, b] of TABLES) {
      const parts = [...(a.length ? [sql`setweight(${searchVectorSql(...a.map(col))}, 'A')`] : []), ...(b.length ? [sql`setweight(${searchVectorSql(...b.map(col))}, 'B')`] : [])];
      const expression = dialect.sqlToQuery(sql.join(parts, sql.raw(' || '))).sql;
      expect(migration(file), table).toContain(`ALTER TABLE "${table}" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (${expression}) STORED;`);
    }
  });

  it('fill existing comments with the mention names the server writes', () => {
    expect(migration(MENTION_NAMES)).toContain(`UPDATE "comments" SET "mention_names" = ${MENTION_NAMES_SQL} WHERE`);
  });
});

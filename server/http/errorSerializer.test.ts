import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { violatedUniqueIndex } from './databaseErrors.js';
import { serializeError } from './errorSerializer.js';

describe('errors as logged', () => {
  const pg = new PGlite();
  const db = drizzle(pg);
  afterAll(() => pg.close());

  /** A real "Failed query" error: the same email inserted twice, with a secret among the statement's values. */
  async function duplicateInsert(): Promise<Error> {
    await db.execute(sql`create table if not exists accounts (email text constraint accounts_email_key unique, hash text)`);
    await db.execute(sql`insert into accounts values (${'ana@enlace.test'}, ${'$argon2id$v=19$first'}) on conflict do nothing`);
    try {
      await db.execute(sql`insert into accounts values (${'ana@enlace.test'}, ${'$argon2id$v=19$secret'})`);
    } catch (err) {
      return err as Error;
    }
    throw new Error('the duplicate was accepted');
  }

  it('keep the statement, the codes and the cause, never the statement’s values or the key the database repeats', async () => {
    const err = await duplicateInsert();
    // The driver's own error carries both: this is what the serializer must strip.
    expect(`${err.message} ${JSON.stringify(err)}`).toContain('$argon2id$v=19$secret');
    const logged = JSON.stringify(serializeError(err));
    expect(logged).not.toContain('argon2id');
    expect(logged).not.toContain('ana@enlace.test');
    expect(logged).toContain('Failed query: insert into accounts values ($1, $2)');
    expect(logged).toContain('"code":"23505"');
    expect(logged).toContain('accounts_email_key');
    // The stack keeps its frames.
    expect(serializeError(err).stack).toMatch(/\n {4}at /);
  });

  it('name the unique index a write collided with, through Drizzle’s wrapper, and nothing for other errors', async () => {
    expect(violatedUniqueIndex(await duplicateInsert())).toBe('accounts_email_key');
    expect(violatedUniqueIndex(new Error('other'))).toBeUndefined();
    expect(violatedUniqueIndex(Object.assign(new Error('fk'), { code: '23503' }))).toBeUndefined();
  });

  it('write what is not an error as given', () => {
    expect(serializeError('plain' as unknown as Error)).toBe('plain');
  });
});

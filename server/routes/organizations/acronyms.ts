/**
 * A change may not give an organization another's acronym (case-insensitive, trimmed), checked inside the writing
 * transaction rather than by a unique index: creation accepts duplicates (the contract's route, used by scripts that
 * may create an agency twice) and instances may already hold them, which such an index would fail to migrate.
 */
import { and, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { organizations } from '../../../db/schema.js';
import { AppError } from '../../http/errors.js';

/** First key of the advisory locks on acronyms, so they never meet another feature's locks. */
const ACRONYM_LOCKS = 0x4f524741; // "ORGA"

/**
 * Refuses an acronym another organization already uses (409), after taking a transaction-level advisory lock on it:
 * two creates (or renames) to the same acronym run one after the other, and the second sees the first's row.
 */
export async function ensureAcronymFree(tx: Executor, acronym: string, exceptId?: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ACRONYM_LOCKS}::int4, hashtext(lower(btrim(${acronym}::text))))`);
  const sameAcronym = sql`lower(btrim(${organizations.acronym})) = lower(btrim(${acronym}::text))`;
  const [existing] = await tx
    .select({ acronym: organizations.acronym, name: organizations.name })
    .from(organizations)
    .where(exceptId ? and(sameAcronym, ne(organizations.id, exceptId)) : sameAcronym)
    .orderBy(organizations.createdAt, organizations.id)
    .limit(1);
  if (existing) throw new AppError('conflict', `An organization with acronym ${existing.acronym.trim()} already exists: ${existing.name}`);
}

/** Whether two acronyms are the same one (as `ensureAcronymFree` compares them, for the ASCII acronyms in use). */
export function sameAcronym(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

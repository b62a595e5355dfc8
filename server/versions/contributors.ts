/** Who changed a plan between two log positions: the update log, plus ranges compaction folded away. */
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/client.js';
import type { Contributor } from '../../shared/versions.js';

/** Users whose updates have log ids in (lower, upper], with their organizations, by name. */
export async function contributorsBetween(db: Executor, documentId: string, a: number, b: number): Promise<Contributor[]> {
  const lower = Math.min(a, b);
  const upper = Math.max(a, b);
  if (lower === upper) return [];
  const result = await db.execute(sql`
    select u.id as "userId", u.organization_id as "organizationId", u.name as "name"
    from users u
    where u.id in (
      select user_id from document_updates
        where document_id = ${documentId} and id > ${lower} and id <= ${upper} and user_id is not null
      union
      select user_id from document_contributions
        where document_id = ${documentId} and max_log_id > ${lower} and min_log_id <= ${upper}
    )
    order by u.name, u.id`);
  return rowsOf<Contributor>(result).map((r) => ({ userId: r.userId, organizationId: r.organizationId, name: r.name }));
}

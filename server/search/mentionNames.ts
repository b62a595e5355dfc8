/**
 * What a comment's mentions are called, kept beside it for search: a comment's body holds `@{userId}` where the reader
 * sees «@Ana Mora», so without this a search for «Ana» missed the comments that mention her. The comment's stored
 * search vector covers its body and these names (migration 0016). They are rewritten with the comment, and for every
 * comment that mentions someone when that person is renamed or an agency's acronym changes.
 */
import { asc, inArray, sql, type SQL } from 'drizzle-orm';
import { ROWS_PER_STATEMENT, type Executor } from '../../db/client.js';
import { comments } from '../../db/schema.js';

/**
 * The names of the people and acronyms of the agencies a `comments` row mentions, as one line of text. Migration
 * 0016 fills existing comments with this same expression (a test holds the two equal).
 */
export const MENTION_NAMES_SQL =
  `btrim(coalesce((select string_agg("users"."name", ' ' order by "users"."name") from "users" where "users"."id" in (select jsonb_array_elements_text("comments"."mentions"->'userIds'))), '')` +
  ` || ' ' || coalesce((select string_agg("organizations"."acronym", ' ' order by "organizations"."acronym") from "organizations" where "organizations"."id" in (select jsonb_array_elements_text("comments"."mentions"->'organizationIds'))), ''))`;

async function refresh(tx: Executor, where: SQL): Promise<void> {
  // Locked in id order first, as every statement that changes several comments: in the order a plan meets them, a
  // rename and an acronym change (or a restore re-anchoring threads) could take shared rows in opposite orders.
  const locked = (await tx.select({ id: comments.id }).from(comments).where(where).orderBy(asc(comments.id)).for('update')).map((c) => c.id);
  // In slices (ROWS_PER_STATEMENT): one bound parameter per id.
  for (let i = 0; i < locked.length; i += ROWS_PER_STATEMENT) {
    await tx
      .update(comments)
      .set({ mentionNames: sql.raw(MENTION_NAMES_SQL) })
      .where(inArray(comments.id, locked.slice(i, i + ROWS_PER_STATEMENT)));
  }
}

/** Rewrites the mention names of one comment (after it is written or edited). */
export function refreshCommentMentionNames(tx: Executor, commentId: string): Promise<void> {
  return refresh(tx, sql`${comments.id} = ${commentId}`);
}

/** Rewrites the mention names of every comment that mentions `userId` (after the person's name changed). */
export function refreshMentionNamesOfUser(tx: Executor, userId: string): Promise<void> {
  return refresh(tx, sql`(${comments.mentions}->'userIds') @> ${JSON.stringify([userId])}::jsonb`);
}

/** Rewrites the mention names of every comment that mentions `organizationId` (after its acronym changed). */
export function refreshMentionNamesOfOrganization(tx: Executor, organizationId: string): Promise<void> {
  return refresh(tx, sql`(${comments.mentions}->'organizationIds') @> ${JSON.stringify([organizationId])}::jsonb`);
}

/**
 * A search's first step: per kind, the keys and ranks of its best hits, down to the depth the page asked
 * for needs, and how many hits the kind has in all. Only keys and ranks are read here: a plan's searchable
 * text can be large, and only the page's own hits need theirs (hitRows.ts).
 *
 * Every list is in one total order (rank, then recency, then id), so the same query ranks its hits the
 * same way on every page and an offset into the merged list names each hit exactly once.
 */
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { actions, activityProjection, comments, decisions, documents } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { SearchCounts, SearchResultType } from '../../shared/search.js';
import { activityMatchSql, matchSql, rankSql, type ScopeSql } from './searchSql.js';

/** A hit before its text is read: enough to order it and to find its row again. */
export interface RankedKey {
  type: SearchResultType;
  id: string;
  /** An activity's id is only unique within its plan. */
  documentId?: string;
  score: number;
}

export interface RankedHits {
  /** Each kind's best hits, in rank order, merged: the first `depth` of these are the query's first `depth`. */
  keys: RankedKey[];
  counts: SearchCounts;
}

export interface RankInput {
  q: SQL;
  /** The folded words `q` was made of: a word naming a place also finds the activities there. */
  words: readonly string[];
  scope: ScopeSql;
  /** A decision number typed as `D-12`: that decision ranks first in each of the caller's groups. */
  ref?: number;
  /** How many of the best hits the page needs (its offset plus its size). */
  depth: number;
  /** The kinds to rank; the others are only counted. */
  types: ReadonlySet<SearchResultType>;
}

// The window runs before LIMIT: every hit is counted, in the same pass that ranks them.
const countAll = () => sql<number>`count(*) over ()`.mapWith(Number);

/** The merged best hits of the kinds asked for, and every kind's count. */
export async function rankHits(tx: Executor, input: RankInput): Promise<RankedHits> {
  const { q, scope } = input;
  // A kind only counted still runs its query, one row deep: the count comes with the first row.
  const depthOf = (type: SearchResultType) => (input.types.has(type) ? input.depth : 1);

  const planRank = rankSql('documents', q);
  const plans = await tx
    .select({ id: documents.id, score: planRank, count: countAll() })
    .from(documents)
    .where(and(scope(documents.workspaceId), matchSql('documents', q)))
    .orderBy(desc(planRank), desc(documents.updatedAt), asc(documents.id))
    .limit(depthOf('plan'));

  const a = activityProjection;
  const { match: activityMatch, rank: activityRank } = activityMatchSql(q, input.words);
  const activities = await tx
    .select({ id: a.activityId, documentId: a.documentId, score: activityRank, count: countAll() })
    .from(a)
    .innerJoin(documents, eq(documents.id, a.documentId))
    .where(and(scope(a.workspaceId), activityMatch))
    .orderBy(desc(activityRank), desc(a.updatedAt), asc(a.documentId), asc(a.activityId))
    .limit(depthOf('activity'));

  const decisionHits = await rankDecisions(tx, input, depthOf('decision'));

  const actionRank = rankSql('actions', q);
  const actionRows = await tx
    .select({ id: actions.id, score: actionRank, count: countAll() })
    .from(actions)
    .where(and(scope(actions.workspaceId), matchSql('actions', q)))
    .orderBy(desc(actionRank), desc(actions.updatedAt), asc(actions.id))
    .limit(depthOf('action'));

  const commentRank = rankSql('comments', q);
  const commentRows = await tx
    .select({ id: comments.id, score: commentRank, count: countAll() })
    .from(comments)
    .innerJoin(documents, eq(documents.id, comments.documentId))
    .where(and(scope(comments.workspaceId), isNull(comments.deletedAt), matchSql('comments', q)))
    .orderBy(desc(commentRank), desc(comments.createdAt), asc(comments.id))
    .limit(depthOf('comment'));

  const counts: SearchCounts = {
    plan: plans[0]?.count ?? 0,
    activity: activities[0]?.count ?? 0,
    decision: decisionHits.count,
    action: actionRows[0]?.count ?? 0,
    comment: commentRows[0]?.count ?? 0,
  };
  const keyed = (type: SearchResultType, rows: Array<{ id: string; documentId?: string; score: number }>): RankedKey[] =>
    input.types.has(type) ? rows.map((r) => ({ type, id: r.id, ...(r.documentId ? { documentId: r.documentId } : {}), score: Number(r.score) })) : [];
  const keys = [...keyed('plan', plans), ...keyed('activity', activities), ...keyed('decision', decisionHits.rows), ...keyed('action', actionRows), ...keyed('comment', commentRows)];
  // Stable: equal ranks keep the kind order above and each kind's own order, the same on every page.
  keys.sort((x, y) => y.score - x.score);
  return { keys, counts };
}

/** Decisions matching the words, after those whose reference was typed (each counted once). */
async function rankDecisions(tx: Executor, input: RankInput, depth: number) {
  const { q, scope } = input;
  const byRef =
    input.ref === undefined
      ? []
      : await tx
          .select({ id: decisions.id, score: sql<number>`1`.mapWith(Number), matchesWords: sql<boolean>`${matchSql('decisions', q)}` })
          .from(decisions)
          .where(and(scope(decisions.workspaceId), eq(decisions.ref, input.ref)))
          // No limit: at most one per working group of the caller (refs are unique per group), and all are counted.
          .orderBy(asc(decisions.id));
  const decisionRank = rankSql('decisions', q);
  const byWords = await tx
    .select({ id: decisions.id, score: decisionRank, count: countAll() })
    .from(decisions)
    .where(and(scope(decisions.workspaceId), matchSql('decisions', q)))
    .orderBy(desc(decisionRank), desc(decisions.updatedAt), asc(decisions.id))
    // Those found by reference are dropped from this list: read as many more, so `depth` remain.
    .limit(depth + byRef.length);
  const seen = new Set(byRef.map((r) => r.id));
  return {
    rows: [...byRef, ...byWords.filter((r) => !seen.has(r.id))],
    count: (byWords[0]?.count ?? 0) + byRef.filter((r) => !r.matchesWords).length,
  };
}

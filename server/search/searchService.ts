/**
 * Full-text search over what a user may see: plans (title and text), activities, decisions and
 * comments of the working groups they belong to. Each source is one indexed query (see
 * db/searchVector.ts); results are merged by rank, then given snippets with highlights.
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { activityProjection, comments, decisions, documents, memberships, workspaces } from '../../db/schema.js';
import { storedSearchVector } from '../../db/searchVector.js';
import type { SearchResult, SearchResultType } from '../../shared/search.js';
import { rowsOf, type Executor } from '../../db/client.js';
import { makeSnippet } from './highlight.js';
import { highlightTerms, parseQuery } from './queryTerms.js';

export interface SearchInput {
  userId: string;
  q: string;
  /** Limit to one working group (the caller's membership is checked by the route). */
  workspaceId?: string;
  limit: number;
}

interface Hit {
  type: SearchResultType;
  workspaceId: string;
  documentId?: string;
  documentTitle?: string;
  id: string;
  ref?: string;
  title: string;
  /** The text the snippet comes from. */
  text: string;
  score: number;
}

/** `(to_tsquery('spanish', p) || to_tsquery('english', p) || to_tsquery('simple', p))`. */
function tsquerySql(p: string): SQL {
  return sql`(to_tsquery('spanish'::regconfig, ${p}) || to_tsquery('english'::regconfig, ${p}) || to_tsquery('simple'::regconfig, ${p}))`;
}

/** Rank on a table's stored vector (its title weighted above the rest). */
function rankSql(table: Parameters<typeof storedSearchVector>[0], q: SQL): SQL<number> {
  return sql<number>`ts_rank(${storedSearchVector(table)}, ${q})`;
}

/** Whether a table's row matches the query (through its GIN index). */
function matchSql(table: Parameters<typeof storedSearchVector>[0], q: SQL): SQL {
  return sql`${storedSearchVector(table)} @@ ${q}`;
}

/** Runs a search; an empty list when the query has nothing searchable (one letter, punctuation). */
export async function search(tx: Executor, input: SearchInput): Promise<SearchResult[]> {
  const { words, tsquery } = parseQuery(input.q);
  // A decision's reference ("D-12", "d12") finds that decision in each of the user's groups.
  const refMatch = /^\s*D-?\s*(\d{1,9})\s*$/i.exec(input.q);
  if (!words.length && !refMatch) return [];
  const q = words.length ? tsquerySql(tsquery) : sql`''::tsquery`; // nothing but a reference: no text matches
  const mine = tx.select({ id: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, input.userId));
  const scope = (col: typeof documents.workspaceId | typeof activityProjection.workspaceId | typeof decisions.workspaceId | typeof comments.workspaceId) =>
    input.workspaceId ? and(inArray(col, mine), eq(col, input.workspaceId)) : inArray(col, mine);
  const limit = input.limit;

  const planRank = rankSql('documents', q);
  const plans = await tx
    .select({ id: documents.id, workspaceId: documents.workspaceId, title: documents.title, text: documents.searchText, score: planRank })
    .from(documents)
    .where(and(scope(documents.workspaceId), matchSql('documents', q)))
    .orderBy(desc(planRank), desc(documents.updatedAt))
    .limit(limit);

  const a = activityProjection;
  const activityRank = rankSql('activity_projection', q);
  const activities = await tx
    .select({ id: a.activityId, documentId: a.documentId, documentTitle: documents.title, workspaceId: a.workspaceId, title: a.title, description: a.description, target: a.target, indicator: a.indicator, score: activityRank })
    .from(a)
    .innerJoin(documents, eq(documents.id, a.documentId))
    .where(and(scope(a.workspaceId), matchSql('activity_projection', q)))
    .orderBy(desc(activityRank), desc(a.updatedAt))
    .limit(limit);

  const decisionRank = rankSql('decisions', q);
  const decisionRows = await tx
    .select({ id: decisions.id, workspaceId: decisions.workspaceId, documentId: decisions.documentId, ref: decisions.ref, title: decisions.title, text: decisions.body, score: decisionRank })
    .from(decisions)
    .where(and(scope(decisions.workspaceId), matchSql('decisions', q)))
    .orderBy(desc(decisionRank), desc(decisions.updatedAt))
    .limit(limit);

  if (refMatch) {
    const byRef = await tx
      .select({ id: decisions.id, workspaceId: decisions.workspaceId, documentId: decisions.documentId, ref: decisions.ref, title: decisions.title, text: decisions.body, score: sql<number>`1` })
      .from(decisions)
      .where(and(scope(decisions.workspaceId), eq(decisions.ref, Number(refMatch[1]))))
      .limit(limit);
    const seen = new Set(decisionRows.map((r) => r.id));
    decisionRows.unshift(...byRef.filter((r) => !seen.has(r.id)));
  }

  // A comment has no title: it ranks on its body alone, shown under its plan's title.
  const commentRank = rankSql('comments', q);
  const commentRows = await tx
    .select({ id: comments.id, workspaceId: comments.workspaceId, documentId: comments.documentId, documentTitle: documents.title, text: comments.body, score: commentRank })
    .from(comments)
    .innerJoin(documents, eq(documents.id, comments.documentId))
    .where(and(scope(comments.workspaceId), isNull(comments.deletedAt), matchSql('comments', q)))
    .orderBy(desc(commentRank), desc(comments.createdAt))
    .limit(limit);

  const hits: Hit[] = [
    ...plans.map((r) => ({ type: 'plan' as const, workspaceId: r.workspaceId, documentId: r.id, id: r.id, title: r.title, text: r.text, score: Number(r.score) })),
    ...activities.map((r) => ({
      type: 'activity' as const,
      workspaceId: r.workspaceId,
      documentId: r.documentId,
      documentTitle: r.documentTitle,
      id: r.id,
      title: r.title,
      text: [r.description, r.target, r.indicator].filter(Boolean).join(' · '),
      score: Number(r.score),
    })),
    ...decisionRows.map((r) => ({
      type: 'decision' as const,
      workspaceId: r.workspaceId,
      documentId: r.documentId ?? undefined,
      id: r.id,
      ref: `D-${r.ref}`,
      title: r.title,
      text: r.text,
      score: Number(r.score),
    })),
    ...commentRows.map((r) => ({ type: 'comment' as const, workspaceId: r.workspaceId, documentId: r.documentId, documentTitle: r.documentTitle, id: r.id, title: r.documentTitle, text: r.text, score: Number(r.score) })),
  ];
  hits.sort((x, y) => y.score - x.score);
  const top = hits.slice(0, limit);
  if (!top.length) return [];

  const terms = highlightTerms(words, await stemsOf(tx, words.join(' ')));
  const names = await workspaceNames(tx, [...new Set(top.map((h) => h.workspaceId))]);
  return top.map((h) => {
    const { snippet, highlights } = makeSnippet(h.text, terms);
    return {
      type: h.type,
      workspaceId: h.workspaceId,
      workspaceName: names.get(h.workspaceId) ?? '',
      ...(h.documentId ? { documentId: h.documentId } : {}),
      ...(h.documentTitle ? { documentTitle: h.documentTitle } : {}),
      id: h.id,
      ...(h.ref ? { ref: h.ref } : {}),
      title: h.title,
      titleHighlights: makeSnippet(h.title, terms, 500).highlights,
      snippet,
      highlights,
      score: Math.round(h.score * 10000) / 10000,
    };
  });
}

/** The lexemes the Spanish and English stemmers make of the folded query words. */
async function stemsOf(tx: Executor, folded: string): Promise<string[]> {
  const result = await tx.execute(
    sql`select unnest(tsvector_to_array(to_tsvector('spanish'::regconfig, ${folded}) || to_tsvector('english'::regconfig, ${folded}))) as stem`,
  );
  return rowsOf<{ stem: string }>(result).map((r) => r.stem);
}

async function workspaceNames(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(inArray(workspaces.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Full-text search over what a user may see: plans (title and text), activities, decisions, follow-up
 * actions and comments of the working groups they belong to. Each kind is one indexed query (see db/searchVector.ts)
 * that ranks and counts its hits (rankedHits.ts); the kinds are merged by rank, the page is cut from the
 * merged list at its offset, and only the page's hits are read whole and given snippets (hitRows.ts).
 */
import { inArray, sql } from 'drizzle-orm';
import { workspaces } from '../../db/schema.js';
import { MAX_SEARCH_DEPTH, SEARCH_RESULT_TYPES, type SearchCounts, type SearchResult, type SearchResultType } from '../../shared/search.js';
import { rowsOf, type Executor } from '../../db/client.js';
import { makeSnippet } from './highlight.js';
import { readHits, type Hit } from './hitRows.js';
import { highlightTerms, parseQuery } from './queryTerms.js';
import { rankHits } from './rankedHits.js';
import { callerScope, tsquerySql } from './searchSql.js';

export interface SearchInput {
  userId: string;
  q: string;
  /** Limit to one working group (the caller's membership is checked by the route). */
  workspaceId?: string;
  /** Only this kind is paged through (every kind is still counted). */
  type?: SearchResultType;
  limit: number;
  /** How many hits the pages before this one showed. */
  offset?: number;
}

export interface SearchPage {
  results: SearchResult[];
  counts: SearchCounts;
  /** Hits of the kinds asked for. */
  total: number;
  /** Where the next page starts; null on the last page, or when it would start past MAX_SEARCH_DEPTH. */
  nextOffset: number | null;
}

const NO_COUNTS: SearchCounts = { plan: 0, activity: 0, decision: 0, action: 0, comment: 0 };

/** Runs a search; an empty page when the query has nothing searchable (one letter, punctuation). */
export async function search(tx: Executor, input: SearchInput): Promise<SearchPage> {
  const offset = input.offset ?? 0;
  const { words, tsquery } = parseQuery(input.q);
  // A decision's reference ("D-12", "d12") finds that decision in each of the user's groups.
  const refMatch = /^\s*D-?\s*(\d{1,9})\s*$/i.exec(input.q);
  if (!words.length && !refMatch) return { results: [], counts: { ...NO_COUNTS }, total: 0, nextOffset: null };
  const q = words.length ? tsquerySql(tsquery) : sql`''::tsquery`; // nothing but a reference: no text matches
  const scope = callerScope(tx, input.userId, input.workspaceId);
  const types = new Set<SearchResultType>(input.type ? [input.type] : SEARCH_RESULT_TYPES);

  const { keys, counts } = await rankHits(tx, { q, words, scope, ref: refMatch ? Number(refMatch[1]) : undefined, depth: offset + input.limit, types });
  const total = [...types].reduce((sum, type) => sum + counts[type], 0);
  const end = offset + input.limit;
  const nextOffset = end < total && end < MAX_SEARCH_DEPTH ? end : null;
  const pageKeys = keys.slice(offset, end);
  if (!pageKeys.length) return { results: [], counts, total, nextOffset };

  const hits = await readHits(tx, scope, pageKeys);
  const terms = highlightTerms(words, await stemsOf(tx, words.join(' ')));
  const names = await workspaceNames(tx, [...new Set(hits.map((h) => h.workspaceId))]);
  return { results: hits.map((h) => present(h, terms, names)), counts, total, nextOffset };
}

/** A hit as the API shows it: snippet and highlights as plain-text segments. */
function present(h: Hit, terms: string[], names: Map<string, string>): SearchResult {
  const { snippet, highlights } = makeSnippet(h.text, terms);
  return {
    type: h.type,
    workspaceId: h.workspaceId,
    workspaceName: names.get(h.workspaceId) ?? '',
    ...(h.documentId ? { documentId: h.documentId } : {}),
    ...(h.documentTitle ? { documentTitle: h.documentTitle } : {}),
    id: h.id,
    ...(h.ref ? { ref: h.ref } : {}),
    ...(h.decisionId ? { decisionId: h.decisionId } : {}),
    title: h.title,
    titleHighlights: makeSnippet(h.title, terms, 500).highlights,
    snippet,
    highlights,
    score: Math.round(h.score * 10000) / 10000,
  };
}

/** The lexemes the Spanish and English stemmers make of the folded query words. */
async function stemsOf(tx: Executor, folded: string): Promise<string[]> {
  const result = await tx.execute(
    sql`select unnest(tsvector_to_array(to_tsvector('spanish'::regconfig, ${folded}) || to_tsvector('english'::regconfig, ${folded}))) as stem`,
  );
  return rowsOf<{ stem: string }>(result).map((r) => r.stem);
}

async function workspaceNames(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(inArray(workspaces.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

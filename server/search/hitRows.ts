/**
 * A search's second step: the titles and texts of one page's hits, read by key in one query per kind.
 * The caller's scope is applied again, so a row is only ever read through the same need-to-know as its rank.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { actions, activityProjection, comments, decisions, documents } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import { commentExcerpt, mentionedIds } from '../notifications/excerpt.js';
import { memberNames } from '../policies/memberNames.js';
import { placesText } from '../../shared/municipalities.js';
import type { SearchResultType } from '../../shared/search.js';
import type { RankedKey } from './rankedHits.js';
import type { ScopeSql } from './searchSql.js';

/** A hit with the text its snippet comes from. */
export interface Hit {
  type: SearchResultType;
  workspaceId: string;
  documentId?: string;
  documentTitle?: string;
  id: string;
  ref?: string;
  /** The decision an action follows up. */
  decisionId?: string;
  title: string;
  /** The text the snippet comes from. */
  text: string;
  score: number;
}

type HitBody = Omit<Hit, 'type' | 'score'>;

const keyOf = (type: SearchResultType, id: string, documentId?: string) => `${type}:${documentId ?? ''}:${id}`;

/** The page's hits in the order of `keys`; one whose row went away since it was ranked is left out. */
export async function readHits(tx: Executor, scope: ScopeSql, keys: readonly RankedKey[]): Promise<Hit[]> {
  const idsOf = (type: SearchResultType) => keys.filter((k) => k.type === type).map((k) => k.id);
  const found = new Map<string, HitBody>();

  const planIds = idsOf('plan');
  if (planIds.length) {
    const rows = await tx
      .select({ id: documents.id, workspaceId: documents.workspaceId, title: documents.title, text: documents.searchText })
      .from(documents)
      .where(and(scope(documents.workspaceId), inArray(documents.id, planIds)));
    for (const r of rows) found.set(keyOf('plan', r.id), { workspaceId: r.workspaceId, documentId: r.id, id: r.id, title: r.title, text: r.text });
  }

  const activityKeys = keys.filter((k) => k.type === 'activity');
  if (activityKeys.length) {
    const a = activityProjection;
    const rows = await tx
      .select({ id: a.activityId, documentId: a.documentId, documentTitle: documents.title, workspaceId: a.workspaceId, title: a.title, description: a.description, target: a.target, indicator: a.indicator, stateCodes: a.stateCodes, municipalityCodes: a.municipalityCodes })
      .from(a)
      .innerJoin(documents, eq(documents.id, a.documentId))
      .where(and(scope(a.workspaceId), or(...activityKeys.map((k) => and(eq(a.documentId, k.documentId ?? ''), eq(a.activityId, k.id))))));
    for (const r of rows) {
      // Where it happens ends the text: a search by a place's name shows that place in the snippet.
      const text = [r.description, r.target, r.indicator, placesText(r.stateCodes, r.municipalityCodes)].filter(Boolean).join(' · ');
      found.set(keyOf('activity', r.id, r.documentId), { workspaceId: r.workspaceId, documentId: r.documentId, documentTitle: r.documentTitle, id: r.id, title: r.title, text });
    }
  }

  const decisionIds = idsOf('decision');
  if (decisionIds.length) {
    const rows = await tx
      .select({ id: decisions.id, workspaceId: decisions.workspaceId, documentId: decisions.documentId, ref: decisions.ref, title: decisions.title, text: decisions.body })
      .from(decisions)
      .where(and(scope(decisions.workspaceId), inArray(decisions.id, decisionIds)));
    for (const r of rows) {
      found.set(keyOf('decision', r.id), { workspaceId: r.workspaceId, documentId: r.documentId ?? undefined, id: r.id, ref: `D-${r.ref}`, title: r.title, text: r.text });
    }
  }

  const actionIds = idsOf('action');
  if (actionIds.length) {
    const rows = await tx
      .select({ id: actions.id, workspaceId: actions.workspaceId, decisionId: actions.decisionId, ref: decisions.ref, decisionTitle: decisions.title, documentId: decisions.documentId, title: actions.title })
      .from(actions)
      .innerJoin(decisions, eq(decisions.id, actions.decisionId))
      .where(and(scope(actions.workspaceId), inArray(actions.id, actionIds)));
    // An action reads under the decision it follows up: its reference, and its title as the snippet.
    for (const r of rows) {
      found.set(keyOf('action', r.id), { workspaceId: r.workspaceId, documentId: r.documentId ?? undefined, decisionId: r.decisionId, id: r.id, ref: `D-${r.ref}`, title: r.title, text: r.decisionTitle });
    }
  }

  const commentIds = idsOf('comment');
  if (commentIds.length) {
    const rows = await tx
      .select({ id: comments.id, workspaceId: comments.workspaceId, documentId: comments.documentId, documentTitle: documents.title, text: comments.body })
      .from(comments)
      .innerJoin(documents, eq(documents.id, comments.documentId))
      .where(and(scope(comments.workspaceId), isNull(comments.deletedAt), inArray(comments.id, commentIds)));
    // Mentions read as the people's names, as in the inbox and the thread (never `@{userId}`): named from the
    // comment's working group, which the caller is in (scope).
    const people = await memberNames(tx, [...new Set(rows.flatMap((r) => mentionedIds(r.text)))], [...new Set(rows.map((r) => r.workspaceId))]);
    const nameIn = new Map(people.map((p) => [`${p.workspaceId}|${p.userId}`, p.name]));
    const readable = (r: (typeof rows)[number]) => commentExcerpt(r.text, (userId) => nameIn.get(`${r.workspaceId}|${userId}`), Number.MAX_SAFE_INTEGER);
    // A comment has no title: it is shown under its plan's title.
    for (const r of rows) found.set(keyOf('comment', r.id), { workspaceId: r.workspaceId, documentId: r.documentId, documentTitle: r.documentTitle, id: r.id, title: r.documentTitle, text: readable(r) });
  }

  return keys.flatMap((k) => {
    const body = found.get(keyOf(k.type, k.id, k.type === 'activity' ? k.documentId : undefined));
    return body ? [{ type: k.type, ...body, score: k.score }] : [];
  });
}

/**
 * Calendar feed links: calendar apps send no header or cookie, so the link itself names the person. Its token is
 * random, shown once and stored only as a hash (as session tokens are); it opens that person's meetings feed and
 * nothing else (principalFromToken never looks at this table). One per person: a new one replaces the old.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { calendarFeeds, users } from '../../db/schema.js';
import { hashToken, newToken } from './tokens.js';

/** Where feeds are served: the token is the segment after this, before `.ics`. */
export const CALENDAR_FEED_PATH = '/api/calendar/feeds/';

/** A fetch is recorded at most this often per feed: apps poll, and each poll need not be a write. */
const LAST_USED_GRANULARITY = sql`interval '5 minutes'`;

export interface CalendarFeedRecord {
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The link a calendar app subscribes to; without `?lang=` the feed speaks the person's interface language at each fetch. */
export function calendarFeedUrl(publicOrigin: string, token: string): string {
  return `${publicOrigin}${CALENDAR_FEED_PATH}${token}.ics`;
}

/** The person's feed as they may see it again (never the token), or undefined when they have none. */
export async function calendarFeedOf(db: Executor, userId: string): Promise<CalendarFeedRecord | undefined> {
  const [feed] = await db.select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return feed;
}

/** Makes the person a new feed token, replacing any earlier one (which stops working with this commit); the token is returned once. */
export async function issueCalendarFeed(tx: Executor, userId: string): Promise<{ token: string; feed: CalendarFeedRecord; replaced: boolean }> {
  const [before] = await tx.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId)).for('update');
  const token = newToken();
  const tokenHash = hashToken(token);
  const [feed] = await tx
    .insert(calendarFeeds)
    .values({ userId, tokenHash })
    // Two requests at once with no feed yet: the later one replaces the earlier's token instead of failing.
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: sql`now()`, lastUsedAt: null } })
    .returning({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt });
  return { token, feed, replaced: !!before };
}

/** Switches the person's feed off; false when they had none. */
export async function revokeCalendarFeed(tx: Executor, userId: string): Promise<boolean> {
  const gone = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ userId: calendarFeeds.userId });
  return gone.length > 0;
}

/** Whose feed a token opens: undefined for an unknown or replaced token, or an account that was deactivated. */
export async function calendarFeedOwner(db: Executor, token: string): Promise<{ userId: string; locale: string; tokenHash: string } | undefined> {
  if (!token || token.length > 200) return undefined;
  const tokenHash = hashToken(token);
  const [owner] = await db
    .select({ userId: users.id, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(users.deactivatedAt)));
  return owner && { ...owner, tokenHash };
}

/** Records that the feed behind `tokenHash` was fetched (shown to its owner as "last used"). */
export async function markCalendarFeedUsed(db: Executor, tokenHash: string): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), or(isNull(calendarFeeds.lastUsedAt), lt(calendarFeeds.lastUsedAt, sql`now() - ${LAST_USED_GRANULARITY}`))));
}

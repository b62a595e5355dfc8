/**
 * The signed-in person's calendar subscription link: whether they have one, making or replacing it (the link is
 * shown once, in this answer only) and switching it off. The feed itself: server/routes/calendar/feed.ts.
 */
import { z } from 'zod';
import { calendarFeedOf, calendarFeedUrl, issueCalendarFeed, revokeCalendarFeed, type CalendarFeedRecord } from '../../auth/calendarFeeds.js';
import type { RouteFn } from '../../http/pipeline.js';
import { calendarFeed } from '../../http/responses/people.js';

/** A feed as its owner sees it again. */
function presentCalendarFeed(feed: CalendarFeedRecord) {
  return { createdAt: feed.createdAt.toISOString(), lastUsedAt: feed.lastUsedAt?.toISOString() ?? null };
}

/** Registers GET, POST and DELETE /api/me/calendar-feed. */
export function registerCalendarFeedRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/me/calendar-feed',
    summary: 'Whether you have a calendar subscription link, since when and when a calendar app last fetched it; never the link itself (shown once, when made)',
    tags: ['meetings'],
    response: z.strictObject({ feed: calendarFeed.nullable() }),
    handler: async ({ tx, principal }) => {
      const feed = await calendarFeedOf(tx, principal.userId);
      return { feed: feed ? presentCalendarFeed(feed) : null };
    },
  });

  route({
    method: 'POST',
    url: '/api/me/calendar-feed',
    summary:
      'Make your calendar subscription link (every meeting of your working groups, as an iCalendar feed), replacing any earlier one, which stops working at once; the link is in this answer only. No Idempotency-Key replay: the answer is never stored',
    tags: ['meetings'],
    status: 201,
    response: z.strictObject({ feed: calendarFeed, url: z.string().describe('The subscription link to paste into a calendar app; shown this once') }),
    // The answer holds the token: an idempotent replay would keep it in the database in plain text.
    idempotent: false,
    handler: async (ctx) => {
      const { tx, principal } = ctx;
      const { token, feed, replaced } = await issueCalendarFeed(tx, principal.userId);
      // Neither the token nor its hash goes into the trail.
      await ctx.audit({ action: replaced ? 'user.calendar_feed_rotated' : 'user.calendar_feed_created', target: { type: 'user', id: principal.userId } });
      return { feed: presentCalendarFeed(feed), url: calendarFeedUrl(ctx.services.config.publicOrigin, token) };
    },
  });

  route({
    method: 'DELETE',
    url: '/api/me/calendar-feed',
    summary: 'Switch your calendar subscription link off: calendars subscribed to it get 404 from now on (204 also when you had none)',
    tags: ['meetings'],
    status: 204,
    handler: async (ctx) => {
      const { tx, principal } = ctx;
      if (await revokeCalendarFeed(tx, principal.userId)) await ctx.audit({ action: 'user.calendar_feed_revoked', target: { type: 'user', id: principal.userId } });
      return undefined;
    },
  });
}

/**
 * A person's meetings as one subscribed calendar (Outlook, Google or Apple Calendar), at the secret link made by
 * POST /api/me/calendar-feed. Calendar apps send no header or cookie, so the link's token names the person; what it
 * lists is worked out again at every fetch from the groups they belong to now: removed from a group, its meetings
 * leave the feed (and so their calendar); a deactivated account's link answers 404, as an unknown one does.
 */
import { and, asc, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { meetings, memberships, workspaces } from '../../../db/schema.js';
import { FailureBound, type FailureBoundLog } from '../../auth/failureBounds.js';
import { calendarFeedOwner, markCalendarFeedUsed } from '../../auth/calendarFeeds.js';
import { calendarMeetingOf, meetingsToIcs } from '../../exports/meetingCalendar.js';
import { AppError } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import type { AppServices } from '../../services.js';

/**
 * From 30 days back: last month's meetings stay in the calendar to look back on (a subscribed calendar drops what
 * the feed stops listing), while what every poll sends again stays small instead of growing with each year of meetings.
 */
const FEED_DAYS_BACK = 30;
/** A bound on one answer; a person in many busy groups stays far below it. The furthest meetings are the ones left out. */
const FEED_MAX_MEETINGS = 2000;

/** The meetings of every group `userId` belongs to now, from `since` on, with their group's name, earliest first. */
async function feedMeetings(db: Executor, userId: string, since: Date) {
  return db
    .select({ meeting: meetings, workspaceName: workspaces.name })
    .from(meetings)
    .innerJoin(memberships, and(eq(memberships.workspaceId, meetings.workspaceId), eq(memberships.userId, userId)))
    .innerJoin(workspaces, eq(workspaces.id, meetings.workspaceId))
    .where(gte(meetings.startsAt, since))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(FEED_MAX_MEETINGS);
}

/** Registers GET /api/calendar/feeds/:token.ics. */
export function registerCalendarFeedRoute(route: RouteFn, services: Pick<AppServices, 'config' | 'sharedFailures'> & { log?: FailureBoundLog }): void {
  // Unknown links per address, with sign-up's bound and shared by every node. Guessing a 256-bit token is hopeless;
  // this slows a scanner down. Only failures count, and no place is reserved per attempt as sign-in does: a calendar
  // service fetches many people's feeds at once from one address.
  const { loginFailures, loginWindowMs } = services.config.limits;
  const unknownLinks = new FailureBound('calendar-feed-address', loginFailures * 5, loginWindowMs, services.sharedFailures, services.log);

  route({
    method: 'GET',
    url: '/api/calendar/feeds/:token.ics',
    summary:
      'A person’s meetings as an iCalendar feed to subscribe to (no session: the link made by POST /api/me/calendar-feed is the credential): every meeting of the groups they belong to at the time of the fetch, from 30 days ago on, cancelled ones marked CANCELLED, each event with the UID and SEQUENCE of the meeting’s own .ics; in the person’s language unless `lang` is given. 404 for a link that was replaced, switched off or whose account was deactivated; 429 after repeated unknown links from one address',
    tags: ['meetings'],
    auth: false,
    produces: { 'text/calendar': 'an iCalendar feed with one event per meeting' },
    params: z.object({ token: z.string().min(20).max(200) }),
    query: z.object({ lang: z.enum(['es', 'en']).optional() }),
    refusals: [404, 429],
    raw: true,
    handler: async ({ tx, params, query, req, reply, services: { config } }) => {
      const owner = await calendarFeedOwner(tx, params.token);
      if (!owner) {
        // Only unknown links are bounded: a good link is always served, so stale links polled from a calendar service's
        // shared address cannot shut that address out for everyone else's feeds.
        const waitMs = await unknownLinks.retryAfterMs(req.ip);
        if (waitMs > 0) {
          reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
          throw new AppError('rate_limited', 'Too many unknown calendar links from this address; wait 15 minutes and try again');
        }
        await unknownLinks.fail(req.ip);
        throw new AppError('not_found', 'No such calendar feed: the link was replaced or switched off; make a new one in Enlace');
      }
      const since = new Date(Date.now() - FEED_DAYS_BACK * 24 * 3600_000);
      const rows = await feedMeetings(tx, owner.userId, since);
      const lang = query.lang ?? (owner.locale === 'en' ? 'en' : 'es');
      const ics = meetingsToIcs(
        rows.map((row) => calendarMeetingOf(row.meeting, row.workspaceName, config.publicOrigin)),
        lang,
      );
      await markCalendarFeedUsed(tx, owner.tokenHash);
      // Personal and changing: no shared cache keeps it, and the app asks again at each poll. No cookie is ever set here.
      reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
      return Buffer.from(ics, 'utf8');
    },
  });
}

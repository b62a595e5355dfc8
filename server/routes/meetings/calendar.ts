/** A meeting as an .ics file for the participants' own calendars (read access, like the meeting itself). */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema.js';
import { idSchema } from '../../../shared/schemas.js';
import { calendarMeetingOf, meetingToIcs } from '../../exports/meetingCalendar.js';
import { attachmentHeader } from '../../http/contentDisposition.js';
import type { RouteFn } from '../../http/pipeline.js';
import { requireMeeting } from './routes.js';

/** Registers GET /api/meetings/:id/calendar.ics. */
export function registerMeetingCalendarRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/meetings/:id/calendar.ics',
    summary: 'The meeting as an iCalendar event (start, planned end from the agenda’s time boxes, agenda, link), in Spanish or English',
    tags: ['meetings'],
    produces: { 'text/calendar': 'an iCalendar file with one event' },
    params: z.object({ id: idSchema }),
    query: z.object({ lang: z.enum(['es', 'en']).default('es') }),
    raw: true,
    handler: async ({ tx, params, query, principal, reply, services }) => {
      const { meeting } = await requireMeeting(tx, principal, params.id);
      const [group] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, meeting.workspaceId));
      const ics = meetingToIcs(calendarMeetingOf(meeting, group?.name ?? '', services.config.publicOrigin), query.lang);
      reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', attachmentHeader(meeting.title, 'ics', 'reunion'));
      return Buffer.from(ics, 'utf8');
    },
  });
}

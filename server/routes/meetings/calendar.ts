/** A meeting as an .ics file for the participants' own calendars (read access, like the meeting itself). */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { auditEvents, workspaces } from '../../../db/schema.js';
import { idSchema } from '../../../shared/schemas.js';
import { meetingToIcs } from '../../exports/meetingCalendar.js';
import { attachmentHeader } from '../../http/contentDisposition.js';
import type { RouteFn } from '../../http/pipeline.js';
import { requireMeeting } from './routes.js';

/** How many times the meeting was rescheduled or called off: the event's SEQUENCE, so calendars take the change. */
async function scheduleChanges(tx: Executor, workspaceId: string, meetingId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), inArray(auditEvents.action, ['meeting.updated', 'meeting.cancelled']), sql`${auditEvents.target}->>'id' = ${meetingId}`));
  return Number(row?.n ?? 0);
}

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
      const ics = meetingToIcs(
        {
          id: meeting.id,
          title: meeting.title,
          startsAt: meeting.startsAt,
          agenda: meeting.agenda,
          status: meeting.status,
          workspaceName: group?.name ?? '',
          url: `${services.config.publicOrigin}/w/${meeting.workspaceId}/meetings/${meeting.id}`,
          sequence: await scheduleChanges(tx, meeting.workspaceId, meeting.id),
        },
        query.lang,
      );
      reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', attachmentHeader(meeting.title, 'ics', 'reunion'));
      return Buffer.from(ics, 'utf8');
    },
  });
}

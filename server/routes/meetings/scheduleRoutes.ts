/** Meetings before they end: correct a meeting's title, start or agenda, or call off a scheduled one. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { meetings } from '../../../db/schema.js';
import { idSchema, nonEmpty } from '../../../shared/schemas.js';
import type { Principal } from '../../auth/principal.js';
import { AppError, conflict } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { meeting } from '../../http/responses/decisions.js';
import { meetingFields, presentMeeting, refuseEnded, requireMeeting, type Meeting } from './routes.js';

type AgendaItem = Meeting['agenda'][number];

/** Agendas compared by what they say: a missing time box and a null one are the same. */
const sameAgenda = (a: AgendaItem[], b: AgendaItem[]) =>
  JSON.stringify(a.map((i) => [i.title, i.minutes ?? null])) === JSON.stringify(b.map((i) => [i.title, i.minutes ?? null]));

/** Locks the meeting for a facilitator's change (after the access check) and returns it as it is now. */
async function lockForChange(tx: Executor, principal: Principal, id: string): Promise<Meeting> {
  await requireMeeting(tx, principal, id, 'decide');
  // Locked and read again, as every state change of a meeting: concurrent changes apply one after the other.
  const [m] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
  return m;
}

/**
 * What a new agenda does to the current item: a live meeting's must stay on the agenda (400 otherwise, so no
 * one is left following an item that is gone); an item picked before the start is simply dropped if gone.
 */
function currentItemAfter(m: Meeting, agenda: AgendaItem[]): number | null {
  if (m.currentItem === null || m.currentItem < agenda.length) return m.currentItem;
  if (m.status === 'live') {
    const n = m.currentItem + 1;
    const message = `Item ${n} («${m.agenda[m.currentItem]?.title ?? ''}») is under way: keep at least ${n} agenda items, or move the meeting to an earlier item first`;
    throw new AppError('validation_failed', 'The agenda would drop the item under way', [{ path: 'agenda', message, issue: 'current_item_removed' }]);
  }
  return null;
}

/** Registers PATCH /api/meetings/:id and POST /api/meetings/:id/cancel. */
export function registerMeetingScheduleRoutes(route: RouteFn): void {
  const idParams = z.object({ id: idSchema });

  route({
    method: 'PATCH',
    url: '/api/meetings/:id',
    summary: 'Correct a meeting’s title, start or agenda (facilitators; while live, the start is fixed and the item under way must stay on the agenda)',
    tags: ['meetings'],
    response: z.strictObject({ meeting }),
    refusals: [403, 409],
    params: idParams,
    body: z.object(meetingFields).partial().strict().refine(nonEmpty, 'Nothing to change'),
    handler: async (ctx) => {
      const { body } = ctx;
      const before = await lockForChange(ctx.tx, ctx.principal, ctx.params.id);
      refuseEnded(before);
      const patch: Partial<Meeting> = {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (body.title !== undefined && body.title !== before.title) {
        patch.title = body.title;
        changes.title = { from: before.title, to: body.title };
      }
      if (body.startsAt !== undefined && Date.parse(body.startsAt) !== before.startsAt.getTime()) {
        // Under way, the start is history (the web app's form drops its picker when a meeting starts meanwhile).
        if (before.status === 'live') throw conflict('The meeting is under way: its start can no longer change', 'meeting_started');
        patch.startsAt = new Date(body.startsAt);
        changes.startsAt = { from: before.startsAt.toISOString(), to: patch.startsAt.toISOString() };
      }
      if (body.agenda !== undefined) {
        const currentItem = currentItemAfter(before, body.agenda);
        if (!sameAgenda(body.agenda, before.agenda)) {
          patch.agenda = body.agenda;
          changes.agenda = { from: before.agenda, to: body.agenda };
        }
        if (currentItem !== before.currentItem) {
          patch.currentItem = currentItem;
          changes.currentItem = { from: before.currentItem, to: currentItem };
        }
      }
      // A correction that changes nothing (the form sent back as it was) is answered, not recorded again.
      if (!Object.keys(patch).length) return { meeting: presentMeeting(before) };
      const [m] = await ctx.tx.update(meetings).set({ ...patch, calendarSequence: before.calendarSequence + 1 }).where(eq(meetings.id, before.id)).returning();
      await ctx.audit({ action: 'meeting.updated', workspaceId: m.workspaceId, target: { type: 'meeting', id: m.id }, changes: JSON.parse(JSON.stringify(changes)) as Record<string, unknown> });
      ctx.emit(m.workspaceId, 'meeting:updated', { meeting: presentMeeting(m) });
      return { meeting: presentMeeting(m) };
    },
  });

  route({
    method: 'POST',
    url: '/api/meetings/:id/cancel',
    summary: 'Call off a scheduled meeting (facilitators): no minutes, no plan versions; a live meeting is closed instead',
    tags: ['meetings'],
    response: z.strictObject({ meeting }),
    refusals: [403, 409],
    params: idParams,
    handler: async (ctx) => {
      const before = await lockForChange(ctx.tx, ctx.principal, ctx.params.id);
      // A second cancel (a retry, two facilitators at once) finds what it asked for.
      if (before.status === 'cancelled') return { meeting: presentMeeting(before) };
      refuseEnded(before);
      if (before.status === 'live') throw conflict('The meeting is under way: close it instead, which freezes its minutes', 'meeting_live');
      const [m] = await ctx.tx.update(meetings).set({ status: 'cancelled', calendarSequence: before.calendarSequence + 1 }).where(eq(meetings.id, before.id)).returning();
      await ctx.audit({ action: 'meeting.cancelled', workspaceId: m.workspaceId, target: { type: 'meeting', id: m.id }, changes: { status: { from: before.status, to: 'cancelled' } } });
      ctx.emit(m.workspaceId, 'meeting:updated', { meeting: presentMeeting(m) });
      return { meeting: presentMeeting(m) };
    },
  });
}

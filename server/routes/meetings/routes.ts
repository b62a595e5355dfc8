/** Meetings: agenda, live mode (start, current item everyone follows, attendance), close with frozen minutes (corrections and cancelling: scheduleRoutes.ts). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { documents, meetings, organizations } from '../../../db/schema.js';
import { dateTimeSchema, idSchema, titleSchema } from '../../../shared/schemas.js';
import type { Principal } from '../../auth/principal.js';
import { AppError, conflict, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { requireWorkspace, type Permission } from '../../policies/workspacePolicy.js';
import { createVersion } from '../../versions/createVersion.js';
import { participatingOrganizationIds, presentVersion } from '../../versions/versionRecords.js';
import { gatherMinutes } from './minutesData.js';
import { meeting } from '../../http/responses/decisions.js';

export type Meeting = InferSelectModel<typeof meetings>;

/** A meeting as the API shows it. */
export function presentMeeting(m: Meeting) {
  return {
    id: m.id,
    workspaceId: m.workspaceId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    agenda: m.agenda,
    status: m.status,
    currentItem: m.currentItem,
    currentItemStartedAt: m.currentItemStartedAt?.toISOString() ?? null,
    attendance: m.attendance,
    startedAt: m.startedAt?.toISOString() ?? null,
    closedAt: m.closedAt?.toISOString() ?? null,
    minutes: m.minutes ?? null,
  };
}

/** A meeting and the caller's access to its workspace (404 for non-members). */
export async function requireMeeting(tx: Executor, principal: Principal, id: string, permission: Permission = 'read') {
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, id));
  if (!meeting) throw notFound('Meeting');
  const access = await requireWorkspace(tx, principal, meeting.workspaceId, permission).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'not_found' ? notFound('Meeting') : err;
  });
  return { meeting, access };
}

const agendaItem = z.object({ title: titleSchema, minutes: z.number().int().min(1).max(600).optional() });
/** A meeting's own fields as scheduling takes them, and as a correction (PATCH) takes them too. */
export const meetingFields = { title: titleSchema, startsAt: dateTimeSchema, agenda: z.array(agendaItem).max(100) };

/** Throws 409 for a meeting that is over: `meeting_closed` (minutes frozen) or `meeting_cancelled` (never held). */
export function refuseEnded(m: Pick<Meeting, 'status'>, closedMessage = 'The meeting is closed'): void {
  if (m.status === 'closed') throw conflict(closedMessage, 'meeting_closed');
  if (m.status === 'cancelled') throw conflict('The meeting was cancelled; schedule a new one instead', 'meeting_cancelled');
}

export function registerMeetingRoutes(route: RouteFn): void {
  const idParams = z.object({ id: idSchema });

  route({
    method: 'POST',
    url: '/api/workspaces/:id/meetings',
    summary: 'Schedule a meeting with its agenda (facilitators)',
    tags: ['meetings'],
    response: z.strictObject({ meeting }),
    refusals: [403],
    params: idParams,
    body: z.object(meetingFields),
    status: 201,
    handler: async (ctx) => {
      await requireWorkspace(ctx.tx, ctx.principal, ctx.params.id, 'decide');
      const [m] = await ctx.tx
        .insert(meetings)
        .values({ id: newId('mtg'), workspaceId: ctx.params.id, title: ctx.body.title, startsAt: new Date(ctx.body.startsAt), agenda: ctx.body.agenda, createdById: ctx.principal.userId })
        .returning();
      await ctx.audit({ action: 'meeting.created', workspaceId: m.workspaceId, target: { type: 'meeting', id: m.id }, changes: { title: m.title, startsAt: ctx.body.startsAt } });
      ctx.emit(m.workspaceId, 'meeting:updated', { meeting: presentMeeting(m) });
      return { meeting: presentMeeting(m) };
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces/:id/meetings',
    summary: 'Meetings of a working group',
    tags: ['meetings'],
    response: z.strictObject({ meetings: z.array(meeting) }),
    params: idParams,
    handler: async ({ tx, params, principal }) => {
      await requireWorkspace(tx, principal, params.id);
      const rows = await tx.select().from(meetings).where(eq(meetings.workspaceId, params.id)).orderBy(asc(meetings.startsAt));
      return { meetings: rows.map(presentMeeting) };
    },
  });

  route({
    method: 'GET',
    url: '/api/meetings/:id',
    summary: 'One meeting',
    tags: ['meetings'],
    response: z.strictObject({ meeting }),
    params: idParams,
    handler: async ({ tx, params, principal }) => ({ meeting: presentMeeting((await requireMeeting(tx, principal, params.id)).meeting) }),
  });

  /** Registers a facilitator-only state change of a live meeting. */
  const change = <B extends z.ZodType>(method: 'POST' | 'PUT', path: string, summary: string, body: B | undefined, apply: (m: Meeting, body: z.infer<B>, tx: Executor) => Partial<Meeting> | Promise<Partial<Meeting>>, action: string) =>
    route({
      method,
      url: `/api/meetings/:id${path}`,
      summary,
      tags: ['meetings'],
      response: z.strictObject({ meeting }),
      refusals: [403, 409],
      params: idParams,
      body: (body ?? z.object({}).passthrough()) as B,
      handler: async (ctx) => {
        await requireMeeting(ctx.tx, ctx.principal, ctx.params.id, 'decide');
        // Locked and read again: concurrent changes of one meeting apply one after the other, each on the last.
        const [meeting] = await ctx.tx.select().from(meetings).where(eq(meetings.id, ctx.params.id)).for('update');
        refuseEnded(meeting);
        const patch = await apply(meeting, ctx.body, ctx.tx);
        // A change that changes nothing (a second start, the same attendance) is answered, not recorded again.
        const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(meeting[k as keyof Meeting])));
        if (!Object.keys(changed).length) return { meeting: presentMeeting(meeting) };
        const [m] = await ctx.tx.update(meetings).set(changed).where(eq(meetings.id, meeting.id)).returning();
        await ctx.audit({ action, workspaceId: m.workspaceId, target: { type: 'meeting', id: m.id }, changes: JSON.parse(JSON.stringify(changed)) as Record<string, unknown> });
        ctx.emit(m.workspaceId, 'meeting:updated', { meeting: presentMeeting(m) });
        return { meeting: presentMeeting(m) };
      },
    });

  change(
    'POST',
    '/start',
    'Start the meeting (facilitators)',
    undefined,
    (m) => {
      const currentItem = m.currentItem ?? (m.agenda.length ? 0 : null);
      // A repeated start keeps the running item's clock; a first start begins it now (an item picked beforehand included).
      const now = new Date();
      const currentItemStartedAt = currentItem === null ? null : m.status === 'live' ? (m.currentItemStartedAt ?? now) : now;
      return { status: 'live', startedAt: m.startedAt ?? now, currentItem, currentItemStartedAt };
    },
    'meeting.started',
  );
  change(
    'PUT',
    '/current-item',
    'Move everyone to an agenda item (facilitators)',
    z.object({ index: z.number().int().min(0) }),
    (m, body) => {
      if (body.index >= m.agenda.length) {
        const range = m.agenda.length ? `Use an index from 0 to ${m.agenda.length - 1}` : 'This meeting has no agenda items';
        throw new AppError('validation_failed', 'No such agenda item', [{ path: 'index', message: range, issue: m.agenda.length ? 'out_of_range' : 'no_agenda_items' }]);
      }
      // Picked before the start, the item opens the meeting and its clock starts with it; re-selecting the running
      // item must not reset its clock.
      if (m.status === 'scheduled') return { currentItem: body.index, currentItemStartedAt: null };
      return body.index === m.currentItem && m.currentItemStartedAt ? { currentItem: body.index } : { currentItem: body.index, currentItemStartedAt: new Date() };
    },
    'meeting.item_changed',
  );
  change(
    'PUT',
    '/attendance',
    'Record which organizations attend (facilitators); a set: the same organizations again, in any order or repeated, are answered without being recorded or announced',
    z.object({ organizationIds: z.array(idSchema).max(500) }),
    async (m, body, tx) => {
      const ids = [...new Set(body.organizationIds)];
      const known = new Set(ids.length ? (await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, ids))).map((o) => o.id) : []);
      // Made-up ids would be frozen into the minutes as attendees nobody can name.
      const unknown = body.organizationIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `organizationIds.${i}`, message: 'Unknown organization', issue: 'unknown_reference' }]));
      if (unknown.length) throw new AppError('validation_failed', 'Unknown organization', unknown.slice(0, 20));
      // Attendance is a set: the same organizations in another order keep the stored list (no change to record). A
      // real change is stored without repeats, in the order the facilitator gave, which the minutes list attendees in.
      const stored = new Set(m.attendance);
      if (ids.length === stored.size && ids.every((id) => stored.has(id))) return { attendance: m.attendance };
      return { attendance: ids };
    },
    'meeting.attendance',
  );

  route({
    method: 'POST',
    url: '/api/meetings/:id/close',
    summary: 'Close the meeting: freezes the minutes and saves a meeting version of each plan (facilitators)',
    tags: ['meetings'],
    response: z.strictObject({ meeting }),
    refusals: [403, 409],
    params: idParams,
    handler: async (ctx) => {
      const { tx, principal } = ctx;
      await requireMeeting(tx, principal, ctx.params.id, 'decide');
      // Locked before anything is gathered: a second close waits and is refused, and a decision being linked to this
      // meeting (which holds the row shared, see checkDecisionRefs) either commits first and is in the minutes, or
      // waits and is refused as too late.
      const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, ctx.params.id)).for('update');
      refuseEnded(meeting, 'The meeting is already closed');
      const plans = await tx.select({ id: documents.id }).from(documents).where(eq(documents.workspaceId, meeting.workspaceId));
      const versionIds: string[] = [];
      const participating = plans.length ? await participatingOrganizationIds(tx, meeting.workspaceId) : [];
      for (const p of plans) {
        const v = await createVersion(tx, ctx.services.hub, { documentId: p.id, name: meeting.title, kind: 'meeting', createdById: principal.userId, meetingId: meeting.id });
        versionIds.push(v.id);
        // The same version object as every other version:created (documentId alongside, as this event always had it).
        ctx.emit(meeting.workspaceId, 'version:created', { documentId: p.id, version: presentVersion(v, [], participating) });
      }
      const closedAt = new Date();
      const minutes = await gatherMinutes(tx, meeting, closedAt, versionIds);
      const [m] = await tx.update(meetings).set({ status: 'closed', closedAt, minutes: minutes as unknown as Record<string, unknown> }).where(eq(meetings.id, meeting.id)).returning();
      await ctx.audit({ action: 'meeting.closed', workspaceId: m.workspaceId, target: { type: 'meeting', id: m.id }, changes: { versionIds, decisions: minutes.decisions.map((d) => d.ref) } });
      ctx.emit(m.workspaceId, 'meeting:updated', { meeting: presentMeeting(m) });
      return { meeting: presentMeeting(m) };
    },
  });
}

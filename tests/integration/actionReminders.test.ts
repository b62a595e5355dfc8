/**
 * Reminders of follow-up actions coming due: once per action, stage and due date, to whoever answers for it among the
 * group's current members, however many passes run (at once, or again after a restart), on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions } from '../../db/schema.js';
import { OVERDUE_REMINDER_DAYS, REMINDER_BATCH, runActionRemindersNow, startActionReminders } from '../../server/notifications/actionReminders.js';
import { addDays } from '../../shared/actionDue.js';
import { workingDay } from '../../shared/calendar.js';
import { runDigestNow } from '../../server/notifications/digest.js';
import type { MailMessage } from '../../server/notifications/mailSender.js';
import { createWorld, type Api, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

/** Noon of 10 March 2027 in Mexico City: "today" for every pass below unless said otherwise. */
const NOW = new Date('2027-03-10T18:00:00Z');
const TODAY = '2027-03-10';
const TOMORROW = '2027-03-11';
const TWO_DAYS_LATER = new Date('2027-03-12T18:00:00Z');

describe.each(BACKENDS)('action reminders on $name', (backend) => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  const run = (now = NOW) => runActionRemindersNow(server.services.database.db, server.services.events, now);
  const reminders = async (api: Api) => ((await api.get('/api/notifications')).body.notifications as any[]).filter((n) => n.kind === 'action_due');

  /** Ana (SSPC) facilitates; Beto (FGR, focal point), Carla (FGR), Eli (SSPC) are members; Dora (FGE-CHIH) observes. */
  async function group() {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const carla = await world.user('Carla', 'FGR');
    const dora = await world.user('Dora', 'FGE-CHIH');
    const eli = await world.user('Eli', 'SSPC');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member', true);
    await world.addMember(ws, ana.api, carla.id, 'member');
    await world.addMember(ws, ana.api, dora.id, 'observer');
    await world.addMember(ws, ana.api, eli.id, 'member');
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Operativo conjunto' })).body.decision as { id: string; ref: string };
    const act = async (body: { title: string; owner: string; assigneeId?: string; dueDate: string }) => {
      const made = await ana.api.post(`/api/decisions/${decision.id}/actions`, { title: body.title, ownerOrganizationId: world.orgs[body.owner].id, assigneeId: body.assigneeId, dueDate: body.dueDate });
      expect(made.status).toBe(201);
      return made.body.action.id as string;
    };
    return { ana, beto, carla, dora, eli, ws, decision, act };
  }

  it('tells the assignee once that an action is due tomorrow, live, with the action and its decision; a second pass tells nobody', async () => {
    const { ana, beto, carla, ws, decision, act } = await group();
    const socket = await connectEvents(server.url, carla.api.token!);
    try {
      const pushed = recordEvents(socket, ['notification:created']);
      const id = await act({ title: 'Enviar el protocolo', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW });
      const first = await run();
      expect(first.reminders.filter((r) => r.actionId === id)).toEqual([{ actionId: id, stage: 'due_soon', dueDate: TOMORROW }]);
      const told = await reminders(carla.api);
      expect(told.map((n) => [n.workspaceId, n.target, n.readAt])).toEqual([[ws, { type: 'action', actionId: id, decisionId: decision.id, ref: decision.ref, title: 'Enviar el protocolo', dueDate: TOMORROW, stage: 'due_soon' }, null]]);
      await waitFor(() => pushed.some((e) => e.payload.notification?.kind === 'action_due' && e.payload.notification.target.actionId === id), 5000, 'notification:created for the reminder');
      expect(pushed.find((e) => e.payload.notification?.kind === 'action_due')!.payload).toMatchObject({ workspaceId: ws, notification: { id: told[0].id, target: { stage: 'due_soon' } } });
      // The assignee answers for it: the focal point and the facilitator hear nothing.
      expect(await reminders(beto.api)).toEqual([]);
      expect(await reminders(ana.api)).toEqual([]);

      const second = await run();
      expect(second.reminders.filter((r) => r.actionId === id)).toEqual([]);
      expect(await reminders(carla.api)).toHaveLength(1);
    } finally {
      socket.close();
    }
  });

  it('without an assignee, tells the owner organization’s focal point; without one, its members who take part; an observing organization, nobody', async () => {
    const { ana, beto, carla, dora, eli, act } = await group();
    const fgr = await act({ title: 'Compartir cifras', owner: 'FGR', dueDate: TODAY });
    const sspc = await act({ title: 'Convocar a la mesa', owner: 'SSPC', dueDate: TODAY });
    const chih = await act({ title: 'Revisar el informe', owner: 'FGE-CHIH', dueDate: TODAY });
    const { reminders: sent } = await run();
    expect(sent.filter((r) => [fgr, sspc, chih].includes(r.actionId)).map((r) => r.actionId).sort()).toEqual([fgr, sspc, chih].sort());
    expect((await reminders(beto.api)).map((n) => n.target.actionId)).toEqual([fgr]);
    expect(await reminders(carla.api)).toEqual([]);
    // SSPC has no focal point here: Ana and Eli both answer for it.
    expect((await reminders(ana.api)).map((n) => n.target.actionId)).toEqual([sspc]);
    expect((await reminders(eli.api)).map((n) => n.target.actionId)).toEqual([sspc]);
    expect(await reminders(dora.api)).toEqual([]);
  });

  it('an action found past its date is told overdue only; one due soon is told overdue once more when its day passes', async () => {
    const { carla, act } = await group();
    const late = await act({ title: 'Entregar el informe', owner: 'FGR', assigneeId: carla.id, dueDate: '2027-03-05' });
    const soon = await act({ title: 'Publicar el acuerdo', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW });
    await run();
    const stages = async () => (await reminders(carla.api)).map((n) => `${n.target.title}: ${n.target.stage} ${n.target.dueDate}`).sort();
    expect(await stages()).toEqual(['Entregar el informe: overdue 2027-03-05', `Publicar el acuerdo: due_soon ${TOMORROW}`]);
    await run();
    const later = await run(TWO_DAYS_LATER);
    expect(later.reminders.filter((r) => [late, soon].includes(r.actionId))).toEqual([{ actionId: soon, stage: 'overdue', dueDate: TOMORROW }]);
    await run(TWO_DAYS_LATER);
    expect(await stages()).toEqual(['Entregar el informe: overdue 2027-03-05', `Publicar el acuerdo: due_soon ${TOMORROW}`, `Publicar el acuerdo: overdue ${TOMORROW}`]);
  });

  it('tells nothing of an action done or cancelled, nor of one due later; a closed action is not told overdue after its reminder', async () => {
    const { ana, carla, act } = await group();
    const done = await act({ title: 'Hecha', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW });
    const cancelled = await act({ title: 'Cancelada', owner: 'FGR', assigneeId: carla.id, dueDate: '2027-03-01' });
    const far = await act({ title: 'Lejana', owner: 'FGR', assigneeId: carla.id, dueDate: '2027-03-20' });
    expect((await ana.api.patch(`/api/actions/${done}`, { status: 'done' })).status).toBe(200);
    expect((await ana.api.patch(`/api/actions/${cancelled}`, { status: 'cancelled' })).status).toBe(200);
    const { reminders: sent } = await run();
    expect(sent.filter((r) => [done, cancelled, far].includes(r.actionId))).toEqual([]);
    expect(await reminders(carla.api)).toEqual([]);

    // Told it is due soon, then done: its day passing tells nothing more.
    const closing = await act({ title: 'Por cerrar', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW });
    await run();
    expect((await ana.api.patch(`/api/actions/${closing}`, { status: 'done' })).status).toBe(200);
    await run(TWO_DAYS_LATER);
    expect((await reminders(carla.api)).map((n) => `${n.target.title}: ${n.target.stage}`)).toEqual(['Por cerrar: due_soon']);
    // Done, its reminder no longer waits on anyone: it is read, so the inbox's unread count drops.
    expect((await reminders(carla.api))[0].readAt).not.toBeNull();
  });

  it(`tells nothing of an action overdue for over ${OVERDUE_REMINDER_DAYS} days: an upgrade does not bury the inbox in old news`, async () => {
    const { carla, act } = await group();
    const old = await act({ title: 'Antigua', owner: 'FGR', assigneeId: carla.id, dueDate: addDays(TODAY, -OVERDUE_REMINDER_DAYS - 1) });
    const recent = await act({ title: 'Reciente', owner: 'FGR', assigneeId: carla.id, dueDate: addDays(TODAY, -OVERDUE_REMINDER_DAYS) });
    const { reminders: sent } = await run();
    expect(sent.filter((r) => [old, recent].includes(r.actionId))).toEqual([{ actionId: recent, stage: 'overdue', dueDate: addDays(TODAY, -OVERDUE_REMINDER_DAYS) }]);
  });

  it('a due date moved starts afresh: the new date is reminded of too', async () => {
    const { ana, carla, act } = await group();
    const id = await act({ title: 'Firmar el convenio', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW });
    await run();
    expect((await ana.api.patch(`/api/actions/${id}`, { dueDate: TODAY })).status).toBe(200);
    const again = await run();
    expect(again.reminders.filter((r) => r.actionId === id)).toEqual([{ actionId: id, stage: 'due_soon', dueDate: TODAY }]);
    // Moved well ahead: nothing until it comes near.
    expect((await ana.api.patch(`/api/actions/${id}`, { dueDate: '2027-04-30' })).status).toBe(200);
    expect((await run()).reminders.filter((r) => r.actionId === id)).toEqual([]);
    expect((await reminders(carla.api)).map((n) => n.target.dueDate)).toEqual([TODAY, TOMORROW]);
    // Each move settles the reminders of the date it left.
    expect((await reminders(carla.api)).map((n) => n.readAt === null)).toEqual([false, false]);
  });

  it('two passes at once (two nodes) send each reminder exactly once', async () => {
    const { beto, carla, act } = await group();
    const ids = [
      await act({ title: 'Uno', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW }),
      await act({ title: 'Dos', owner: 'FGR', dueDate: TODAY }),
      await act({ title: 'Tres', owner: 'FGR', assigneeId: carla.id, dueDate: '2027-03-08' }),
    ];
    const [a, b] = await Promise.all([run(), run()]);
    const claimed = [...a.reminders, ...b.reminders].filter((r) => ids.includes(r.actionId));
    expect(claimed.map((r) => `${r.actionId} ${r.stage}`).sort()).toEqual([`${ids[0]} due_soon`, `${ids[1]} due_soon`, `${ids[2]} overdue`].sort());
    const written = [...a.notifications, ...b.notifications].filter((n) => ids.includes(n.target.actionId as string));
    expect(written).toHaveLength(3);
    expect((await reminders(carla.api)).map((n) => n.target.title).sort()).toEqual(['Tres', 'Uno']);
    expect((await reminders(beto.api)).map((n) => n.target.title)).toEqual(['Dos']);
  });

  it('an action passed to someone else settles the reminder its former assignee had', async () => {
    const { ana, carla, eli, act } = await group();
    const id = await act({ title: 'Traspasada', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW });
    await run();
    expect((await reminders(carla.api)).map((n) => [n.target.actionId, n.readAt])).toEqual([[id, null]]);
    expect((await ana.api.patch(`/api/actions/${id}`, { assigneeId: eli.id })).status).toBe(200);
    expect((await reminders(carla.api)).map((n) => n.readAt === null)).toEqual([false]);
  });

  it('tells only current members: an assignee removed from the group is not told, the owner organization’s focal point is', async () => {
    const { ana, beto, carla, ws, act } = await group();
    const id = await act({ title: 'Coordinar la visita', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW });
    expect((await ana.api.request('DELETE', `/api/workspaces/${ws}/members/${carla.id}`)).status).toBe(204);
    expect((await run()).reminders.filter((r) => r.actionId === id)).toHaveLength(1);
    expect(await reminders(carla.api)).toEqual([]);
    expect((await reminders(beto.api)).map((n) => n.target.actionId)).toEqual([id]);
  });

  it('the daily digest names each reminder, overdue ones as such, with the action', async () => {
    const { carla, act } = await group();
    await act({ title: 'Informe trimestral', owner: 'FGR', assigneeId: carla.id, dueDate: TOMORROW });
    await act({ title: 'Minuta pendiente', owner: 'FGR', assigneeId: carla.id, dueDate: '2027-03-04' });
    await run();
    const sent: MailMessage[] = [];
    await runDigestNow(server.services.database.db, { kind: 'test', send: async (m) => void sent.push(m) }, { publicOrigin: 'https://enlace.example' });
    const body = sent.find((m) => m.to === carla.email)!.text;
    expect(body).toMatch(/^- Una acción a su cargo vence pronto · Mesa de trata de personas · Informe trimestral \(/m);
    expect(body).toMatch(/^- Una acción a su cargo está vencida · Mesa de trata de personas · Minuta pendiente \(/m);
  });

  it(`works through a backlog in batches of ${REMINDER_BATCH}`, async () => {
    const { beto, decision, ws } = await group();
    const db = server.services.database.db;
    // Written straight to the table: a thousand POSTs would only slow the test.
    const many = Array.from({ length: REMINDER_BATCH * 2 + 1 }, (_, i) => ({ id: `act_backlog_${String(i).padStart(4, '0')}`, workspaceId: ws, decisionId: decision.id, title: `Pendiente ${i}`, ownerOrganizationId: world.orgs.FGR.id, dueDate: '2027-03-09' }));
    await db.insert(actions).values(many);
    const { reminders: sent, notifications } = await run();
    expect(sent.filter((r) => r.actionId.startsWith('act_backlog_')).length).toBe(many.length);
    expect(notifications.filter((n) => n.userId === beto.id).length).toBe(many.length);
    expect((await run()).reminders).toEqual([]);
  });

  it('the scheduled pass runs soon after start and on its interval, and stops cleanly', async () => {
    const { carla, act } = await group();
    const id = await act({ title: 'Programada', owner: 'FGR', assigneeId: carla.id, dueDate: addDays(workingDay(), -1) });
    const errors: unknown[] = [];
    const infos: unknown[] = [];
    const scheduled = startActionReminders(server.services.database.db, server.services.events, { intervalMs: 50, firstRunDelayMs: 0 }, { info: (o) => infos.push(o), error: (o) => errors.push(o) });
    try {
      await waitFor(async () => (await reminders(carla.api)).some((n) => n.target.actionId === id), 10_000, 'the scheduled reminder');
    } finally {
      await scheduled.stop();
    }
    expect(errors).toEqual([]);
    expect(infos.length).toBeGreaterThan(0);
    expect((await reminders(carla.api)).map((n) => n.target.stage)).toEqual(['overdue']);
  });
});

/**
 * Changes of one thing sent together: a meeting closed several times at once, decisions linked to a meeting while it
 * closes, a decision's text edited while it is agreed, two status changes at once, a comment edited while deleted,
 * a thread resolved twice, an action updated twice, one new account's email sent several times. Each applies on the other's result, in one order: one close,
 * minutes holding every decision accepted into the meeting, no edit after a close or a delete, unbroken histories.
 * PostgreSQL shows the races (requests run side by side); PGlite runs one at a time.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comments } from '../../db/schema.js';
import { createWorld, type Api, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface HistoryEntry {
  changes: Record<string, { from: unknown; to: unknown }>;
}

describe.each(BACKENDS)('changes sent together on $name', (backend) => {
  let server: TestServer;
  let world: World;
  let fac: Api;
  let member: Api;
  let memberId: string;
  let ws: string;
  let plans: string[];

  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
    fac = (await world.user('Fátima Facilitadora', 'UNODC')).api;
    const mario = await world.user('Mario Miembro', 'SSPC');
    member = mario.api;
    memberId = mario.id;
    ws = await world.workspace(fac);
    await world.addMember(ws, fac, mario.id, 'member');
    plans = [await world.document(fac, ws), await world.document(fac, ws)];
  });
  afterAll(async () => {
    await server?.close();
  });

  const openMeeting = async (title: string) => {
    const meeting = (await fac.post(`/api/workspaces/${ws}/meetings`, { title, startsAt: '2027-01-15T16:00:00Z', agenda: [{ title: 'Acuerdos' }] })).body.meeting.id as string;
    expect((await fac.post(`/api/meetings/${meeting}/start`)).status).toBe(200);
    return meeting;
  };

  it('creates an account once when the same new email is sent several times together: the others are told it is taken', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => world.admin.post('/api/users', { email: 'doble@enlace.test', name: `Doble ${i}`, password: 'correct-horse-battery', organizationId: world.orgs.FGR.id })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error)).toEqual(Array(3).fill({ code: 'conflict', reason: 'email_taken', message: 'A user with this email already exists' }));
    const directory = (await world.admin.get('/api/users')).body.users as Array<{ email?: string }>;
    expect(directory.filter((u) => u.email === 'doble@enlace.test')).toHaveLength(1);
  });

  it('closes a meeting once however many closes arrive together: one set of meeting versions, one audit event', async () => {
    for (let round = 0; round < 3; round++) {
      const title = `Sesión ${round}`;
      const meeting = await openMeeting(title);
      const answers = await Promise.all(Array.from({ length: 6 }, () => fac.post(`/api/meetings/${meeting}/close`)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.reason === 'meeting_closed')).toBe(true);
      for (const plan of plans) {
        const versions = (await fac.get(`/api/documents/${plan}/versions`)).body.versions as Array<{ kind: string; name: string }>;
        expect(versions.filter((v) => v.kind === 'meeting' && v.name === title)).toHaveLength(1);
      }
      const closes = (await fac.get(`/api/workspaces/${ws}/audit?action=meeting.closed&limit=500`)).body.events.filter((e: { target: { id: string } }) => e.target.id === meeting);
      expect(closes).toHaveLength(1);
    }
  });

  it('keeps every decision accepted into a closing meeting in its frozen minutes, and refuses the ones too late', async () => {
    const meeting = await openMeeting('Sesión con propuestas');
    const proposals = Array.from({ length: 24 }, (_, i) => member.post(`/api/workspaces/${ws}/decisions`, { title: `Propuesta ${i}`, meetingId: meeting }));
    const [closed, ...answers] = await Promise.all([fac.post(`/api/meetings/${meeting}/close`), ...proposals]);
    expect(closed.status).toBe(200);
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.error.reason === 'meeting_closed'))).toBe(true);
    const accepted = answers.filter((a) => a.status === 201).map((a) => a.body.decision.ref as string);
    const frozen = (await fac.get(`/api/meetings/${meeting}`)).body.meeting.minutes.decisions.map((d: { ref: string }) => d.ref);
    expect([...frozen].sort()).toEqual([...accepted].sort());
  });

  it('never changes a decision’s text after it is agreed, and keeps one unbroken status history', async () => {
    for (let round = 0; round < 6; round++) {
      const decision = (await member.post(`/api/workspaces/${ws}/decisions`, { title: `Acuerdo ${round}` })).body.decision.id as string;
      const [edit, agree, reject] = await Promise.all([
        member.patch(`/api/decisions/${decision}`, { title: `Acuerdo ${round} corregido` }),
        fac.patch(`/api/decisions/${decision}`, { status: 'agreed' }),
        fac.patch(`/api/decisions/${decision}`, { status: 'rejected' }),
      ]);
      expect([agree.status, reject.status]).toEqual([200, 200]);
      const history = ((await fac.get(`/api/decisions/${decision}`)).body.history as HistoryEntry[]).filter((h) => h.changes.title || h.changes.status);
      if (edit.status === 200) {
        // The edit came first: it is recorded before any status change.
        expect(history[0].changes.title).toEqual({ from: `Acuerdo ${round}`, to: `Acuerdo ${round} corregido` });
      } else {
        expect(edit.status).toBe(409);
        expect(edit.body.error.reason).toBe('decision_closed');
        expect(history.some((h) => h.changes.title)).toBe(false);
      }
      const statuses = history.filter((h) => h.changes.status).map((h) => h.changes.status);
      expect(statuses).toHaveLength(2);
      expect(statuses[0].from).toBe('proposed');
      expect(statuses[1].from).toBe(statuses[0].to);
    }
  });

  it('never writes an edit back into a comment deleted at the same moment, and records a thread resolved twice once', async () => {
    const plan = plans[0];
    for (let round = 0; round < 6; round++) {
      const comment = (await member.post(`/api/documents/${plan}/comments`, { body: `Observación ${round}` })).body.comment.id as string;
      const [edit, removal] = await Promise.all([member.patch(`/api/comments/${comment}`, { body: `Observación ${round}, corregida` }), member.delete(`/api/comments/${comment}`)]);
      expect(removal.status).toBe(204);
      expect([200, 409]).toContain(edit.status);
      if (edit.status === 409) expect(edit.body.error.reason).toBe('comment_deleted');
      // Deleted means the words are gone from the database too, not only hidden by the presenter.
      const [stored] = await server.services.database.db.select({ body: comments.body, deletedAt: comments.deletedAt }).from(comments).where(eq(comments.id, comment));
      expect(stored.deletedAt).not.toBeNull();
      expect(stored.body).toBe('');
    }
    const thread = (await member.post(`/api/documents/${plan}/comments`, { body: 'Hilo por resolver' })).body.comment.id as string;
    const resolves = await Promise.all([member.post(`/api/comments/${thread}/resolve`), fac.post(`/api/comments/${thread}/resolve`), fac.post(`/api/comments/${thread}/resolve`)]);
    expect(resolves.map((r) => r.status)).toEqual([200, 200, 200]);
    const recorded = (await fac.get(`/api/workspaces/${ws}/audit?action=comment.resolved&limit=500`)).body.events.filter((e: { target: { id: string } }) => e.target.id === thread);
    expect(recorded).toHaveLength(1);
  });

  it('applies two updates of one action in turn: each audit event’s `from` is what the other left', async () => {
    const decision = (await member.post(`/api/workspaces/${ws}/decisions`, { title: 'Acuerdo con acciones' })).body.decision.id as string;
    for (let round = 0; round < 4; round++) {
      const action = (await member.post(`/api/decisions/${decision}/actions`, { title: `Acción ${round}`, ownerOrganizationId: world.orgs.SSPC.id, assigneeId: memberId, dueDate: '2099-01-01' })).body.action.id as string;
      const answers = await Promise.all([member.patch(`/api/actions/${action}`, { status: 'done' }), fac.patch(`/api/actions/${action}`, { status: 'cancelled' })]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const events = (await fac.get(`/api/workspaces/${ws}/audit?action=action.updated&limit=500`)).body.events
        .filter((e: { target: { id: string } }) => e.target.id === action)
        .reverse()
        .map((e: { changes: { status: { from: string; to: string } } }) => e.changes.status);
      expect(events).toHaveLength(2);
      expect(events[0].from).toBe('open');
      expect(events[1].from).toBe(events[0].to);
    }
  });
});

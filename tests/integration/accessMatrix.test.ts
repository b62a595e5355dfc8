/**
 * Need-to-know, everywhere: every route of the OpenAPI document (read at test time, so new routes are
 * covered automatically) is called by seven kinds of caller and must answer exactly what
 * tests/helpers/accessTable.ts says; then the plan socket and Socket.IO rooms get the same treatment.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActivities } from '../../shared/planModel.js';
import { ACCESS_TABLE, defaultCase, defaultParam, type RouteCase } from '../helpers/accessTable.js';
import { buildAccessWorld, CALLERS, openApiOperations, type AccessWorld, type Caller } from '../helpers/accessWorld.js';
import { Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { addActivity } from '../helpers/matrix.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { closeCode, connectEvents, connectYjs, rawSocket, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ERROR_CODES: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };
const WITHOUT_BODY = new Set(['GET', 'DELETE']);

/** Fills `{param}`s from the case, then the defaults; undefined when a record the route needs was never created. */
function fillPath(path: string, c: RouteCase, a: AccessWorld): string | undefined {
  const given = c.params?.(a.ids) ?? {};
  let missing = false;
  const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = name in given ? given[name] : defaultParam(path, name, a.ids);
    if (!value) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : filled;
}

function activityIds(doc: import('yjs').Doc): string[] {
  return getActivities(doc)
    .toArray()
    .map((row) => String(row.get('id')));
}

describe.each(BACKENDS)('authorization matrix on $name', (backend) => {
  let server: TestServer;
  let a: AccessWorld;

  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    a = await buildAccessWorld(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers every route of the OpenAPI document, for every kind of caller, exactly as the table says', async () => {
    const operations = await openApiOperations(server.url);
    expect(operations.length).toBeGreaterThan(20);
    const problems: string[] = [];
    let n = 0;
    for (const op of operations) {
      const c = ACCESS_TABLE[op.key] ?? defaultCase(op.method, op.path, op.requiredQuery);
      if (!c) {
        problems.push(`no expectation for ${op.key} (add one to tests/helpers/accessTable.ts)`);
        continue;
      }
      const path = fillPath(op.path, c, a);
      if (!path) {
        problems.push(`${op.key}: the world has no record for its path parameters (create one in tests/helpers/accessWorld.ts)`);
        continue;
      }
      const url = path + (c.query ? `?${c.query(a.ids)}` : '');
      for (const caller of CALLERS) {
        const api = caller !== 'anonymous' && c.freshSession ? await a.signInAgain(caller) : a.api[caller];
        const body = WITHOUT_BODY.has(op.method) ? undefined : (c.body?.(a.ids, caller, ++n) ?? {});
        const res = await api.request(op.method, url, body);
        const want = c.expect[caller];
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
        if (res.status !== want) {
          problems.push(`${op.key} as ${caller}: expected ${want}, got ${res.status} ${text.slice(0, 160)}`);
          continue;
        }
        const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
        if (ERROR_CODES[want] && code !== ERROR_CODES[want]) problems.push(`${op.key} as ${caller}: ${want} with error code ${code}, expected ${ERROR_CODES[want]}`);
        if ((caller === 'outsider' || caller === 'admin') && a.secrets.some((s) => text.includes(s))) {
          problems.push(`${op.key} as ${caller}: the answer names the working group: ${text.slice(0, 160)}`);
        }
      }
    }
    const stale = Object.keys(ACCESS_TABLE).filter((key) => !operations.some((op) => op.key === key));
    problems.push(...stale.map((key) => `stale expectation for ${key}: no such route in the OpenAPI document`));
    expect(problems).toEqual([]);
  });

  it('serves health and the OpenAPI document without a token', async () => {
    const anon = new Api(server.url);
    const health = await anon.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: backend.name });
    const openapi = await anon.get('/api/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.paths['/api/workspaces/{id}'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(openapi.body.paths['/api/auth/login'].post.security).toEqual([]);
    for (const path of ['/api/health', '/metrics', '/api/openapi.json']) expect(openapi.body.paths[path]?.get.security, path).toEqual([]);
  });

  it('the plan socket: 4401 without a token, 4403 for outsiders and non-member admins, 4404 for no plan, read-only for observers', async () => {
    const doc = a.ids.documentId;
    const at = (id: string, caller?: Caller) => `${server.wsUrl}/yjs/${id}${caller ? `?token=${a.api[caller].token}` : ''}`;
    expect(await closeCode(rawSocket(at(doc)))).toBe(4401);
    expect(await closeCode(rawSocket(`${server.wsUrl}/yjs/${doc}?token=not-a-token`))).toBe(4401);
    expect(await closeCode(rawSocket(at(doc, 'outsider')))).toBe(4403);
    expect(await closeCode(rawSocket(at(doc, 'admin')))).toBe(4403);
    expect(await closeCode(rawSocket(at('doc_missing', 'member')))).toBe(4404);

    const writer = connectYjs(server.wsUrl, doc, a.api.member.token);
    const observer = connectYjs(server.wsUrl, doc, a.api.observer.token);
    await Promise.all([waitSynced(writer), waitSynced(observer)]);
    addActivity(observer, { id: 'row-by-observer', title: 'No debe guardarse' });
    addActivity(writer, { id: 'row-by-member', title: 'Sí se guarda' });
    await waitFor(() => activityIds(observer.doc).includes('row-by-member'), 5000, 'the observer receives the member’s edit');
    const fresh = connectYjs(server.wsUrl, doc, a.api.facilitator.token);
    await waitSynced(fresh);
    expect(activityIds(fresh.doc)).toContain('row-by-member');
    expect(activityIds(fresh.doc)).not.toContain('row-by-observer');
    expect(activityIds(writer.doc)).not.toContain('row-by-observer');
    // Dropped writes do not cost the observer the connection.
    expect(observer.provider.wsconnected).toBe(true);
    for (const c of [writer, observer, fresh]) c.destroy();
  });

  it('Socket.IO: outsiders and non-member admins cannot join, and an outsider hears nothing of a burst of writes', async () => {
    const sockets: Socket[] = [];
    try {
      const { ids } = a;
      const outsider = await connectEvents(server.url, a.api.outsider.token!, ids.otherWorkspaceId);
      const admin = await connectEvents(server.url, a.api.admin.token!);
      const member = await connectEvents(server.url, a.api.member.token!, ids.workspaceId);
      sockets.push(outsider, admin, member);
      for (const s of [outsider, admin]) {
        const ack = (await s.timeout(5000).emitWithAck('workspace:join', { workspaceId: ids.workspaceId })) as { ok?: boolean; error?: { code: string } };
        expect(ack).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
        const presence = (await s.timeout(5000).emitWithAck('presence:update', { workspaceId: ids.workspaceId, state: 'active' })) as { error?: unknown };
        expect(presence.error).toBeDefined();
      }
      // With no payload at all the acknowledgement comes first in the arguments; it is still answered.
      for (const event of ['workspace:join', 'presence:update']) {
        const bare = (await outsider.timeout(5000).emitWithAck(event)) as { error?: { code: string } };
        expect(bare.error?.code, event).toBe('validation_failed');
      }
      const heardByOutsider: Array<{ event: string; payload: unknown }> = [];
      const heardByAdmin: Array<{ event: string; payload: unknown }> = [];
      const heardByMember: string[] = [];
      outsider.onAny((event: string, payload: unknown) => heardByOutsider.push({ event, payload }));
      admin.onAny((event: string, payload: unknown) => heardByAdmin.push({ event, payload }));
      member.onAny((event: string) => heardByMember.push(event));

      // The burst: a write of every kind the group's room hears about, plus a plan edit and presence.
      const fac = a.api.facilitator;
      const w = ids.workspaceId;
      const burst: Array<Promise<{ status: number }>> = [
        fac.patch(`/api/workspaces/${w}`, { description: 'Ráfaga de cambios' }),
        fac.put(`/api/workspaces/${w}/members/${ids.spareUserId}`, { role: 'member' }),
      ];
      if (a.routes.has('POST /api/workspaces/{id}/decisions')) burst.push(fac.post(`/api/workspaces/${w}/decisions`, { title: 'Decisión de la ráfaga' }));
      if (ids.decisionId) burst.push(a.api.focal.put(`/api/decisions/${ids.decisionId}/stances/${ids.focalOrganizationId}`, { stance: 'object', reason: 'Falta presupuesto' }));
      if (ids.commentId) burst.push(fac.post(`/api/documents/${ids.documentId}/comments`, { body: 'Comentario de la ráfaga', parentId: ids.commentId }));
      if (ids.meetingId) burst.push(fac.put(`/api/meetings/${ids.meetingId}/current-item`, { index: 0 }));
      if (ids.actionId) burst.push(fac.patch(`/api/actions/${ids.actionId}`, { status: 'done' }));
      if (a.routes.has('POST /api/documents/{id}/versions')) burst.push(fac.post(`/api/documents/${ids.documentId}/versions`, { name: 'Versión de la ráfaga' }));
      const results = await Promise.all(burst);
      expect(results.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true);
      const plan = connectYjs(server.wsUrl, ids.documentId, fac.token);
      await waitSynced(plan);
      addActivity(plan, { id: 'row-of-the-burst', title: 'Actividad de la ráfaga' });
      const facEvents = await connectEvents(server.url, fac.token!, w);
      sockets.push(facEvents);
      await facEvents.timeout(5000).emitWithAck('presence:update', { workspaceId: w, documentId: ids.documentId, state: 'active' });

      // The member (positive control) hears the burst, including the save of the plan edit.
      await waitFor(() => ['workspace:updated', 'member:updated', 'document:saved', 'presence:updated'].every((e) => heardByMember.includes(e)), 10_000, 'the member hears the burst');
      if (ids.decisionId) await waitFor(() => ['decision:created', 'stance:recorded'].every((e) => heardByMember.includes(e)), 5000, 'decision events');
      if (ids.commentId) await waitFor(() => heardByMember.includes('comment:created'), 5000, 'comment:created');
      if (ids.meetingId) await waitFor(() => heardByMember.includes('meeting:updated'), 5000, 'meeting:updated');
      if (ids.actionId) await waitFor(() => heardByMember.includes('action:updated'), 5000, 'action:updated');
      // The outsider's own room may speak about the outsider's group only; nothing about this one.
      await new Promise((r) => setTimeout(r, 300));
      const leaks = [...heardByOutsider, ...heardByAdmin].filter((e) => JSON.stringify(e).includes(w) || a.secrets.some((s) => JSON.stringify(e).includes(s)) || JSON.stringify(e).includes(ids.documentId));
      expect(leaks).toEqual([]);
      expect(heardByAdmin).toEqual([]);
      plan.destroy();
    } finally {
      for (const s of sockets) s.close();
    }
  });
});

/**
 * Idempotency-Key on creating requests: a retry after a lost reply gets the first answer instead of a second
 * decision, action or comment. The answer is stored in the transaction of the change; a key is per person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.each(BACKENDS)('Idempotency-Key on $name', (backend) => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function decision() {
    const fac = await world.user('Fernanda', 'UNODC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(fac.api);
    await world.addMember(ws, fac.api, beto.id, 'member');
    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo común' });
    expect(created.status).toBe(201);
    return { fac, beto, ws, decisionId: created.body.decision.id as string };
  }

  it('answers a retried action with the first one, byte for byte, and creates it once', async () => {
    const { fac, ws, decisionId } = await decision();
    const body = { title: 'Redactar borrador', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2027-03-01' };
    const key = { 'idempotency-key': 'a1b2c3d4-0001' };
    const first = await fac.api.request('POST', `/api/decisions/${decisionId}/actions`, body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retry = await fac.api.request('POST', `/api/decisions/${decisionId}/actions`, body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);

    const detail = await fac.api.get(`/api/decisions/${decisionId}`);
    expect(detail.body.actions.map((a: { title: string }) => a.title)).toEqual(['Redactar borrador']);
    const audit = await fac.api.get(`/api/workspaces/${ws}/audit?limit=100`);
    expect(audit.body.events.filter((e: { action: string }) => e.action === 'action.created')).toHaveLength(1);

    // The same key for another request is refused and changes nothing; a new key is a new action.
    const reused = await fac.api.request('POST', `/api/decisions/${decisionId}/actions`, { ...body, title: 'Otra acción' }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.reason).toBe('idempotency_key_reused');
    const second = await fac.api.request('POST', `/api/decisions/${decisionId}/actions`, body, { 'idempotency-key': 'a1b2c3d4-0002' });
    expect(second.status).toBe(201);
    expect(second.body.action.id).not.toBe(first.body.action.id);
    expect((await fac.api.get(`/api/decisions/${decisionId}`)).body.actions).toHaveLength(2);
  });

  it('runs concurrent requests with one key once', async () => {
    const { fac, ws } = await decision();
    const key = { 'idempotency-key': 'same-key-at-once' };
    const sent = await Promise.all(
      Array.from({ length: 4 }, () => fac.api.request('POST', `/api/workspaces/${ws}/decisions`, { title: 'Decisión enviada cuatro veces' }, key)),
    );
    expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(sent.map((r) => r.body.decision.id)).size).toBe(1);
    expect(sent.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    const titles = (await fac.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions.map((d: { title: string }) => d.title);
    expect(titles.filter((t: string) => t === 'Decisión enviada cuatro veces')).toHaveLength(1);
  });

  it('keeps keys per person, stores nothing for a refused request, and refuses a malformed key', async () => {
    const { fac, beto, decisionId } = await decision();
    const key = { 'idempotency-key': 'shared-by-chance' };
    const mine = await fac.api.request('POST', `/api/decisions/${decisionId}/actions`, { title: 'De Fernanda', ownerOrganizationId: world.orgs.UNODC.id, dueDate: '2027-01-01' }, key);
    // Beto's request with the same key and body is his own: not Fernanda's answer.
    const his = await beto.api.request('POST', `/api/decisions/${decisionId}/actions`, { title: 'De Fernanda', ownerOrganizationId: world.orgs.UNODC.id, dueDate: '2027-01-01' }, key);
    expect([mine.status, his.status]).toEqual([201, 201]);
    expect(his.headers.get('idempotent-replayed')).toBeNull();
    expect(his.body.action.id).not.toBe(mine.body.action.id);

    // A refused request stores no answer: fixed and sent again with the same key, it runs.
    const bad = { title: 'Sin fecha', ownerOrganizationId: world.orgs.FGR.id, dueDate: 'pronto' };
    const retryKey = { 'idempotency-key': 'fix-and-retry' };
    expect((await fac.api.request('POST', `/api/decisions/${decisionId}/actions`, bad, retryKey)).status).toBe(400);
    const fixed = await fac.api.request('POST', `/api/decisions/${decisionId}/actions`, { ...bad, dueDate: '2027-02-02' }, retryKey);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();

    for (const malformed of ['', 'con espacio', 'x'.repeat(201), 'ñ']) {
      const res = await fac.api.request('POST', `/api/decisions/${decisionId}/actions`, { title: 'Nunca', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2027-01-01' }, { 'idempotency-key': malformed });
      expect(res.status, JSON.stringify(malformed)).toBe(400);
      expect(res.body.error.details[0].path).toBe('headers.idempotency-key');
    }
    const titles = (await fac.api.get(`/api/decisions/${decisionId}`)).body.actions.map((a: { title: string }) => a.title);
    expect(titles.sort()).toEqual(['De Fernanda', 'De Fernanda', 'Sin fecha']);
  });
});

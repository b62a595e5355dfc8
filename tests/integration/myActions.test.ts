/**
 * "Mis acciones" (GET /api/me/actions): one person's follow-up actions across all their working groups — assigned
 * to them, or with `scope=organization` also their organization's that nobody has taken — of one status, earliest due
 * first, each naming its group and decision; never anything of a group they are not (or no longer) in.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { actions as actionsTable } from '../../db/schema.js';
import { myAction } from '../../server/http/responses/decisions.js';
import { MY_ACTIONS_LIMIT } from '../../shared/myActions.js';
import { Api, type ApiResponse } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';

const answer = z.strictObject({ actions: z.array(myAction), truncated: z.boolean() });
type Answer = z.infer<typeof answer>;

/** The caller's list, checked against the documented schema. */
async function mine(api: Api, query = ''): Promise<Answer> {
  const res = await api.get(`/api/me/actions${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return answer.parse(res.body);
}

const titles = (a: Answer) => a.actions.map((x) => x.title);

describe.each(BACKENDS)('my actions across groups on $name', (backend) => {
  const h = useServerWorld(backend);

  /**
   * Fabiola (UNODC) facilitates three groups. Ana (SSPC) is in «Mesa de armas» and «Mesa de trata», not in «Mesa
   * ajena»; Beto (SSPC) is in «Mesa de armas» too.
   */
  async function groups() {
    const fac = await h.world.user('Fabiola Facilitadora', 'UNODC');
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'SSPC');
    const arms = await h.world.workspace(fac.api, 'Mesa de armas');
    const trafficking = await h.world.workspace(fac.api, 'Mesa de trata');
    const foreign = await h.world.workspace(fac.api, 'Mesa ajena');
    await h.world.addMember(arms, fac.api, ana.id, 'member');
    await h.world.addMember(arms, fac.api, beto.id, 'member');
    await h.world.addMember(trafficking, fac.api, ana.id, 'member');
    const decide = async (ws: string, title: string): Promise<string> => {
      const res = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title });
      expect(res.status).toBe(201);
      return res.body.decision.id;
    };
    const act = async (decisionId: string, title: string, owner: string, dueDate: string, assigneeId?: string, status?: 'done' | 'cancelled') => {
      const res = await fac.api.post(`/api/decisions/${decisionId}/actions`, { title, ownerOrganizationId: h.world.orgs[owner].id, dueDate, ...(assigneeId ? { assigneeId } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      if (status) expect((await fac.api.patch(`/api/actions/${res.body.action.id}`, { status })).status).toBe(200);
      return res.body.action.id as string;
    };
    return { fac, ana, beto, arms, trafficking, foreign, decide, act };
  }

  it('lists the caller’s actions of two groups by due date then creation, with group and decision; their organization’s unassigned ones on asking', async () => {
    const { fac, ana, beto, arms, trafficking, foreign, decide, act } = await groups();
    const routes = await decide(arms, 'Mapa de rutas de tráfico de armas');
    await decide(trafficking, 'Acuerdo previo');
    const shelters = await decide(trafficking, 'Red de albergues');
    const elsewhere = await decide(foreign, 'Acuerdo ajeno');

    const late = await act(routes, 'Enviar registros de aseguramientos', 'SSPC', '2020-01-15', ana.id);
    await act(routes, 'Cruzar registros con aduanas', 'SSPC', '2099-05-01');
    await act(routes, 'Tarea de Beto', 'SSPC', '2099-01-01', beto.id);
    await act(routes, 'Tarea sin asignar de la FGR', 'FGR', '2099-01-01');
    await act(routes, 'Informe entregado', 'SSPC', '2099-01-01', ana.id, 'done');
    await act(shelters, 'Visitar albergue de Tapachula', 'SSPC', '2099-02-01', ana.id);
    await act(shelters, 'Visitar albergue de Tijuana', 'SSPC', '2099-02-01', ana.id);
    await act(shelters, 'Taller suspendido', 'SSPC', '2099-03-01', ana.id, 'cancelled');
    // In a group Ana is not in: her organization's, nobody's yet. Never hers to see.
    await act(elsewhere, 'Acción de una mesa ajena', 'SSPC', '2020-01-01');

    const open = await mine(ana.api);
    expect(titles(open)).toEqual(['Enviar registros de aseguramientos', 'Visitar albergue de Tapachula', 'Visitar albergue de Tijuana']);
    expect(open.truncated).toBe(false);
    const first = open.actions[0];
    expect(first).toMatchObject({ id: late, workspaceId: arms, decisionId: routes, workspaceName: 'Mesa de armas', decisionRef: 'D-1', decisionTitle: 'Mapa de rutas de tráfico de armas', status: 'open', overdue: true, assigneeId: ana.id, dueDate: '2020-01-15' });
    expect(open.actions[1]).toMatchObject({ workspaceName: 'Mesa de trata', decisionRef: 'D-2', decisionTitle: 'Red de albergues', overdue: false });
    // The defaults said aloud give the same answer.
    expect(titles(await mine(ana.api, '?status=open&scope=mine'))).toEqual(titles(open));

    // Her organization's that nobody has taken join in, by due date; not Beto's, not another organization's.
    expect(titles(await mine(ana.api, '?scope=organization'))).toEqual([
      'Enviar registros de aseguramientos',
      'Visitar albergue de Tapachula',
      'Visitar albergue de Tijuana',
      'Cruzar registros con aduanas',
    ]);
    // Beto sees his own, and with his organization's the unassigned one of the same group.
    expect(titles(await mine(beto.api))).toEqual(['Tarea de Beto']);
    expect(titles(await mine(beto.api, '?scope=organization'))).toEqual(['Tarea de Beto', 'Cruzar registros con aduanas']);

    expect(titles(await mine(ana.api, '?status=done'))).toEqual(['Informe entregado']);
    expect(titles(await mine(ana.api, '?status=cancelled&scope=organization'))).toEqual(['Taller suspendido']);
    expect((await mine(ana.api, '?status=done')).actions[0]).toMatchObject({ status: 'done', overdue: false, decisionRef: 'D-1' });
    // Closed ones come latest first: what was just done leads, and a long history past the limit loses its oldest.
    await act(routes, 'Informe anterior', 'SSPC', '2098-06-01', ana.id, 'done');
    await act(shelters, 'Informe más reciente', 'SSPC', '2099-06-01', ana.id, 'done');
    expect(titles(await mine(ana.api, '?status=done'))).toEqual(['Informe más reciente', 'Informe entregado', 'Informe anterior']);

    // Fabiola assigned them all and is assigned none.
    expect(titles(await mine(fac.api, '?scope=organization'))).toEqual([]);
  });

  it('drops a group’s actions once the person is removed from it, and brings them back when they return', async () => {
    const { fac, ana, arms, trafficking, decide, act } = await groups();
    await act(await decide(arms, 'Mapa de rutas'), 'Enviar registros', 'SSPC', '2099-01-10', ana.id);
    await act(await decide(trafficking, 'Red de albergues'), 'Visitar albergue', 'SSPC', '2099-01-20', ana.id);
    await act(await decide(arms, 'Capacitación'), 'Sin asignar en armas', 'SSPC', '2099-01-30');
    expect(titles(await mine(ana.api, '?scope=organization'))).toEqual(['Enviar registros', 'Visitar albergue', 'Sin asignar en armas']);

    expect((await fac.api.delete(`/api/workspaces/${arms}/members/${ana.id}`)).status).toBe(204);
    // Still assigned on record, but not hers to see any more: nothing of «Mesa de armas», in either scope or status.
    for (const query of ['', '?scope=organization', '?status=done', '?status=cancelled&scope=organization']) {
      const list = await mine(ana.api, query);
      expect(list.actions.filter((a) => a.workspaceId === arms)).toEqual([]);
      expect(JSON.stringify(list)).not.toContain('Mesa de armas');
    }
    expect(titles(await mine(ana.api, '?scope=organization'))).toEqual(['Visitar albergue']);

    await h.world.addMember(arms, fac.api, ana.id, 'observer');
    expect(titles(await mine(ana.api))).toEqual(['Enviar registros', 'Visitar albergue']);
  });

  it('says when the list stops at its bound', async () => {
    const { fac, ana, trafficking, decide, act } = await groups();
    const decisionId = await decide(trafficking, 'Seguimiento masivo');
    await act(decisionId, 'La primera', 'SSPC', '2020-01-01', ana.id);
    // Written straight to the table: hundreds of requests would only slow the test down.
    const rows = Array.from({ length: MY_ACTIONS_LIMIT }, (_, i) => ({
      id: `act_bulk_${backend.name}_${i}`,
      workspaceId: trafficking,
      decisionId,
      title: `Acción ${i}`,
      ownerOrganizationId: h.world.orgs.SSPC.id,
      assigneeId: ana.id,
      dueDate: '2099-06-01',
    }));
    await h.server.services.database.db.insert(actionsTable).values(rows);
    const list = await mine(ana.api);
    expect(list.actions).toHaveLength(MY_ACTIONS_LIMIT);
    expect(list.truncated).toBe(true);
    expect(list.actions[0].title).toBe('La primera');
    // Fabiola, who has none, is not told of a bound.
    expect((await mine(fac.api)).truncated).toBe(false);
  });

  it('refuses the signed-out caller and a query it does not know', async () => {
    const { ana } = await groups();
    const anonymous: ApiResponse = await new Api(h.server.url).get('/api/me/actions');
    expect([anonymous.status, anonymous.body.error]).toMatchObject([401, { code: 'unauthenticated' }]);
    for (const [query, path] of [
      ['?status=late', 'status'],
      ['?scope=everyone', 'scope'],
    ]) {
      const res = await ana.api.get(`/api/me/actions${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });
});

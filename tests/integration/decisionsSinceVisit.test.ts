/**
 * "Since your last visit" tells the reader about the plan's decisions: those others proposed, moved to another status
 * or recorded stances on since the visit; not the reader's own doing, not another plan's decisions, and never which
 * stance an organization took while stances stay hidden.
 */
import { describe, expect, it } from 'vitest';
import { changesSinceVisit, planSinceVisit } from '../../server/http/responses/participation.js';
import type { Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';

interface Proposed {
  id: string;
  ref: string;
}

describe.each(BACKENDS)('decisions since the last visit on $name', (backend) => {
  const h = useServerWorld(backend);

  /** Ana (SSPC) facilitates; Beto (FGR) is FGR's focal point; Eli (SSPC) is a member. Two plans in the group. */
  async function group() {
    const ana = await h.world.user('Ana', 'SSPC');
    const beto = await h.world.user('Beto', 'FGR');
    const eli = await h.world.user('Eli', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member', true);
    await h.world.addMember(ws, ana.api, eli.id, 'member');
    const plan = await h.world.document(ana.api, ws);
    const otherPlan = await h.world.document(ana.api, ws);
    const propose = async (api: Api, title: string, extra: Record<string, unknown> = {}): Promise<Proposed> => {
      const res = await api.post(`/api/workspaces/${ws}/decisions`, { title, ...extra });
      expect(res.status).toBe(201);
      return { id: res.body.decision.id, ref: res.body.decision.ref };
    };
    /**
     * The caller's changes since their visit to the plan, checked against the documented response schema; the group's
     * summary (GET /api/workspaces/:id/changes-since-visit) must count the same decisions for the plan.
     */
    const changes = async (api: Api) => {
      const res = await api.get(`/api/documents/${plan}/changes-since-visit`);
      expect(res.status).toBe(200);
      const perPlan = changesSinceVisit.parse(res.body);
      const summary = await api.get(`/api/workspaces/${ws}/changes-since-visit`);
      expect(summary.status).toBe(200);
      const line = summary.body.plans.map((p: unknown) => planSinceVisit.parse(p)).find((p: { documentId: string }) => p.documentId === plan);
      expect(line.decisions).toBe(perPlan.decisions.length);
      return perPlan;
    };
    const visit = async (api: Api) => expect((await api.post(`/api/documents/${plan}/visit`)).status).toBe(200);
    return { ana, beto, eli, ws, plan, otherPlan, propose, changes, visit };
  }

  it('lists a decision another person proposed on the plan since the visit; not the reader’s own, an older one, or another plan’s', async () => {
    const { ana, beto, plan, otherPlan, propose, changes, visit } = await group();
    expect((await changes(beto.api)).decisions).toEqual([]);
    await propose(ana.api, 'Acuerdo anterior a la visita', { documentId: plan });
    await visit(beto.api);
    const theirs = await propose(ana.api, 'Protocolo común de cadena de custodia', { documentId: plan });
    await propose(beto.api, 'Propuesta del propio lector', { documentId: plan });
    await propose(ana.api, 'Acuerdo de otro plan', { documentId: otherPlan });
    await propose(ana.api, 'Acuerdo sin plan');
    expect((await changes(beto.api)).decisions).toEqual([
      { id: theirs.id, ref: 'D-2', title: 'Protocolo común de cadena de custodia', status: 'proposed', created: true, statusChanged: false, stancesRecorded: 0 },
    ]);
    // Once seen (a new visit), it is no longer news.
    await visit(beto.api);
    expect((await changes(beto.api)).decisions).toEqual([]);
  });

  it('lists status changes and stances others recorded since the visit, counting organizations; the reader’s own are not news', async () => {
    const { ana, beto, plan, otherPlan, propose, changes, visit } = await group();
    const closed = await propose(ana.api, 'Calendario de sesiones', { documentId: plan });
    const voted = await propose(ana.api, 'Matriz de indicadores', { documentId: plan });
    const betos = await propose(ana.api, 'Glosario común', { documentId: plan });
    const renamed = await propose(ana.api, 'Calendario provisional', { documentId: plan });
    const elsewhere = await propose(ana.api, 'Acuerdo de otro plan', { documentId: otherPlan });
    await visit(ana.api);
    await visit(beto.api);
    const stance = async (api: Api, decision: Proposed, organization: string, value: string) =>
      expect((await api.put(`/api/decisions/${decision.id}/stances/${h.world.orgs[organization].id}`, { stance: value })).status).toBe(200);
    expect((await ana.api.patch(`/api/decisions/${closed.id}`, { status: 'agreed' })).status).toBe(200);
    // A new title is not news here (the decision's page shows it).
    expect((await ana.api.patch(`/api/decisions/${renamed.id}`, { title: 'Calendario definitivo', body: 'Fechas' })).status).toBe(200);
    // SSPC's stance recorded and then changed, FGR's recorded on its behalf: two organizations.
    await stance(ana.api, voted, 'SSPC', 'agree');
    await stance(ana.api, voted, 'SSPC', 'agree_with_conditions');
    await stance(ana.api, voted, 'FGR', 'abstain');
    await stance(beto.api, betos, 'FGR', 'agree');
    await stance(ana.api, elsewhere, 'SSPC', 'agree');
    expect((await ana.api.patch(`/api/decisions/${elsewhere.id}`, { status: 'deferred' })).status).toBe(200);

    expect((await changes(beto.api)).decisions).toEqual([
      { id: closed.id, ref: closed.ref, title: 'Calendario de sesiones', status: 'agreed', created: false, statusChanged: true, stancesRecorded: 0 },
      { id: voted.id, ref: voted.ref, title: 'Matriz de indicadores', status: 'proposed', created: false, statusChanged: false, stancesRecorded: 2 },
    ]);
    // Ana did all of that herself: only Beto's stance is news to her.
    expect((await changes(ana.api)).decisions).toEqual([{ id: betos.id, ref: betos.ref, title: 'Glosario común', status: 'proposed', created: false, statusChanged: false, stancesRecorded: 1 }]);
  });

  it('tells how many stances were recorded on a decision whose stances stay hidden, never which, as the decision itself shows', async () => {
    const { ana, beto, eli, plan, propose, changes, visit } = await group();
    const secret = await propose(ana.api, 'Votación reservada', { documentId: plan, stanceVisibility: 'hidden_until_closed' });
    await visit(eli.api);
    const put = await beto.api.put(`/api/decisions/${secret.id}/stances/${h.world.orgs.FGR.id}`, { stance: 'object', reason: 'Motivo reservado' });
    expect(put.status).toBe(200);

    const seen = await changes(eli.api);
    expect(seen.decisions).toEqual([{ id: secret.id, ref: secret.ref, title: 'Votación reservada', status: 'proposed', created: false, statusChanged: false, stancesRecorded: 1 }]);
    expect(JSON.stringify(seen)).not.toMatch(/object|Motivo reservado|FGR|agree|abstain/);
    // The decision shows Eli as much: that FGR's stance exists, not what it is.
    const shown = (await eli.api.get(`/api/decisions/${secret.id}`)).body;
    expect(shown.stances).toEqual([{ organizationId: h.world.orgs.FGR.id, hidden: true }]);

    // Closed, the stances may be read on the decision; here it is still a count, with the new status.
    expect((await ana.api.patch(`/api/decisions/${secret.id}`, { status: 'rejected' })).status).toBe(200);
    const afterClose = await changes(eli.api);
    expect(afterClose.decisions).toEqual([{ id: secret.id, ref: secret.ref, title: 'Votación reservada', status: 'rejected', created: false, statusChanged: true, stancesRecorded: 1 }]);
    expect(JSON.stringify(afterClose)).not.toMatch(/object|Motivo reservado/);
  });
});

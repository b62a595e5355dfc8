import { afterEach, describe, expect, it } from 'vitest';
import { readActivities } from '../../shared/planModel.js';
import { Api, PASSWORD } from '../helpers/api.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

describe('first run with demo data', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it('creates agencies, two working groups with plans, decisions and a meeting, and shows generated credentials once', async () => {
    server = await startTestServer({ dataDir: tempDir() });
    const anon = new Api(server.url);
    const setup = await anon.post('/api/setup', {
      email: 'enlace@unodc.org',
      password: PASSWORD,
      name: 'Coordinadora',
      organization: { name: 'Oficina de Enlace y Partenariado de UNODC en México', acronym: 'UNODC', level: 'international' },
      demo: true,
    });
    expect(setup.status).toBe(201);
    const creds = setup.body.demoCredentials as Array<{ email: string; password: string; organization: string }>;
    expect(creds.length).toBeGreaterThanOrEqual(6);
    expect(new Set(creds.map((c) => c.password)).size).toBe(creds.length);
    const admin = anon.as(setup.body.token);
    const orgs = (await admin.get('/api/organizations')).body.organizations as Array<{ acronym: string; level: string }>;
    expect(orgs.map((o) => o.level)).toEqual(expect.arrayContaining(['international', 'federal', 'state', 'municipal']));
    const groups = (await admin.get('/api/workspaces')).body.workspaces as Array<{ id: string; name: string }>;
    expect(groups.map((g) => g.name)).toEqual(['Mesa de Lavado de Dinero', 'Mesa de Trata de Personas y Tráfico Ilícito de Migrantes']);

    const sspc = creds.find((c) => c.organization === 'SSPC')!;
    const login = await anon.post('/api/auth/login', { email: sspc.email, password: sspc.password });
    expect(login.status).toBe(200);
    const lucia = anon.as(login.body.token);
    const tdp = groups[1].id;
    const docs = (await lucia.get(`/api/workspaces/${tdp}/documents`)).body.documents as Array<{ id: string }>;
    expect(docs).toHaveLength(1);
    const client = connectYjs(server.wsUrl, docs[0].id, lucia.token);
    await waitSynced(client);
    const acts = readActivities(client.doc);
    expect(acts.map((a) => a.stateCodes[0])).toEqual(['07', '07', '08', '02']);
    client.destroy();
    // Lucía's agency is mentioned in the seeded comment: her inbox has it, and it leads to that comment.
    type Note = { kind: string; workspaceId: string; target: { commentId: string; documentId: string; decisionId: string; title: string } };
    const inbox = (await lucia.get('/api/notifications')).body.notifications as Note[];
    const mentions = inbox.filter((n) => n.kind === 'mention');
    expect(mentions.map((n) => [n.workspaceId, n.target.documentId])).toEqual([[tdp, docs[0].id]]);
    const seeded = (await lucia.get(`/api/documents/${docs[0].id}/comments`)).body.comments as Array<{ id: string }>;
    expect(seeded.map((c) => c.id)).toContain(mentions[0].target.commentId);
    // An open proposal her agency has not answered asks her, as the home page's count says (SSPC answered the other).
    const asks = (notes: Note[]) => notes.filter((n) => n.kind === 'stance_requested').map((n) => [n.workspaceId, n.target.title]).sort();
    expect(inbox.filter((n) => n.kind !== 'mention' && n.kind !== 'stance_requested')).toEqual([]);
    expect(asks(inbox)).toEqual([[groups[0].id, 'Compartir tipologías de lavado entre fiscalías']]);
    // The administrator's agency takes part in both groups and answered neither proposal.
    expect(asks((await admin.get('/api/notifications')).body.notifications as Note[])).toEqual(
      [
        [groups[0].id, 'Compartir tipologías de lavado entre fiscalías'],
        [tdp, 'Adoptar un protocolo común de identificación de víctimas'],
      ].sort(),
    );
    // An objection (and an agreement with conditions) says why, as the form requires.
    const laundering = (await admin.get(`/api/workspaces/${groups[0].id}/decisions`)).body.decisions as Array<{ id: string }>;
    const objected = (await admin.get(`/api/decisions/${laundering[0].id}`)).body.stances as Array<{ stance: string; reason: string }>;
    expect(objected.find((st) => st.stance === 'object')?.reason).toMatch(/datos de investigaciones abiertas/);
    // the money-laundering group is invisible to the municipal police
    const tap = creds.find((c) => c.organization === 'PM-TAP')!;
    const tapApi = anon.as((await anon.post('/api/auth/login', { email: tap.email, password: tap.password })).body.token);
    expect((await tapApi.get(`/api/workspaces/${groups[0].id}`)).status).toBe(404);
  });

  it('uses the admin’s own agency when the demo has it too, rather than making a second one with that acronym', async () => {
    server = await startTestServer({ dataDir: tempDir() });
    const anon = new Api(server.url);
    const setup = await anon.post('/api/setup', {
      email: 'enlace@sspc.gob.mx',
      password: PASSWORD,
      name: 'Admin SSPC',
      organization: { name: 'Secretaría de Seguridad (oficina central)', acronym: 'sspc', level: 'federal' },
      demo: true,
    });
    expect(setup.status).toBe(201);
    const admin = anon.as(setup.body.token);
    const orgs = (await admin.get('/api/organizations')).body.organizations as Array<{ id: string; acronym: string }>;
    const sspc = orgs.filter((o) => o.acronym.toLowerCase() === 'sspc');
    expect(sspc).toHaveLength(1);
    expect(sspc[0].id).toBe(setup.body.user.organizationId);
    // The demo's SSPC people and activities are the admin's agency's.
    const creds = setup.body.demoCredentials as Array<{ email: string; password: string; organization: string }>;
    const lucia = creds.find((c) => c.organization === 'SSPC')!;
    const login = await anon.post('/api/auth/login', { email: lucia.email, password: lucia.password });
    expect(login.body.user.organizationId).toBe(sspc[0].id);
  });
});

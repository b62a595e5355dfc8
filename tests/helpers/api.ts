/** A small REST client for tests, speaking the contract. */

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  /** Sends a request; never throws on HTTP errors (tests assert on status). */
  async request<T = Record<string, any>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = Record<string, any>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, any>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = Record<string, any>>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = Record<string, any>>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T = Record<string, any>>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** A client for another user of the same server. */
  as(token: string): Api {
    return new Api(this.baseUrl, token);
  }
}

export const PASSWORD = 'correct-horse-battery';

export interface World {
  admin: Api;
  adminUser: { id: string; organizationId: string };
  orgs: Record<string, { id: string }>;
  /** Creates a user in an organization and signs them in. */
  user(name: string, orgKey: string, opts?: { isAdmin?: boolean }): Promise<{ api: Api; id: string; organizationId: string; email: string }>;
  workspace(api: Api, name?: string): Promise<string>;
  document(api: Api, workspaceId: string, template?: 'work_plan' | 'blank'): Promise<string>;
  addMember(workspaceId: string, facilitator: Api, userId: string, role: 'facilitator' | 'member' | 'observer', focalPoint?: boolean): Promise<void>;
}

let counter = 0;

/** Sets up an instance: admin + organizations (UNODC, SSPC, FGR, FISCALIA_CHIH, MUN_JUAREZ) and helpers. */
export async function createWorld(baseUrl: string): Promise<World> {
  const anon = new Api(baseUrl);
  const setup = await anon.post('/api/setup', {
    email: 'admin@enlace.test',
    password: PASSWORD,
    name: 'Administradora',
    organization: { name: 'Oficina de Enlace UNODC', acronym: 'UNODC', level: 'international' },
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const admin = anon.as(setup.body.token);
  const orgs: World['orgs'] = { UNODC: { id: setup.body.user.organizationId } };
  for (const [acronym, level, stateCode] of [
    ['SSPC', 'federal', undefined],
    ['FGR', 'federal', undefined],
    ['FGE-CHIH', 'state', '08'],
    ['MUN-JUAREZ', 'municipal', '08'],
  ] as const) {
    const r = await admin.post('/api/organizations', { name: acronym, acronym, level, ...(stateCode ? { stateCode } : {}) });
    orgs[acronym] = { id: r.body.organization.id };
  }
  const world: World = {
    admin,
    adminUser: { id: setup.body.user.id, organizationId: setup.body.user.organizationId },
    orgs,
    async user(name, orgKey, opts = {}) {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++counter}@enlace.test`;
      const created = await admin.post('/api/users', { email, name, password: PASSWORD, organizationId: orgs[orgKey].id, isAdmin: opts.isAdmin ?? false });
      if (created.status !== 201) throw new Error(`user failed: ${JSON.stringify(created.body)}`);
      const login = await anon.post('/api/auth/login', { email, password: PASSWORD });
      return { api: anon.as(login.body.token), id: created.body.user.id, organizationId: orgs[orgKey].id, email };
    },
    async workspace(api, name = 'Mesa de trata de personas') {
      const r = await api.post('/api/workspaces', { name, mandateAreas: ['trafficking_in_persons', 'migrant_smuggling'] });
      if (r.status !== 201) throw new Error(`workspace failed: ${JSON.stringify(r.body)}`);
      return r.body.workspace.id;
    },
    async document(api, workspaceId, template = 'work_plan') {
      const r = await api.post(`/api/workspaces/${workspaceId}/documents`, { title: 'Plan de trabajo 2027', template });
      if (r.status !== 201) throw new Error(`document failed: ${JSON.stringify(r.body)}`);
      return r.body.document.id;
    },
    async addMember(workspaceId, facilitator, userId, role, focalPoint = false) {
      const r = await facilitator.put(`/api/workspaces/${workspaceId}/members/${userId}`, { role, focalPoint });
      if (r.status !== 200) throw new Error(`member failed: ${JSON.stringify(r.body)}`);
    },
  };
  return world;
}

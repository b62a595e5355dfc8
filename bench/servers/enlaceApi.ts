/** Bootstraps an Enlace instance over REST: first admin, a workspace, and blank plans to edit. */

export interface EnlaceSession {
  token: string;
  userId: string;
  workspaceId: string;
}

async function call<T>(base: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  // Setting up hundreds of plans runs into the REST rate limit; that is setup, not measurement, so wait and retry.
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status === 429 && attempt < 60) {
      const retryAfter = Number(res.headers.get('retry-after'));
      await new Promise((r) => setTimeout(r, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 2000));
      continue;
    }
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}

/** Creates the first user (instance admin) and one workspace it facilitates. */
export async function bootstrapEnlace(base: string): Promise<EnlaceSession> {
  const setup = await call<{ user: { id: string }; token: string }>(base, 'POST', '/api/setup', {
    email: 'bench@example.org',
    password: 'bench-password-1234',
    name: 'Bench Admin',
    organization: { name: 'Bench Organization', acronym: 'BENCH', level: 'international' },
  });
  const ws = await call<{ workspace: { id: string } }>(
    base,
    'POST',
    '/api/workspaces',
    { name: 'Bench workspace', mandateAreas: ['corruption'] },
    setup.token,
  );
  return { token: setup.token, userId: setup.user.id, workspaceId: ws.workspace.id };
}

/** Creates `count` blank plans in the session's workspace, a few requests at a time. */
export async function createEnlaceDocuments(base: string, session: EnlaceSession, count: number): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const res = await call<{ document: { id: string } }>(
        base,
        'POST',
        `/api/workspaces/${session.workspaceId}/documents`,
        { title: `Bench plan ${i + 1}`, template: 'blank' },
        session.token,
      );
      ids[i] = res.document.id;
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, count) }, worker));
  return ids;
}

/** True once GET url answers 200. */
export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.ok;
  } catch (err) {
    void err;
    return false;
  }
}

/** One gauge from Enlace's Prometheus `/metrics`, or null when absent. */
export async function readMetric(base: string, name: string): Promise<number | null> {
  const res = await fetch(`${base}/metrics`);
  const text = await res.text();
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

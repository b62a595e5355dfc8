/**
 * Search past its first page: every kind's true count, a cursor through every hit exactly once, a kind
 * filter answered by the server (so hits ranked below the first page are found), and need-to-know kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type Api, type ApiResponse } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Page {
  results: Array<{ type: string; id: string; workspaceId: string; title: string }>;
  counts: Record<string, number>;
  total: number;
  nextCursor: string | null;
}

/** Every page of a search, following nextCursor; the keys in order and the pages' answers. */
async function allPages(api: Api, params: string): Promise<{ keys: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const res: ApiResponse<Page> = await api.get<Page>(`/api/search?${params}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
  } while (cursor && pages.length < 50);
  return { keys: pages.flatMap((p) => p.results.map((r) => `${r.type}:${r.id}`)), pages };
}

describe.each(BACKENDS)('search paging on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('counts every kind, pages through every hit once, filters by kind on the server and shows outsiders nothing', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Torres', 'SSPC');
    const xavier = await world.user('Xavier Externo', 'FGR');
    const ws = await world.workspace(ana.api, 'Mesa de fauna');
    const other = await world.workspace(xavier.api, 'Mesa de armas');
    const doc = await world.document(ana.api, ws);

    // 60 decisions rank above the 5 comments (a title weighs more than a comment's body): the comments
    // all fall past a first page of 50, where the old search stopped.
    const decisionIds: string[] = [];
    for (let start = 0; start < 60; start += 10) {
      const created = await Promise.all(
        Array.from({ length: 10 }, (_, k) => {
          const i = start + k;
          return ana.api.post(`/api/workspaces/${ws}/decisions`, { title: `Acuerdo ${i} sobre el pelícano pardo`, ...(i % 3 === 0 ? { body: 'Censo del pelícano en la costa' } : {}) });
        }),
      );
      for (const r of created) {
        expect(r.status).toBe(201);
        decisionIds.push(r.body.decision.id);
      }
    }
    const commentIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await ana.api.post(`/api/documents/${doc}/comments`, { body: `Nota ${i}: vimos un pelícano herido en la playa.` });
      expect(r.status).toBe(201);
      commentIds.push(r.body.comment.id);
    }
    const outsiderOwn = (await xavier.api.post(`/api/workspaces/${other}/decisions`, { title: 'Pelícano decomisado en la aduana' })).body.decision.id;
    const everyHit = [...decisionIds.map((id) => `decision:${id}`), ...commentIds.map((id) => `comment:${id}`)].sort();

    // The first page says how many there are of each kind, and that there is more.
    const first = (await ana.api.get<Page>('/api/search?q=pelicano&limit=50')).body;
    expect(first.results).toHaveLength(50);
    expect(first.counts).toEqual({ plan: 0, activity: 0, decision: 60, action: 0, comment: 5 });
    expect(first.total).toBe(65);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.results.every((r) => r.type === 'decision')).toBe(true);

    // Following the cursor yields every hit exactly once, in the same order whatever the page size.
    const by50 = await allPages(ana.api, 'q=pelicano&limit=50');
    expect(by50.pages.map((p) => p.results.length)).toEqual([50, 15]);
    expect(by50.pages.at(-1)?.nextCursor).toBeNull();
    expect(new Set(by50.keys).size).toBe(65);
    expect([...by50.keys].sort()).toEqual(everyHit);
    expect(by50.keys.slice(-5).sort()).toEqual(commentIds.map((id) => `comment:${id}`).sort());
    const by7 = await allPages(ana.api, 'q=pelicano&limit=7');
    expect(by7.pages).toHaveLength(10);
    expect(by7.keys).toEqual(by50.keys);
    for (const p of by7.pages) expect(p.counts).toEqual(first.counts);

    // A kind filter asks the server for that kind: the five comments, with every kind still counted.
    const onlyComments = (await ana.api.get<Page>('/api/search?q=pelicano&type=comment&limit=50')).body;
    expect(onlyComments.results.map((r) => r.id).sort()).toEqual([...commentIds].sort());
    expect(onlyComments.results.every((r) => r.type === 'comment' && r.title === 'Plan de trabajo 2027')).toBe(true);
    expect(onlyComments).toMatchObject({ counts: first.counts, total: 5, nextCursor: null });
    const onlyDecisions = await allPages(ana.api, 'q=pelicano&type=decision&limit=50');
    expect(onlyDecisions.pages.map((p) => [p.results.length, p.total])).toEqual([
      [50, 60],
      [10, 60],
    ]);
    expect([...onlyDecisions.keys].sort()).toEqual(decisionIds.map((id) => `decision:${id}`).sort());

    // Without the new parameters the answer is what it was: the first 20, best first.
    const plain = (await ana.api.get<Page>('/api/search?q=pelicano')).body;
    expect(plain.results.map((r) => `${r.type}:${r.id}`)).toEqual(by50.keys.slice(0, 20));

    // A cursor only continues the search that gave it; anything else is a 400.
    const commentCursor = (await ana.api.get<Page>('/api/search?q=pelicano&type=comment&limit=2')).body.nextCursor;
    expect(commentCursor).toEqual(expect.any(String));
    expect((await ana.api.get(`/api/search?q=pelicano&type=decision&cursor=${commentCursor}`)).status).toBe(400);
    expect((await ana.api.get(`/api/search?q=pelicanos&cursor=${first.nextCursor}`)).status).toBe(400);
    expect((await ana.api.get(`/api/search?q=pelicano&cursor=${Buffer.from('5000.abcdefghijklmnop').toString('base64url')}`)).status).toBe(400);
    expect((await ana.api.get('/api/search?q=pelicano&cursor=no%20valido')).status).toBe(400);
    expect((await ana.api.get('/api/search?q=pelicano&type=meeting')).status).toBe(400);

    // Need-to-know: the outsider finds only his own group's decision, counted alone, on every page and kind.
    const outsider = await allPages(xavier.api, 'q=pelicano&limit=50');
    expect(outsider.keys).toEqual([`decision:${outsiderOwn}`]);
    expect(outsider.pages[0]).toMatchObject({ counts: { plan: 0, activity: 0, decision: 1, action: 0, comment: 0 }, total: 1, nextCursor: null });
    const outsiderComments = (await xavier.api.get<Page>('/api/search?q=pelicano&type=comment')).body;
    expect(outsiderComments).toEqual({ results: [], counts: { plan: 0, activity: 0, decision: 1, action: 0, comment: 0 }, total: 0, nextCursor: null });
    // Ana's cursor only skips his own hits (it carries an offset, never access to hers).
    const withHerCursor = (await xavier.api.get<Page>(`/api/search?q=pelicano&limit=50&cursor=${first.nextCursor}`)).body;
    expect(withHerCursor.results).toEqual([]);
    expect((await xavier.api.get(`/api/search?q=pelicano&workspaceId=${ws}`)).status).toBe(404);
  });
});

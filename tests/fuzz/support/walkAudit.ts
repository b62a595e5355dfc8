/**
 * The walk's audit ledger: what each working group's trail (and the instance's own) must have gained since it was
 * last read, in order, with the right actor and target. A refused write expects nothing, so a stray entry shows
 * as an unexpected one at the next read.
 */
import type { Api } from '../../helpers/api.js';
import type { ExpectedAudit, Group, WalkModel } from './walkModel.js';

interface AuditEvent {
  id: string;
  actorId: string | null;
  action: string;
  target: { type: string; id: string };
  changes: Record<string, unknown>;
}

interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

function describe(e: { action: string; actorId?: string | null; targetId?: string }, names: (id: string) => string): string {
  return `${e.action} by ${e.actorId ? names(e.actorId) : 'nobody'}${e.targetId ? ` on ${e.targetId}` : ''}`;
}

const PAGE = 25;

export class AuditLedger {
  private readonly pending = new Map<string, ExpectedAudit[]>();
  private readonly seen = new Map<string, number>();
  private instancePending: ExpectedAudit[] = [];
  private instanceSeen = 0;

  constructor(
    private readonly model: WalkModel,
    private readonly admin: Api,
  ) {}

  expect(group: Group, entry: ExpectedAudit): void {
    const list = this.pending.get(group.id) ?? [];
    list.push(entry);
    this.pending.set(group.id, list);
  }

  expectInstance(entry: ExpectedAudit): void {
    this.instancePending.push(entry);
  }

  /** Whether a group's trail still has entries nobody could read yet (no active facilitator). */
  hasPending(group: Group): boolean {
    return (this.pending.get(group.id) ?? []).length > 0;
  }

  /** The instance trail's newest entry so far: a seed starts counting after it. */
  async startInstance(): Promise<void> {
    const page = await this.read(this.admin, '/api/audit?limit=1');
    this.instanceSeen = page.length ? Number(page[0].id) : 0;
    this.instancePending = [];
  }

  /**
   * Compares what the group's trail gained with what was expected. Deferred (nothing read) while the group has no
   * active facilitator: the entries wait for the next read.
   */
  async verify(group: Group, where: string): Promise<void> {
    const reader = this.model.auditReader(group);
    if (!reader) return;
    const seen = this.seen.get(group.id) ?? 0;
    const fresh = await this.readSince(reader.api, `/api/workspaces/${group.id}/audit`, seen, where);
    const expected = this.pending.get(group.id) ?? [];
    this.compare(fresh, expected, `${where}: trail of ${group.key}`);
    this.pending.set(group.id, []);
    if (fresh.length) this.seen.set(group.id, Number(fresh[fresh.length - 1].id));
  }

  async verifyInstance(where: string): Promise<void> {
    const fresh = await this.readSince(this.admin, '/api/audit', this.instanceSeen, where);
    this.compare(fresh, this.instancePending, `${where}: instance trail`);
    this.instancePending = [];
    if (fresh.length) this.instanceSeen = Number(fresh[fresh.length - 1].id);
  }

  /** Events after `seen`, oldest first. */
  private async readSince(api: Api, base: string, seen: number, where: string): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    let cursor: string | null = null;
    // Small pages: a step adds a few entries, and a page of the trail costs its rows' joins.
    for (;;) {
      const page = await this.read(api, `${base}?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`, where);
      const newer = page.filter((e) => Number(e.id) > seen);
      out.push(...newer);
      if (newer.length < page.length || page.length < PAGE) break;
      cursor = page[page.length - 1].id;
    }
    return out.reverse();
  }

  private async read(api: Api, path: string, where = 'audit'): Promise<AuditEvent[]> {
    const res = await api.get<AuditPage>(path);
    if (res.status !== 200) throw new Error(`${where}: reading ${path} answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return res.body.events;
  }

  private compare(actual: AuditEvent[], expected: ExpectedAudit[], where: string): void {
    const names = (id: string) => this.model.people.find((p) => p.id === id)?.key ?? id;
    const problems: string[] = [];
    const n = Math.max(actual.length, expected.length);
    for (let i = 0; i < n; i++) {
      const a = actual[i];
      const e = expected[i];
      if (!a || !e || a.action !== e.action || a.actorId !== e.actorId || (e.targetId !== undefined && a.target.id !== e.targetId)) {
        problems.push(`#${i}: expected ${e ? describe(e, names) : 'nothing'}, got ${a ? describe({ action: a.action, actorId: a.actorId, targetId: a.target.id }, names) : 'nothing'}`);
        continue;
      }
      const bad = e.check?.(a.changes);
      if (bad) problems.push(`#${i} ${a.action}: ${bad} (changes ${JSON.stringify(a.changes).slice(0, 200)})`);
    }
    if (problems.length) {
      const list = (xs: string[]) => xs.join(', ') || 'none';
      throw new Error(
        `${where} differs from the model:\n  ${problems.join('\n  ')}\n  expected: ${list(expected.map((e) => describe(e, names)))}\n  actual: ${list(actual.map((a) => describe({ action: a.action, actorId: a.actorId, targetId: a.target.id }, names)))}`,
      );
    }
  }
}

/**
 * The access walk's core: the server, the model, the audit ledger, everyone's Socket.IO connection, and `call`,
 * which sends one request and holds the answer to the model's prediction (status, error code, no foreign group's
 * words in it, the audit entries a success must leave).
 */
import { STATE_CODES } from '../../../shared/constants.js';
import { Api, PASSWORD, type ApiResponse } from '../../helpers/api.js';
import type { TestServer } from '../../helpers/server.js';
import { AuditLedger } from './walkAudit.js';
import { type ExpectedAudit, type Group, type Person, WalkModel } from './walkModel.js';
import { Rng } from './walkRandom.js';
import { LiveEvents } from './walkSockets.js';

export type Body = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const ERROR_CODES: Record<number, string> = { 400: 'validation_failed', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

export interface Call {
  label: string;
  actor: Person;
  method: Method;
  path: string;
  body?: unknown;
  /** The answer a signed-in caller gets; a deactivated one gets 401 whatever this says. */
  expect: number;
  /** Trails that must have gained exactly the expected entries after the step (a refusal expects none). */
  groups?: Group[];
  /** On success: the entries each group's trail gains, in order. */
  audits?: (body: Body) => Array<[Group, ExpectedAudit]>;
  /** On success: the entries the instance's own trail gains. */
  instance?: (body: Body) => ExpectedAudit[];
  /** Secret words this answer may hold though the caller is not in their group yet (the group being created). */
  allow?: string[];
}

export function textOf(res: ApiResponse<unknown>): string {
  return typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
}

/** Walks started in this process: each takes states of its own, so no walk's rows overlap another's. */
let walks = 0;

export class Walk {
  readonly model = new WalkModel();
  readonly ledger: AuditLedger;
  readonly rng: Rng;
  /** Each person's current Socket.IO connection (none while deactivated). */
  readonly live = new Map<string, LiveEvents>();
  readonly allLive: LiveEvents[] = [];
  readonly touched = new Set<Group>();
  instanceTouched = false;
  step = 0;
  /** The states this walk's activities are placed in. */
  readonly states: string[];
  private readonly trace: string[] = [];
  private tokens = 0;

  constructor(
    readonly server: TestServer,
    readonly seed: number,
    readonly admin: Person,
    /** The instance's organizations (the admin's own first). */
    readonly organizations: string[],
  ) {
    this.rng = new Rng(seed);
    const ordinal = walks++;
    this.states = [0, 1, 2].map((k) => STATE_CODES[(ordinal * 3 + k) % STATE_CODES.length]);
    this.ledger = new AuditLedger(this.model, admin.api);
    this.model.people.push(admin);
    for (const id of organizations) this.model.organizations.set(id, true);
  }

  note(line: string): void {
    this.trace.push(`#${this.step} ${line}`);
    if (this.trace.length > 40) this.trace.shift();
  }

  fail(message: string): never {
    throw new Error(`seed ${this.seed}, step ${this.step}: ${message}\nlast steps:\n  ${this.trace.slice(-16).join('\n  ')}`);
  }

  /** Runs a check whose own error lacks the walk's context. */
  async guard(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (err instanceof Error && err.message.startsWith(`seed ${this.seed}, step`)) throw err;
      this.fail(err instanceof Error ? err.message : String(err));
    }
  }

  /** A word nothing else contains: `sec<seed>g<n>x`. */
  newToken(): string {
    return `sec${this.seed}g${++this.tokens}x`;
  }

  async call(c: Call): Promise<ApiResponse<Body>> {
    const want = c.actor.active ? c.expect : 401;
    this.note(`${c.label} (${c.actor.key}) → expect ${want}`);
    for (const g of c.groups ?? []) this.touched.add(g);
    const res = await c.actor.api.request<Body>(c.method, c.path, c.body);
    const text = textOf(res);
    if (res.status !== want) this.fail(`${c.label} as ${c.actor.key}: expected ${want}, got ${res.status} ${text.slice(0, 300)}`);
    const code = ERROR_CODES[want];
    const error = (res.body as { error?: { code?: string } } | undefined)?.error;
    if (code && error?.code !== code) this.fail(`${c.label}: ${want} with error code ${String(error?.code)}, expected ${code}`);
    this.noForeignWords(c.actor, text, `${c.label}`, c.allow);
    if (want < 300) {
      for (const [g, e] of c.audits?.(res.body) ?? []) {
        this.ledger.expect(g, e);
        this.touched.add(g);
      }
      for (const e of c.instance?.(res.body) ?? []) {
        this.ledger.expectInstance(e);
        this.instanceTouched = true;
      }
    }
    return res;
  }

  /** Need-to-know in content: nothing a person is answered may name a group they are not in. */
  noForeignWords(person: Person, text: string, where: string, allow: string[] = []): void {
    const leaked = this.model.foreignTokens(person).filter((t) => !allow.includes(t) && text.includes(t));
    if (leaked.length) {
      const groups = leaked.map((t) => this.model.groups.find((g) => g.token === t)?.key ?? t);
      this.fail(`${where}: the answer to ${person.key} names ${groups.join(', ')}, which ${person.key} is not in: ${text.slice(0, 300)}`);
    }
  }

  /** After each step: the trails touched gained exactly what was expected, and no socket heard another group. */
  async settle(): Promise<void> {
    for (const g of this.touched) await this.guard(() => this.ledger.verify(g, `after ${g.key}`));
    this.touched.clear();
    if (this.instanceTouched) await this.guard(() => this.ledger.verifyInstance('after step'));
    this.instanceTouched = false;
    const leaks = this.allLive.flatMap((l) => l.leaks()).map((line) => this.model.groups.reduce((text, g) => text.replaceAll(g.id, g.key), line));
    if (leaks.length) this.fail(`live events leaked:\n  ${leaks.join('\n  ')}`);
  }

  /** A new person of the organization: created by the admin, signed in, their Socket.IO connection open. */
  async addPerson(index: number, organizationId: string): Promise<Person> {
    const email = `walk${this.seed}-p${index}@enlace.test`;
    const name = `Persona ${this.seed}-${index}`;
    const res = await this.call({
      label: `create person p${index}`,
      actor: this.admin,
      method: 'POST',
      path: '/api/users',
      body: { email, name, password: PASSWORD, organizationId },
      expect: 201,
      instance: (b) => [{ action: 'user.created', actorId: this.admin.id, targetId: (b.user as { id: string }).id }],
    });
    const id = (res.body.user as { id: string }).id;
    const person: Person = { key: `p${index}`, id, name, email, organizationId, api: new Api(this.server.url), active: true, isAdmin: false };
    this.model.people.push(person);
    await this.signIn(person);
    return person;
  }

  /** Signs the person in (a `session.created` in the instance trail) and opens their Socket.IO connection. */
  async signIn(person: Person): Promise<void> {
    const login = await new Api(this.server.url).post<{ token: string }>('/api/auth/login', { email: person.email, password: PASSWORD });
    if (login.status !== 200) this.fail(`sign-in of ${person.key}: ${login.status} ${JSON.stringify(login.body)}`);
    person.api.token = login.body.token;
    this.ledger.expectInstance({ action: 'session.created', actorId: person.id, targetId: person.id });
    this.instanceTouched = true;
    const live = await LiveEvents.open(this.server.url, login.body.token, person.key, () => this.step);
    this.live.set(person.id, live);
    this.allLive.push(live);
    for (const g of this.model.groupsOf(person)) {
      live.grant(g.id);
      const joined = await live.join(g.id);
      if (joined !== 'ok') this.fail(`${person.key} could not join ${g.key} after signing in: ${joined}`);
    }
  }

  /** The person's socket joins a group they were just let into. */
  async joinLive(person: Person, group: Group): Promise<void> {
    const live = this.live.get(person.id);
    if (!live || !person.active) return;
    const joined = await live.join(group.id);
    if (joined !== 'ok') this.fail(`${person.key} could not join ${group.key}: ${joined}`);
  }

  /** Call before a request expected to let the person into the group: its events may reach them from then on. */
  grantLive(person: Person, group: Group): void {
    this.live.get(person.id)?.grant(group.id);
  }

  close(): void {
    for (const l of this.allLive) l.close();
  }
}

/**
 * The access walk's model of the world: who belongs where, in which role, and the records of each working group,
 * as the contract says they should be. The walk predicts every answer from it and compares.
 */
import type { MandateArea } from '../../../shared/constants.js';
import type { Api } from '../../helpers/api.js';

export type Role = 'facilitator' | 'member' | 'observer';
export const ROLES: readonly Role[] = ['facilitator', 'member', 'observer'];
export type Permission = 'read' | 'edit' | 'comment' | 'propose' | 'decide' | 'manageMembers' | 'viewAudit';

/** The contract's roles: facilitators do everything, members edit and propose, observers read and comment. */
const GRANTS: Record<Role, readonly Permission[]> = {
  facilitator: ['read', 'edit', 'comment', 'propose', 'decide', 'manageMembers', 'viewAudit'],
  member: ['read', 'edit', 'comment', 'propose'],
  observer: ['read', 'comment'],
};

export interface Person {
  /** p0, p1…: how traces name the person (ids differ from run to run). */
  key: string;
  id: string;
  name: string;
  email: string;
  organizationId: string;
  api: Api;
  /** False while an admin has the account deactivated: every token of it is dead then. */
  active: boolean;
  isAdmin: boolean;
}

export interface Membership {
  role: Role;
  focalPoint: boolean;
  /** Order of joining (the server names a successor facilitator by it). */
  seq: number;
}

export interface Group {
  key: string;
  id: string;
  name: string;
  /** A word found only in this group's records: what an outsider's answer must never contain. */
  token: string;
  members: Map<string, Membership>;
  /** People removed from the group: outsiders who once were in. */
  former: Set<string>;
  /** When each removal happened (the walk's step), newest last. */
  removals: Array<{ personId: string; step: number }>;
  shareOverlaps: boolean;
  plans: Plan[];
}

export interface Plan {
  key: string;
  id: string;
  group: Group;
  activities: Activity[];
}

export type DecisionStatus = 'proposed' | 'agreed' | 'rejected' | 'deferred' | 'superseded';
export const DECISION_STATUSES: readonly DecisionStatus[] = ['proposed', 'agreed', 'rejected', 'deferred', 'superseded'];
export const STANCES = ['agree', 'agree_with_conditions', 'abstain', 'object'] as const;
export type StanceValue = (typeof STANCES)[number];

export interface StanceRecord {
  stance: StanceValue;
  reason: string;
  castById: string;
  onBehalf: boolean;
}

export interface Decision {
  key: string;
  id: string;
  group: Group;
  createdById: string;
  title: string;
  status: DecisionStatus;
  /** stanceVisibility hidden_until_closed. */
  hidden: boolean;
  stances: Map<string, StanceRecord>;
}

export type ActionStatus = 'open' | 'done' | 'cancelled';
export interface ActionItem {
  key: string;
  id: string;
  decision: Decision;
  status: ActionStatus;
}

export type MeetingStatus = 'scheduled' | 'live' | 'closed' | 'cancelled';
export interface Meeting {
  key: string;
  id: string;
  group: Group;
  status: MeetingStatus;
  /** The agenda item everyone follows (the walk's agendas have two). */
  currentItem: number | null;
  /** Whether the current item's clock runs (it starts with the meeting). */
  itemClock: boolean;
  attendance: string[];
}

/** A single-use link into a group. */
export interface Invitation {
  key: string;
  id: string;
  token: string;
  group: Group;
  role: Role;
  createdById: string;
  /** The walk's step it was made at (someone removed from the group since may not use it). */
  createdStep: number;
  usedById?: string;
  revoked: boolean;
}

export interface Comment {
  key: string;
  id: string;
  plan: Plan;
  authorId: string;
  parentId: string | null;
  threadId: string;
  body: string;
  deleted: boolean;
  /** Meaningful on a thread's root only. */
  resolved: boolean;
}

export interface Version {
  key: string;
  id: string;
  plan: Plan;
  kind: 'named' | 'meeting' | 'auto';
  approvals: Set<string>;
  /** How many activities the plan had when the version was taken (a restore may only bring back the same rows). */
  activityCount: number;
}

export interface Activity {
  id: string;
  plan: Plan;
  family: Family;
  title: string;
  leadOrganizationId: string;
}

/** Activities built to overlap each other and nothing else (their own mandate area and state). */
export interface Family {
  index: number;
  mandateArea: MandateArea;
  stateCode: string;
  activities: Activity[];
  overlapId?: string;
  status: 'open' | 'resolved';
  /** How it was last resolved, once it is. */
  resolution?: 'coordinate' | 'co_lead' | 'merge' | 'not_duplicate';
  /** When the flag must have been raised (the contract: within 2 s of the edit), once both rows exist. */
  settledAt?: number;
  /** The walk's step that completed the pair. */
  pairedAtStep?: number;
}

export interface ExpectedAudit {
  action: string;
  actorId: string;
  /** Undefined when the target's id is not known before the answer (a backup version). */
  targetId?: string;
  /** A problem with the event's `changes`, if any. */
  check?: (changes: Record<string, unknown>) => string | undefined;
}

/** The model: people, groups and records, with the contract's rules as queries. */
export class WalkModel {
  readonly people: Person[] = [];
  readonly groups: Group[] = [];
  readonly decisions: Decision[] = [];
  readonly actions: ActionItem[] = [];
  readonly meetings: Meeting[] = [];
  readonly comments: Comment[] = [];
  readonly versions: Version[] = [];
  readonly invitations: Invitation[] = [];
  readonly families: Family[] = [];
  /**
   * `planId|personId` of everyone who has written into a plan: the server audits a person's edits of a plan once per
   * editing session (15 minutes without one), longer than a walk, so only the first write leaves an entry.
   */
  readonly editedPlans = new Set<string>();
  /** organizationId → active. */
  readonly organizations = new Map<string, boolean>();
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  get plans(): Plan[] {
    return this.groups.flatMap((g) => g.plans);
  }

  get activities(): Activity[] {
    return this.plans.flatMap((p) => p.activities);
  }

  person(id: string): Person {
    const p = this.people.find((x) => x.id === id);
    if (!p) throw new Error(`no person ${id}`);
    return p;
  }

  membership(group: Group, person: Person): Membership | undefined {
    return group.members.get(person.id);
  }

  groupsOf(person: Person): Group[] {
    return this.groups.filter((g) => g.members.has(person.id));
  }

  /** The status a signed-in person meets for `permission` in a group: 404 outside it, 403 without the right. */
  refusal(person: Person, group: Group, permission: Permission): 404 | 403 | undefined {
    const m = group.members.get(person.id);
    if (!m) return 404;
    return GRANTS[m.role].includes(permission) ? undefined : 403;
  }

  can(person: Person, group: Group, permission: Permission): boolean {
    return this.refusal(person, group, permission) === undefined;
  }

  /** Active facilitators of a group, but `except`. */
  activeFacilitators(group: Group, except?: string): Person[] {
    return [...group.members.entries()].filter(([id, m]) => m.role === 'facilitator' && id !== except && this.person(id).active).map(([id]) => this.person(id));
  }

  /** Someone who may read the group's audit trail now. */
  auditReader(group: Group): Person | undefined {
    return this.activeFacilitators(group)[0];
  }

  /** Someone who may read the group now (any role). */
  reader(group: Group): Person | undefined {
    return [...group.members.keys()].map((id) => this.person(id)).find((p) => p.active);
  }

  /** Organizations taking part (not only observing): they cast stances and sign off. */
  participating(group: Group): Set<string> {
    return new Set([...group.members.entries()].filter(([, m]) => m.role !== 'observer').map(([id]) => this.person(id).organizationId));
  }

  /** Organizations with anyone in the group. */
  present(group: Group): Set<string> {
    return new Set([...group.members.keys()].map((id) => this.person(id).organizationId));
  }

  /**
   * The facilitator the server names when `departing` (deactivated) was the group's last active one: an active member
   * of the same organization, else the longest-standing active member; observers never.
   */
  successor(group: Group, departing: Person): Person | undefined {
    const candidates = [...group.members.entries()]
      .filter(([id, m]) => m.role === 'member' && id !== departing.id && this.person(id).active)
      .map(([id, m]) => ({ person: this.person(id), m }));
    candidates.sort((x, y) => {
      const sameX = x.person.organizationId === departing.organizationId ? 0 : 1;
      const sameY = y.person.organizationId === departing.organizationId ? 0 : 1;
      return sameX - sameY || x.m.seq - y.m.seq || (x.person.id < y.person.id ? -1 : 1);
    });
    return candidates[0]?.person;
  }

  /** Whether a person in `memberOf` may see a family's overlap: a side of theirs, and any other side shared. */
  mayViewOverlap(family: Family, memberOf: ReadonlySet<string>): boolean {
    const [a, b] = family.activities;
    if (!a || !b) return false;
    const seeA = memberOf.has(a.plan.group.id);
    const seeB = memberOf.has(b.plan.group.id);
    if (!seeA && !seeB) return false;
    if (!seeA && !a.plan.group.shareOverlaps) return false;
    if (!seeB && !b.plan.group.shareOverlaps) return false;
    return true;
  }

  memberOf(person: Person): Set<string> {
    return new Set(this.groupsOf(person).map((g) => g.id));
  }

  /** Every secret word (group token) a person must not meet: those of groups they are not in. */
  foreignTokens(person: Person): string[] {
    return this.groups.filter((g) => !g.members.has(person.id)).map((g) => g.token);
  }
}

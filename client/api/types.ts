/** Shapes of the REST API as the web app reads them (see the external contract). */
import type {
  ActionStatus,
  DecisionStatus,
  MandateArea,
  MeetingStatus,
  OrganizationLevel,
  Stance,
  WorkspaceRole,
} from '../../shared/constants.js';

export type { MatrixActivity } from '../../shared/matrix.js';

export interface User {
  id: string;
  email: string;
  name: string;
  organizationId: string;
  isAdmin: boolean;
  locale?: string | null;
}

export interface Organization {
  id: string;
  name: string;
  acronym: string;
  level: OrganizationLevel;
  stateCode?: string | null;
  /** false for a deactivated (defunct) agency: shown where it is named, not offered for anything new. */
  active?: boolean;
}

export interface Membership {
  workspaceId: string;
  role: WorkspaceRole;
  focalPoint: boolean;
}

export interface Me {
  user: User;
  organization: Organization | null;
  memberships: Membership[];
}

export interface Workspace {
  id: string;
  name: string;
  description?: string | null;
  mandateAreas: MandateArea[];
  /** Other groups' members see this group's side of an overlap flag (anonymised) when on. */
  shareOverlaps: boolean;
  createdAt?: string;
}

export interface Member {
  userId: string;
  name: string;
  email?: string;
  organizationId: string;
  role: WorkspaceRole;
  focalPoint: boolean;
  /** false only for a deactivated account (someone who left): kept in the list, never suggested. */
  active?: false;
}

export interface Permissions {
  role: WorkspaceRole;
  canEdit: boolean;
  canComment: boolean;
  canPropose: boolean;
  canDecide: boolean;
  canManageMembers: boolean;
  canViewAudit: boolean;
  focalPoint: boolean;
}

export interface WorkspaceDetail {
  workspace: Workspace;
  members: Member[];
  permissions?: Permissions;
}

export interface PlanDocument {
  id: string;
  workspaceId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  organizationId: string;
  /** false for a deactivated account; admins get true for the others, everyone else gets nothing. */
  active?: boolean;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  organizationId: string | null;
  action: string;
  target: unknown;
  changes: unknown;
}

/** How far a decision has come (the register's list): stances cast by the organizations taking part, actions open. */
export interface DecisionProgress {
  stances: number;
  organizations: number;
  openActions: number;
  overdueActions: number;
}

export interface Decision {
  id: string;
  ref: string;
  workspaceId: string;
  title: string;
  body?: string | null;
  status: DecisionStatus;
  documentId?: string | null;
  meetingId?: string | null;
  ownerOrganizationId?: string | null;
  dueDate?: string | null;
  stanceVisibility?: 'open' | 'hidden_until_closed';
  /** While superseded: the decision of the group that replaced it. */
  supersededById?: string | null;
  /** Who proposed it: they (and facilitators) may reword it while it is open. */
  createdById?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface StanceRecord {
  organizationId: string;
  /** Absent while the decision hides stances from this viewer (`hidden: true`). */
  stance?: Stance | null;
  hidden?: boolean;
  reason?: string | null;
  castById?: string | null;
  onBehalf?: boolean;
  updatedAt?: string;
}

export interface DecisionAction {
  id: string;
  decisionId?: string;
  title: string;
  ownerOrganizationId: string;
  assigneeId?: string | null;
  dueDate: string;
  status: ActionStatus;
  overdue?: boolean;
}

export interface DecisionHistoryEntry {
  at: string;
  actorId?: string | null;
  /** `{field: {from, to}}`; a recorded stance is `{organizationId, onBehalf, stance?: {from, to}}`. */
  changes: Record<string, unknown>;
}

export interface Quorum {
  participating: Array<{ organizationId: string; acronym: string; level: string; hasStance: boolean }>;
  pendingOrganizationIds: string[];
  complete: boolean;
}

export interface DecisionDetail {
  decision: Decision;
  stances: StanceRecord[];
  actions: DecisionAction[];
  history: DecisionHistoryEntry[];
  /** Organizations expected to take a stance (those with non-observer members). */
  quorum?: Quorum;
}

export interface AgendaItem {
  title: string;
  minutes?: number | null;
}

export interface Meeting {
  id: string;
  workspaceId: string;
  title: string;
  startsAt: string;
  status: MeetingStatus;
  agenda: AgendaItem[];
  currentItem: number | null;
  /** When the current item started (server clock); null before the meeting starts. */
  currentItemStartedAt?: string | null;
  attendance: string[];
  startedAt?: string | null;
  closedAt?: string | null;
  /** What the minutes froze at the close (null until then). Only the parts the page shows are typed. */
  minutes?: { decisions: Array<{ id: string; ref: string; title: string; status: DecisionStatus }> } | null;
}

/** A working group's home dashboard, in one request. */
import type { ActivityStatus, MandateArea } from '../../shared/constants.js';
import { request } from './http.js';
import type { DecisionAction } from './types.js';

export interface DashboardAction extends DecisionAction {
  decisionId: string;
}

export interface WorkspaceDashboard {
  pendingStances: Array<{ id: string; ref: string; title: string; dueDate: string | null; createdAt: string }>;
  canCastStance: boolean;
  myActions: DashboardAction[];
  overdueActions: DashboardAction[];
  /** How many in all: each list stops at 10. */
  totals: { pendingStances: number; myActions: number; overdueActions: number };
  upcomingMeeting: { id: string; title: string; startsAt: string; status: 'scheduled' | 'live'; agendaItems: number } | null;
  recentPlans: Array<{ id: string; title: string; updatedAt: string }>;
  unreadComments: number;
  activityProgress: {
    byMandateArea: Array<{ mandateArea: MandateArea | null; total: number; byStatus: Record<ActivityStatus, number> }>;
    byStatus: Array<{ status: ActivityStatus; count: number }>;
  };
}

/** Loads the dashboard of a working group the caller belongs to. */
export function getDashboard(workspaceId: string, signal?: AbortSignal): Promise<WorkspaceDashboard> {
  return request<WorkspaceDashboard>('GET', `/api/workspaces/${encodeURIComponent(workspaceId)}/dashboard`, undefined, signal);
}

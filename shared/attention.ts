/** What awaits a person in one of their working groups (GET /api/me/attention), as the server counts it and the home page shows it. */
export interface WorkspaceAttention {
  workspaceId: string;
  /** Proposed decisions without a stance of the person's organization (when it takes part). */
  pendingStances: number;
  /** Open actions past their due date, on the person or their organization. */
  overdueActions: number;
  unread: number;
  /** Plans the person opened before that others changed or commented on since their last visit. */
  changedPlans: number;
  liveMeeting: { id: string; title: string } | null;
}

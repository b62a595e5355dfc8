/** The reader's last visit to each plan of a group and what others did since, read once per group page. */
import { useMemo } from 'react';
import { useAsync } from '../lib/useAsync.js';
import { groupChangesSinceVisit, type PlanSinceVisit } from './comments/api.js';

/** Plan id → its visit summary; empty while loading or when the server could not answer (the lists stand without it). */
export function usePlanVisits(workspaceId: string): ReadonlyMap<string, PlanSinceVisit> {
  const { data } = useAsync((signal) => groupChangesSinceVisit(workspaceId, signal), [workspaceId]);
  return useMemo(() => new Map((data ?? []).map((v) => [v.documentId, v])), [data]);
}

/** The reader's last visit to each plan of a group and what others did since, kept current on the group page. */
import { useMemo } from 'react';
import { useAsync } from '../lib/useAsync.js';
import { useWorkspaceEvent, useWorkspaceResync } from '../realtime/RealtimeContext.js';
import { useDebouncedRefresh } from '../realtime/useLiveRefresh.js';
import { groupChangesSinceVisit, type PlanSinceVisit } from './comments/api.js';

/** Plan id → its visit summary; empty while loading or when the server could not answer (the lists stand without it). */
export function usePlanVisits(workspaceId: string): ReadonlyMap<string, PlanSinceVisit> {
  const { data, reload } = useAsync((signal) => groupChangesSinceVisit(workspaceId, signal), [workspaceId]);
  // Someone typing saves several times a second: one read after the burst settles (at most every 5 s) is enough here.
  const reloadSoon = useDebouncedRefresh(reload, { delayMs: 1000, maxWaitMs: 5000 });
  useWorkspaceEvent(workspaceId, 'document:saved', reloadSoon);
  useWorkspaceEvent(workspaceId, 'document:created', reloadSoon);
  useWorkspaceEvent(workspaceId, 'comment:created', reloadSoon);
  useWorkspaceEvent(workspaceId, 'comment:updated', reloadSoon);
  useWorkspaceEvent(workspaceId, 'decision:created', reloadSoon);
  useWorkspaceEvent(workspaceId, 'decision:updated', reloadSoon);
  useWorkspaceEvent(workspaceId, 'stance:recorded', reloadSoon);
  useWorkspaceResync(workspaceId, reload);
  return useMemo(() => new Map((data ?? []).map((v) => [v.documentId, v])), [data]);
}

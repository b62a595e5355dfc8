/**
 * The plan and working group each matrix row comes from, by plan id. Identically titled activities of two plans sat
 * side by side in the table with nothing to tell them apart, though telling them apart is what the matrix is for.
 * The rows carry only ids (the contract's shape): names come from the caller's groups and their plans, read once
 * and again when a row names a plan not yet known (a plan created meanwhile).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { listDocuments, listWorkspaces } from '../../api/workspaces.js';
import type { MatrixActivity } from '../../api/types.js';

/** A row's plan title and its group's name. */
export interface PlanName {
  plan: string;
  group: string;
}

/** Plan ids → names for the plans `rows` come from (empty until read; a failed read leaves the ids unnamed). */
export function usePlanNames(rows: readonly MatrixActivity[] | undefined): ReadonlyMap<string, PlanName> {
  const [names, setNames] = useState<ReadonlyMap<string, PlanName>>(new Map());
  // Read again only when a row names a plan the map lacks.
  const missing = useMemo(() => (rows ?? []).some((r) => !names.has(r.documentId)), [rows, names]);
  // The set of plans last asked for: a failed read is not retried for the same rows.
  const tried = useRef('');
  const wanted = useMemo(() => [...new Set((rows ?? []).map((r) => r.documentId))].sort().join(','), [rows]);
  useEffect(() => {
    if (!missing || tried.current === wanted) return;
    tried.current = wanted;
    const ctl = new AbortController();
    (async () => {
      const groups = await listWorkspaces(ctl.signal);
      const plans = await Promise.all(groups.map(async (g) => ({ g, docs: await listDocuments(g.id, ctl.signal) })));
      const next = new Map<string, PlanName>();
      for (const { g, docs } of plans) for (const d of docs) next.set(d.id, { plan: d.title, group: g.name });
      setNames(next);
    })().catch((err: unknown) => {
      if (!ctl.signal.aborted) console.warn('The matrix’s plan names could not be read; rows show without them', err);
    });
    return () => ctl.abort();
  }, [missing, wanted]);
  return names;
}

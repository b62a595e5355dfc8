/** The organization directory, loaded once per session and shared by every page. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../api/types.js';
import { listOrganizations } from '../api/workspaces.js';
import { useAsync } from '../lib/useAsync.js';

export interface OrganizationsApi {
  list: Organization[];
  byId: Map<string, Organization>;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** Short label: acronym, or name; "unknown agency" for an id not in the directory, "…" while it loads. */
  label: (id: string | null | undefined) => string;
  /**
   * Ids something shows that the directory lacks: it loads again (once per id, at most every LOOK_UP_INTERVAL_MS), so
   * an agency created since it loaded is named, and offered, instead of standing as "unknown agency".
   */
  lookUp: (ids: readonly string[]) => void;
}

/** Shortest time between two loads asked for by `lookUp`: a plan naming many unknown ids makes one load, not many. */
export const LOOK_UP_INTERVAL_MS = 10_000;

const OrganizationsContext = createContext<OrganizationsApi | null>(null);

/** Provides the organization directory. */
export function OrganizationsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data, loading, error, reload } = useAsync((signal) => listOrganizations(signal), []);
  const list = useMemo(() => [...(data ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [data]);
  const byId = useMemo(() => new Map(list.map((o) => [o.id, o])), [list]);
  const label = useCallback((id: string | null | undefined) => {
    if (!id) return '—';
    const org = byId.get(id);
    if (org) return org.acronym || org.name;
    // A plan can name an organization that no longer exists (or never did): its raw id means nothing to a reader.
    return loading ? '…' : t('common.unknownOrganization');
  }, [byId, loading, t]);
  const lookUp = useLookUp(byId, loading, reload);
  const value = useMemo(() => ({ list, byId, loading, error, reload, label, lookUp }), [list, byId, loading, error, reload, label, lookUp]);
  return <OrganizationsContext.Provider value={value}>{children}</OrganizationsContext.Provider>;
}

/** The directory's `lookUp`: stable, so rows that call it from an effect are not re-rendered by it. */
function useLookUp(byId: Map<string, Organization>, loading: boolean, reload: () => void): (ids: readonly string[]) => void {
  const latest = useRef({ byId, loading });
  latest.current = { byId, loading };
  const asked = useRef(new Set<string>());
  const lastLoad = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return useCallback(
    (ids: readonly string[]) => {
      // While it loads every id looks unknown: the rows ask again once it has loaded.
      if (latest.current.loading) return;
      const fresh = ids.filter((id) => !latest.current.byId.has(id) && !asked.current.has(id));
      if (!fresh.length) return;
      for (const id of fresh) asked.current.add(id);
      const load = () => {
        timer.current = null;
        lastLoad.current = Date.now();
        reload();
      };
      const wait = lastLoad.current + LOOK_UP_INTERVAL_MS - Date.now();
      if (wait <= 0) load();
      else timer.current ??= setTimeout(load, wait);
    },
    [reload],
  );
}

/** The organization directory. */
export function useOrganizations(): OrganizationsApi {
  const ctx = useContext(OrganizationsContext);
  if (!ctx) throw new Error('useOrganizations outside OrganizationsProvider');
  return ctx;
}

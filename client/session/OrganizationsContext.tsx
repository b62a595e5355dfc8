/** The organization directory, loaded once per session and shared by every page. */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { Organization } from '../api/types.js';
import { listOrganizations } from '../api/workspaces.js';
import { useAsync } from '../lib/useAsync.js';

export interface OrganizationsApi {
  list: Organization[];
  byId: Map<string, Organization>;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** Short label: acronym, or name, or the raw id when unknown. */
  label: (id: string | null | undefined) => string;
}

const OrganizationsContext = createContext<OrganizationsApi | null>(null);

/** Provides the organization directory. */
export function OrganizationsProvider({ children }: { children: ReactNode }) {
  const { data, loading, error, reload } = useAsync((signal) => listOrganizations(signal), []);
  const list = useMemo(() => [...(data ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [data]);
  const byId = useMemo(() => new Map(list.map((o) => [o.id, o])), [list]);
  const label = useCallback((id: string | null | undefined) => {
    if (!id) return '—';
    const org = byId.get(id);
    return org ? org.acronym || org.name : id;
  }, [byId]);
  const value = useMemo(() => ({ list, byId, loading, error, reload, label }), [list, byId, loading, error, reload, label]);
  return <OrganizationsContext.Provider value={value}>{children}</OrganizationsContext.Provider>;
}

/** The organization directory. */
export function useOrganizations(): OrganizationsApi {
  const ctx = useContext(OrganizationsContext);
  if (!ctx) throw new Error('useOrganizations outside OrganizationsProvider');
  return ctx;
}

/** The organization directory, loaded once per session and shared by every page. */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
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
}

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
  const value = useMemo(() => ({ list, byId, loading, error, reload, label }), [list, byId, loading, error, reload, label]);
  return <OrganizationsContext.Provider value={value}>{children}</OrganizationsContext.Provider>;
}

/** The organization directory. */
export function useOrganizations(): OrganizationsApi {
  const ctx = useContext(OrganizationsContext);
  if (!ctx) throw new Error('useOrganizations outside OrganizationsProvider');
  return ctx;
}

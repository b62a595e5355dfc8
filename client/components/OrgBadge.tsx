/** An organization's acronym in its colour, with the full name as tooltip and for screen readers. */
import { organizationColor } from '../lib/colors.js';
import { useOrganizations } from '../session/OrganizationsContext.js';

/** A small coloured badge naming an organization. */
export function OrgBadge({ id }: { id: string | null | undefined }) {
  const { byId, label } = useOrganizations();
  if (!id) return <span className="muted">—</span>;
  const org = byId.get(id);
  return (
    <span className="org-badge" style={{ ['--org-color' as string]: organizationColor(id) }} title={org?.name}>
      <span className="org-dot" aria-hidden="true" />
      <abbr title={org?.name}>{label(id)}</abbr>
    </span>
  );
}

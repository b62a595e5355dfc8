/** A stable colour per organization, used for carets, avatars and badges. */

// Mid-dark tones: white text on them passes WCAG AA, and they stay distinct from each other.
const PALETTE = ['#1f6f8b', '#9c2f55', '#2e7d32', '#8a4f00', '#5b3f9e', '#00796b', '#b23c17', '#3d5a99', '#6d6d00', '#a0346e', '#35603a', '#7a4b8c'];

/** The colour of an organization (hex #rrggbb), stable across sessions and clients. */
export function organizationColor(organizationId: string | null | undefined): string {
  if (!organizationId) return '#5b6472';
  let h = 0;
  for (let i = 0; i < organizationId.length; i++) h = (h * 31 + organizationId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/** Up to two initials of a person's name. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1][0] ?? '') : '')).toUpperCase();
}

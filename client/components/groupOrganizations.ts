/**
 * Which organizations a working group's pickers should offer: its members' organizations come first
 * (or alone), because owners, attendance and filters are about the institutions at the table.
 */
import type { Member, Organization } from '../api/types.js';

/** The distinct organizations of a group's members, or undefined while the members are unknown. */
export function memberOrganizationIds(members: Member[] | undefined): string[] | undefined {
  return members ? [...new Set(members.map((m) => m.organizationId))] : undefined;
}

/**
 * Splits the directory (already sorted) into the group's organizations and the rest. With no group
 * known yet everything is in `others`, so a picker still works before the members load.
 */
export function splitByGroup(directory: Organization[], groupIds: readonly string[] | undefined): { group: Organization[]; others: Organization[] } {
  if (!groupIds?.length) return { group: [], others: directory };
  const inGroup = new Set(groupIds);
  return { group: directory.filter((o) => inGroup.has(o.id)), others: directory.filter((o) => !inGroup.has(o.id)) };
}

/** The group's organizations plus `alsoShow` (values already in use, which must stay visible), directory order. */
export function groupOnly(directory: Organization[], groupIds: readonly string[] | undefined, alsoShow: readonly string[] = []): Organization[] {
  const shown = new Set([...(groupIds ?? []), ...alsoShow]);
  return directory.filter((o) => shown.has(o.id));
}

/** What a picker shows an organization by, and sorts it by: its acronym, or its name when it has none. */
export function shownName(o: Pick<Organization, 'acronym' | 'name'>): string {
  return o.acronym || o.name;
}

/**
 * Compares labels as the reader's language sorts them (accents and case aside, numbers by value): pickers show the
 * acronym first, so a list sorted by full name («Comisión…», «Secretaría…») reads as unsorted.
 */
export function labelCollator(language: string | undefined): (a: string, b: string) => number {
  return new Intl.Collator(language, { sensitivity: 'base', numeric: true }).compare;
}

/** A copy of `list` in the order of what is shown (acronym, or name), then by name. */
export function sortByShownName<T extends Pick<Organization, 'acronym' | 'name'>>(list: readonly T[], language: string | undefined): T[] {
  const compare = labelCollator(language);
  return [...list].sort((a, b) => compare(shownName(a), shownName(b)) || compare(a.name, b.name));
}

/** Users, organizations, working groups and their members, as `server/presenters.ts` and the workspace routes show them. */
import { z } from 'zod';
import { MANDATE_AREAS, ORGANIZATION_LEVELS, WORKSPACE_ROLES } from '../../../shared/constants.js';
import { component, id, instant } from './common.js';

const role = z.enum(WORKSPACE_ROLES);

/** presentUser */
export const user = component(
  'User',
  z.strictObject({ id, email: z.string(), name: z.string(), organizationId: id, isAdmin: z.boolean(), locale: z.enum(['es', 'en']) }),
);

/** Whether the account can sign in: always told to admins, to everyone else only as `false` (someone who left). */
const active = z.boolean().optional().describe('false when the account is deactivated; absent for everyone else unless an instance admin asks');

/** A person in the directory: the email and admin flag only when an instance admin asks. */
export const directoryEntry = component(
  'DirectoryEntry',
  z.strictObject({ id, name: z.string(), organizationId: id, email: z.string().optional(), isAdmin: z.boolean().optional(), active }),
);

/** presentOrganization */
export const organization = component(
  'Organization',
  z.strictObject({
    id,
    name: z.string(),
    acronym: z.string(),
    level: z.enum(ORGANIZATION_LEVELS),
    stateCode: z.string().nullable().describe('INEGI state code "01"…"32"'),
    active: z.boolean().describe('false for a deactivated (defunct) agency: kept where it is named, not offered for new people, owners or moves'),
    createdAt: instant,
  }),
);

/** presentWorkspace */
export const workspace = component(
  'Workspace',
  z.strictObject({
    id,
    name: z.string(),
    description: z.string(),
    mandateAreas: z.array(z.enum(MANDATE_AREAS)),
    shareOverlaps: z.boolean(),
    createdById: id,
    createdAt: instant,
  }),
);

/** A working group in the caller's list, with the caller's own role there. */
export const myWorkspace = component('MyWorkspace', workspace.extend({ role, focalPoint: z.boolean() }));

/** A member of a working group. */
export const member = component('Member', z.strictObject({ userId: id, name: z.string(), organizationId: id, role, focalPoint: z.boolean(), active: z.literal(false).optional().describe('present only when the account is deactivated') }));

/** permissionsOf: what the client uses to hide what the caller may not do. */
export const permissions = component(
  'Permissions',
  z.strictObject({
    role,
    focalPoint: z.boolean(),
    canEdit: z.boolean(),
    canComment: z.boolean(),
    canPropose: z.boolean(),
    canDecide: z.boolean(),
    canManageMembers: z.boolean(),
    canViewAudit: z.boolean(),
  }),
);

/** The signed-in user, their organization and memberships (GET /api/me). */
export const me = component(
  'Me',
  z.strictObject({
    user,
    organization: organization.nullable(),
    memberships: z.array(z.strictObject({ workspaceId: id, role, focalPoint: z.boolean() })),
  }),
);

/** The agency of a link made for a person without an account (their new account joins it); null for people who have one. */
const signUpOrganization = id.nullable().describe('For a person without an account: the organization their new account joins (null: for someone who has an account)');

/** A new invitation link: its token is shown this once. */
export const newInvitation = component(
  'NewInvitation',
  z.strictObject({ id, token: z.string(), role, expiresAt: instant, path: z.string().describe('/invite/{token}'), organizationId: signUpOrganization }),
);

/** An invitation as facilitators list it (never its token). */
export const invitation = component(
  'Invitation',
  z.strictObject({
    id,
    workspaceId: id,
    role,
    status: z.enum(['pending', 'used', 'revoked', 'expired', 'void']),
    createdById: id,
    createdAt: instant,
    expiresAt: instant,
    usedAt: instant.nullable(),
    usedById: id.nullable(),
    revokedAt: instant.nullable(),
    organizationId: signUpOrganization,
  }),
);

/** A person's calendar subscription link, as its owner sees it again: never the token, which is shown once. */
export const calendarFeed = component(
  'CalendarFeed',
  z.strictObject({
    createdAt: instant,
    lastUsedAt: instant.nullable().describe('When a calendar app last fetched it (recorded at most every 5 minutes); null until then'),
  }),
);

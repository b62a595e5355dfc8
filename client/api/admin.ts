/** Instance administration: organizations (agencies) and people. */
import type { OrganizationLevel } from '../../shared/constants.js';
import { request } from './http.js';
import type { Organization, User } from './types.js';

export interface NewOrganization {
  name: string;
  acronym: string;
  level: OrganizationLevel;
  stateCode?: string;
}

/** A change to an organization: only the fields given change; `stateCode: null` clears the state. */
export interface OrganizationChange {
  name?: string;
  acronym?: string;
  level?: OrganizationLevel;
  stateCode?: string | null;
  active?: boolean;
}

export interface NewPerson {
  name: string;
  email: string;
  password: string;
  organizationId: string;
  isAdmin: boolean;
}

/** A person as the directory shows them to admins (email and admin flag included). */
export interface AdminDirectoryUser {
  id: string;
  name: string;
  organizationId: string;
  email?: string;
  isAdmin?: boolean;
  /** False once an instance admin deactivated the account (admins only see it). */
  active?: boolean;
}

/** Creates an organization (instance admins). */
export async function createOrganization(body: NewOrganization): Promise<Organization> {
  return (await request<{ organization: Organization }>('POST', '/api/organizations', body)).organization;
}

/** Changes an organization (instance admins). */
export async function updateOrganization(id: string, change: OrganizationChange): Promise<Organization> {
  return (await request<{ organization: Organization }>('PATCH', `/api/organizations/${encodeURIComponent(id)}`, change)).organization;
}

/** Creates a person with an initial password (instance admins). */
export async function createPerson(body: NewPerson): Promise<User> {
  return (await request<{ user: User }>('POST', '/api/users', body)).user;
}

/** Deactivates (active false: every session ends, sign-in refused) or reactivates a person's account (instance admins). */
export async function setAccountActive(userId: string, active: boolean): Promise<void> {
  await request('PATCH', `/api/users/${encodeURIComponent(userId)}`, { active });
}

/** Gives or takes away instance admin rights (instance admins; never their own). */
export async function setInstanceAdmin(userId: string, isAdmin: boolean): Promise<void> {
  await request('PATCH', `/api/users/${encodeURIComponent(userId)}`, { isAdmin });
}

/** Corrects a person's name (instance admins): their groups' member lists and their carets follow. */
export async function renamePerson(userId: string, name: string): Promise<void> {
  await request('PATCH', `/api/users/${encodeURIComponent(userId)}`, { name });
}

/** Moves a person to another organization: in each of their groups they then speak for it (instance admins). */
export async function moveToOrganization(userId: string, organizationId: string): Promise<void> {
  await request('PATCH', `/api/users/${encodeURIComponent(userId)}`, { organizationId });
}

/** The people directory; admins get emails and admin flags. */
export async function listPeople(signal?: AbortSignal): Promise<AdminDirectoryUser[]> {
  return (await request<{ users: AdminDirectoryUser[] }>('GET', '/api/users', undefined, signal)).users;
}

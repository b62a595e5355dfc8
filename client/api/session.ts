/** Sign-in, first-run setup and the signed-in user. The session itself is an httpOnly cookie. */
import type { OrganizationLevel } from '../../shared/constants.js';
import { request } from './http.js';
import type { Me, User } from './types.js';

export interface SetupBody {
  email: string;
  password: string;
  name: string;
  organization: { name: string; acronym: string; level: OrganizationLevel; stateCode?: string };
  demo?: boolean;
}

/** Signs in; the server sets the session cookie (the token in the body is deliberately not kept). */
export async function login(email: string, password: string): Promise<User> {
  const res = await request<{ user: User }>('POST', '/api/auth/login', { email, password });
  return res.user;
}

/** Signs out and revokes the session. */
export function logout(): Promise<void> {
  return request<void>('POST', '/api/auth/logout');
}

/** A demo account created by `demo: true`; its password is shown only once. */
export interface DemoCredential {
  name: string;
  email: string;
  password: string;
  organization: string;
  role?: string;
}

/** Creates the first admin and their organization; the server sets the session cookie. */
export async function setup(body: SetupBody): Promise<{ user: User; demoCredentials?: DemoCredential[] }> {
  const res = await request<{ user: User; demoCredentials?: DemoCredential[] }>('POST', '/api/setup', body);
  return { user: res.user, demoCredentials: res.demoCredentials };
}

/** Whether the instance still needs its first admin. */
export async function setupStatus(signal?: AbortSignal): Promise<boolean> {
  const res = await request<{ needsSetup: boolean }>('GET', '/api/setup/status', undefined, signal);
  return res.needsSetup === true;
}

/** The signed-in user, their organization and memberships; null when nobody is signed in (no 401 to log). */
export async function getSession(signal?: AbortSignal): Promise<Me | null> {
  const res = await request<{ me: Me | null }>('GET', '/api/session', undefined, signal);
  return res.me;
}

/** Changes the signed-in person's name (their groups, carets and mentions show it at once). */
export function saveOwnName(name: string): Promise<unknown> {
  return request('PATCH', '/api/me', { name });
}

/** Stores the user's interface language on the server. */
export function saveLocale(locale: string): Promise<unknown> {
  return request('PATCH', '/api/me', { locale });
}

/** Passwords: a person changes their own; an instance admin resets someone else's. */
import { request } from './http.js';

/** Changes the signed-in person's password; their other sessions end, this one stays. */
export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>('POST', '/api/me/password', { currentPassword, newPassword });
}

/** Sets a new password for a person and ends all their sessions (instance admins). */
export function resetPassword(userId: string, password: string): Promise<void> {
  return request<void>('POST', `/api/users/${encodeURIComponent(userId)}/password`, { password });
}

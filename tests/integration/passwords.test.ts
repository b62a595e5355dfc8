/**
 * Passwords after sign-up: a person changes their own (their other sessions end, the one they used stays), and an
 * instance admin resets a forgotten one (every session of that person ends). Ended sessions lose their live
 * sockets within a second, as sign-out does; the audit trail records both without any password material.
 */
import { describe, expect, it } from 'vitest';
import { Api, PASSWORD } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import type { TestServer } from '../helpers/server.js';
import { usePlanWorld } from '../helpers/serverWorld.js';
import { closeLive, openLiveSession } from '../helpers/liveSession.js';
import { waitFor } from '../helpers/yjsClient.js';

const NEW_PASSWORD = 'otra-frase-larga-y-nueva';
const RESET_PASSWORD = 'restablecida-por-la-admin';

async function signIn(server: TestServer, email: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await new Api(server.url).post('/api/auth/login', { email, password });
  return { status: res.status, token: res.body?.token as string | undefined };
}

describe.each(BACKENDS)('passwords on $name', (backend) => {
  const h = usePlanWorld(backend, 'Mesa de contraseñas');

  /** A person in the working group, signed in twice (two sessions, two tokens). */
  async function memberWithTwoSessions(name: string) {
    const person = await h.world.user(name, 'FGR');
    await h.world.addMember(h.workspaceId, h.owner, person.id, 'member');
    const second = await signIn(h.server, person.email, PASSWORD);
    expect(second.status).toBe(200);
    return { ...person, other: new Api(h.server.url, second.token) };
  }

  it('changes the password: the old one stops working, this session stays, the other ends and loses its sockets within a second', async () => {
    const ana = await memberWithTwoSessions('Ana Cambia');
    const kept = await openLiveSession(h.server, ana.api.token!, h.workspaceId, h.documentId);
    const ended = await openLiveSession(h.server, ana.other.token!, h.workspaceId, h.documentId);

    const started = Date.now();
    const res = await ana.api.post('/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();

    expect(await ended.planClosed).toBe(4401);
    await waitFor(() => ended.disconnected(), 1000, 'the other session’s Socket.IO connection closes');
    expect(Date.now() - started).toBeLessThan(1500);
    // Told before the disconnect, as sign-out tells it (however many groups the socket joined).
    expect(ended.heard.map((e) => e.event)).toContain('access:revoked');

    expect((await ana.other.get('/api/me')).status).toBe(401);
    const me = await ana.api.get('/api/me');
    expect([me.status, me.body.user?.id]).toEqual([200, ana.id]);
    // The session used keeps its sockets.
    await new Promise((r) => setTimeout(r, 300));
    expect(kept.disconnected()).toBe(false);
    expect(kept.heard).toEqual([]);
    expect(kept.plan.provider.wsconnected).toBe(true);

    expect((await signIn(h.server, ana.email, PASSWORD)).status).toBe(401);
    expect((await signIn(h.server, ana.email, NEW_PASSWORD)).status).toBe(200);
    closeLive(kept, ended);
  });

  it('refuses a wrong current password and a short new one with 400 on the field, and changes nothing', async () => {
    const beto = await memberWithTwoSessions('Beto Equivoca');
    const wrong = await beto.api.post('/api/me/password', { currentPassword: 'no-es-la-contraseña', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('validation_failed');
    expect(wrong.body.error.details).toEqual([expect.objectContaining({ path: 'currentPassword', issue: 'incorrect_password' })]);

    const short = await beto.api.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'corta' });
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual([expect.objectContaining({ path: 'newPassword', issue: 'too_small', limit: 12 })]);
    const blank = await beto.api.post('/api/me/password', { currentPassword: PASSWORD, newPassword: ' '.repeat(12) + '\u200b\t' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details).toEqual([expect.objectContaining({ path: 'newPassword', issue: 'invisible_only' })]);

    // Nothing changed: both sessions live, the old password signs in, the proposed one does not.
    expect((await beto.api.get('/api/me')).status).toBe(200);
    expect((await beto.other.get('/api/me')).status).toBe(200);
    expect((await signIn(h.server, beto.email, PASSWORD)).status).toBe(200);
    expect((await signIn(h.server, beto.email, NEW_PASSWORD)).status).toBe(401);
  });

  it('stops guessing through a signed-in session: 429 after repeated wrong current passwords, even for the right one', async () => {
    const carla = await h.world.user('Carla Adivina', 'FGR');
    const limit = h.server.config.limits.loginFailures;
    for (let i = 0; i < limit; i++) {
      const res = await carla.api.post('/api/me/password', { currentPassword: `intento-${i}-equivocado`, newPassword: NEW_PASSWORD });
      expect(res.status, `attempt ${i + 1}`).toBe(400);
    }
    const blocked = await carla.api.post('/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn(h.server, carla.email, PASSWORD)).status).toBe(200);
  });

  it('takes a password however its accents were typed: one precomposed letter or a letter and a combining mark', async () => {
    const composed = 'contrase\u00f1a-de-se\u00f1or\u00eda';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const mine = await h.world.user('Inigo Acentos', 'FGR');
    expect((await mine.api.post('/api/me/password', { currentPassword: PASSWORD, newPassword: composed })).status).toBe(204);
    expect((await signIn(h.server, mine.email, decomposed)).status).toBe(200);
    expect((await signIn(h.server, mine.email, composed)).status).toBe(200);
    // Set from the other kind of keyboard, the same.
    const reset = await h.world.admin.post(`/api/users/${mine.id}/password`, { password: decomposed });
    expect(reset.status).toBe(204);
    expect((await signIn(h.server, mine.email, composed)).status).toBe(200);
    expect((await signIn(h.server, mine.email, decomposed)).status).toBe(200);
    expect((await signIn(h.server, mine.email, 'contrasena-de-senoria')).status).toBe(401);
  });

  it('checks no more wrong current passwords than the bound when they are all sent at once', async () => {
    const eloy = await h.world.user('Eloy Apresurado', 'FGR');
    const limit = h.server.config.limits.loginFailures;
    const answers = await Promise.all(Array.from({ length: limit * 5 }, (_, i) => eloy.api.post('/api/me/password', { currentPassword: `intento-${i}-equivocado`, newPassword: NEW_PASSWORD })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(limit);
    expect(statuses.filter((s) => s !== 400).every((s) => s === 429)).toBe(true);
    expect((await eloy.api.post('/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(429);
  });

  it('an admin resets a password: every session of the person ends, sockets closed within a second; the new one signs in', async () => {
    const dora = await memberWithTwoSessions('Dora Olvida');
    const first = await openLiveSession(h.server, dora.api.token!, h.workspaceId, h.documentId);
    const second = await openLiveSession(h.server, dora.other.token!, h.workspaceId, h.documentId);

    const started = Date.now();
    const res = await h.world.admin.post(`/api/users/${dora.id}/password`, { password: RESET_PASSWORD });
    expect(res.status).toBe(204);
    expect(await first.planClosed).toBe(4401);
    expect(await second.planClosed).toBe(4401);
    await waitFor(() => first.disconnected() && second.disconnected(), 1000, 'both Socket.IO connections close');
    expect(Date.now() - started).toBeLessThan(1500);

    expect((await dora.api.get('/api/me')).status).toBe(401);
    expect((await dora.other.get('/api/me')).status).toBe(401);
    expect((await signIn(h.server, dora.email, PASSWORD)).status).toBe(401);
    const fresh = await signIn(h.server, dora.email, RESET_PASSWORD);
    expect(fresh.status).toBe(200);
    expect((await new Api(h.server.url, fresh.token).get('/api/me')).body.user.id).toBe(dora.id);
    // The admin's own session is untouched.
    expect((await h.world.admin.get('/api/me')).status).toBe(200);
    closeLive(first, second);
  });

  it('only instance admins reset: others 403 and nothing changes; an unknown person 404; a short password 400', async () => {
    const eva = await h.world.user('Eva Intenta', 'SSPC');
    const target = await h.world.user('Fito Objetivo', 'FGR');
    const refused = await eva.api.post(`/api/users/${target.id}/password`, { password: RESET_PASSWORD });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect((await target.api.get('/api/me')).status).toBe(200);
    expect((await signIn(h.server, target.email, RESET_PASSWORD)).status).toBe(401);
    expect((await signIn(h.server, target.email, PASSWORD)).status).toBe(200);

    const unknown = await h.world.admin.post('/api/users/usr_no_existe/password', { password: RESET_PASSWORD });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    const short = await h.world.admin.post(`/api/users/${target.id}/password`, { password: 'corta' });
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual([expect.objectContaining({ path: 'password', issue: 'too_small' })]);
    expect((await target.api.get('/api/me')).status).toBe(200);
  });

  it('audits a change and a reset, each once, with the actor and target and no password material', async () => {
    const gabi = await h.world.user('Gabi Audita', 'UNODC');
    const hugo = await h.world.user('Hugo Auditado', 'UNODC');
    expect((await gabi.api.post('/api/me/password', { currentPassword: 'no-es-la-contraseña', newPassword: 'cambio-fallido-123' })).status).toBe(400);
    expect((await gabi.api.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'cambio-auditado-456' })).status).toBe(204);
    expect((await h.world.admin.post(`/api/users/${hugo.id}/password`, { password: 'reset-auditado-789' })).status).toBe(204);

    const trail = await h.world.admin.get('/api/audit?action=user&limit=100');
    expect(trail.status).toBe(200);
    const events = trail.body.events as Array<{ actorId: string; action: string; target: { type: string; id: string }; changes: Record<string, unknown> }>;
    const changed = events.filter((e) => e.action === 'user.password_changed' && e.target.id === gabi.id);
    expect(changed).toEqual([expect.objectContaining({ actorId: gabi.id, target: { type: 'user', id: gabi.id }, changes: { sessionsRevoked: 0 } })]);
    const reset = events.filter((e) => e.action === 'user.password_reset' && e.target.id === hugo.id);
    expect(reset).toEqual([expect.objectContaining({ actorId: h.world.adminUser.id, target: { type: 'user', id: hugo.id }, changes: { sessionsRevoked: 1 } })]);

    const everything = JSON.stringify((await h.world.admin.get('/api/audit?limit=100')).body);
    for (const secret of [PASSWORD, NEW_PASSWORD, RESET_PASSWORD, 'cambio-fallido-123', 'cambio-auditado-456', 'reset-auditado-789', 'no-es-la-contraseña', '$argon2']) {
      expect(everything, secret).not.toContain(secret);
    }
  });
});

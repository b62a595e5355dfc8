/**
 * One scenario for role changes on open plan sockets, run on one node and across two: a member's stock y-websocket
 * client is demoted to observer and promoted back by a facilitator, without ever reconnecting.
 */
import { expect } from 'vitest';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import type { Api } from './api.js';
import { connectEvents, connectYjs, coveredBy, recordEvents, waitFor, waitSynced, type YClient } from './yjsClient.js';

export interface NodeUrls {
  url: string;
  wsUrl: string;
}

export interface RoleChangeScene {
  /** The facilitator's API on the node that makes the role change. */
  facilitator: Api;
  workspaceId: string;
  documentId: string;
  member: { id: string; token: string; node: NodeUrls };
  /** The facilitator's own plan and events sockets, and the node they use. */
  facilitatorSockets: { token: string; node: NodeUrls };
}

const ids = (c: YClient) => readActivities(c.doc).map((a) => a.id);
const clockOf = (doc: Y.Doc, sv: Uint8Array) => Y.decodeStateVector(sv).get(doc.clientID) ?? 0;

/** Runs demote → edit dropped → promote → edits stored again, with every assertion, then closes its sockets. */
export async function demoteAndPromote(s: RoleChangeScene): Promise<void> {
  const clients: YClient[] = [];
  const sockets: Socket[] = [];
  const track = (c: YClient): YClient => (clients.push(c), c);
  const trackEvents = (s: Socket): Socket => (sockets.push(s), s);
  try {
    const ana = track(connectYjs(s.facilitatorSockets.node.wsUrl, s.documentId, s.facilitatorSockets.token));
    const beto = track(connectYjs(s.member.node.wsUrl, s.documentId, s.member.token));
    await Promise.all([waitSynced(ana), waitSynced(beto)]);
    const anaEvents = trackEvents(await connectEvents(s.facilitatorSockets.node.url, s.facilitatorSockets.token, s.workspaceId));
    const betoEvents = trackEvents(await connectEvents(s.member.node.url, s.member.token, s.workspaceId));
    const saved = recordEvents(anaEvents, ['document:saved']);
    const told = recordEvents(betoEvents, ['member:updated']);
    const firstSocket = beto.provider.ws;
    let disconnects = 0;
    beto.provider.on('status', (e: { status: string }) => void (e.status === 'disconnected' && disconnects++));
    const savedCovering = (doc: Y.Doc) => saved.some((e) => e.payload.documentId === s.documentId && coveredBy(doc, e.payload.stateVector));
    const setRole = async (role: 'observer' | 'member') => {
      const res = await s.facilitator.put(`/api/workspaces/${s.workspaceId}/members/${s.member.id}`, { role });
      expect(res.status).toBe(200);
      expect(res.body.member).toMatchObject({ userId: s.member.id, role });
      // Two events: the route's to the whole group, and the member's node's once his open plan socket switched.
      await waitFor(() => told.filter((e) => e.payload.member?.role === role).length >= 2, 10_000, `member:updated ×2 (${role})`);
      expect(told.filter((e) => e.payload.member?.role === role).map((e) => e.payload.workspaceId)).toEqual([s.workspaceId, s.workspaceId]);
    };

    // A member: his edit is delivered and stored.
    insertActivity(beto.doc, { id: 'beto-as-member', title: 'Capacitación a fiscalías' });
    await waitFor(() => ids(ana).includes('beto-as-member'), 10_000, 'the member’s edit reaches the facilitator');
    await waitFor(() => savedCovering(beto.doc), 10_000, 'the member’s edit saved');

    await setRole('observer');
    insertActivity(beto.doc, { id: 'beto-as-observer', title: 'No debe guardarse' });
    const betoClock = Y.encodeStateVector(beto.doc);
    // Awareness still goes through; sent after the edit on the same socket, it proves the edit was handled first.
    beto.provider.awareness.setLocalStateField('marker', 'after-observer-edit');
    await waitFor(() => [...ana.provider.awareness.getStates().values()].some((st) => st.marker === 'after-observer-edit'), 10_000, 'the observer’s caret');
    const reader = track(connectYjs(s.member.node.wsUrl, s.documentId, s.facilitatorSockets.token));
    await waitSynced(reader);
    expect(ids(reader)).toContain('beto-as-member');
    expect(ids(reader)).not.toContain('beto-as-observer');
    // The facilitator still writes: delivered to the observer and stored, the observer's edit still nowhere.
    insertActivity(ana.doc, { id: 'ana-meanwhile', title: 'Mesa regional' });
    await waitFor(() => ids(beto).includes('ana-meanwhile'), 10_000, 'the facilitator’s edit reaches the observer');
    await waitFor(() => savedCovering(ana.doc), 10_000, 'the facilitator’s edit saved');
    expect(ids(ana)).not.toContain('beto-as-observer');
    const lastSaved = saved.filter((e) => e.payload.documentId === s.documentId).at(-1)!.payload.stateVector as string;
    expect(clockOf(beto.doc, new Uint8Array(Buffer.from(lastSaved, 'base64')))).toBeLessThan(clockOf(beto.doc, betoClock));

    await setRole('member');
    // What he typed while read-only is merged once he may write again, as a reconnect would have done.
    await waitFor(() => ids(ana).includes('beto-as-observer'), 10_000, 'the promoted member’s copy merged');
    insertActivity(beto.doc, { id: 'beto-again', title: 'Protocolo de atención a víctimas' });
    await waitFor(() => ids(ana).includes('beto-again'), 10_000, 'the promoted member’s edit reaches the facilitator');
    await waitFor(() => savedCovering(beto.doc), 10_000, 'the promoted member’s edits saved');
    const fresh = track(connectYjs(s.facilitatorSockets.node.wsUrl, s.documentId, s.facilitatorSockets.token));
    await waitSynced(fresh);
    expect(ids(fresh).sort()).toEqual(['ana-meanwhile', 'beto-again', 'beto-as-member', 'beto-as-observer']);
    // All of it on the one socket Beto opened first.
    expect(beto.provider.ws).toBe(firstSocket);
    expect(disconnects).toBe(0);
    expect(beto.provider.wsconnected).toBe(true);
  } finally {
    clients.forEach((c) => c.destroy());
    sockets.forEach((x) => x.close());
  }
}

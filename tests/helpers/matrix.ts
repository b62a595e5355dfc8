/** Test helpers for the coordination matrix: plans edited through stock y-websocket clients, and polling. */
import * as Y from 'yjs';
import { getActivities, insertActivity, type Activity } from '../../shared/planModel.js';
import type { Api, World } from './api.js';
import type { TestServer } from './server.js';
import { connectYjs, waitFor, waitSynced, type YClient } from './yjsClient.js';

/** The contract's bound: the matrix and overlaps are current within 2 s of an edit. */
export const FRESH_MS = 2000;

let seq = 0;
/** A unique activity id. */
export function activityId(prefix = 'act'): string {
  return `${prefix}-${Date.now().toString(36)}-${++seq}`;
}

/** A plan opened by a stock y-websocket client, synced. */
export async function openPlan(server: TestServer, api: Api, documentId: string): Promise<YClient> {
  const client = connectYjs(server.wsUrl, documentId, api.token);
  await waitSynced(client);
  return client;
}

/** Appends an activity row through the client (a real edit, sent over the socket). */
export function addActivity(client: YClient, activity: Partial<Activity> & { id: string }): void {
  insertActivity(client.doc, activity);
}

/** Sets fields of an existing activity row through the client. */
export function editActivity(client: YClient, id: string, fields: Partial<Activity>): void {
  const row = getActivities(client.doc)
    .toArray()
    .find((r) => r.get('id') === id);
  if (!row) throw new Error(`no activity ${id}`);
  client.doc.transact(() => {
    for (const [k, v] of Object.entries(fields)) row.set(k, v as unknown);
  });
}

/** Removes an activity row through the client. */
export function removeActivity(client: YClient, id: string): void {
  const rows = getActivities(client.doc);
  const index = rows.toArray().findIndex((r: Y.Map<unknown>) => r.get('id') === id);
  if (index < 0) throw new Error(`no activity ${id}`);
  rows.delete(index, 1);
}

/** Polls GET `path` until `pred` holds on the body; returns that body. Fails after `timeoutMs`. */
export async function pollUntil<T = Record<string, any>>(api: Api, path: string, pred: (body: T) => boolean, timeoutMs = FRESH_MS, what = path): Promise<T> {
  let last: T | undefined;
  await waitFor(
    async () => {
      const res = await api.get<T>(path);
      last = res.body;
      return res.status === 200 && pred(res.body);
    },
    timeoutMs,
    what,
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}; last body: ${JSON.stringify(last)}`);
  });
  return last as T;
}

/** A fixed activity shape for overlap scenarios: Trata de personas in Chihuahua, 2027. */
export function tipActivity(leadOrganizationId: string, overrides: Partial<Activity> = {}): Partial<Activity> & { id: string } {
  return {
    id: activityId(),
    title: 'Capacitación a fiscales en trata de personas',
    description: 'Taller de tres días',
    leadOrganizationId,
    partnerOrganizationIds: [],
    mandateArea: 'trafficking_in_persons',
    stateCodes: ['08'],
    municipalityCodes: [],
    startDate: '2027-02-01',
    endDate: '2027-06-30',
    status: 'planned',
    target: '200 fiscales capacitados',
    ...overrides,
  };
}

/** Two working groups with a facilitator each, plus a person in both (the liaison) and one per group. */
export async function twoGroups(world: World) {
  const liaison = await world.user('Lucía Enlace', 'UNODC');
  const facA = await world.user('Ana Facilitadora', 'SSPC');
  const facB = await world.user('Bruno Facilitador', 'FGR');
  const focalA = await world.user('Fabiola Focal', 'FGE-CHIH');
  const focalB = await world.user('Federico Focal', 'MUN-JUAREZ');
  const wsA = await world.workspace(facA.api, 'Mesa A');
  const wsB = await world.workspace(facB.api, 'Mesa B');
  await world.addMember(wsA, facA.api, liaison.id, 'member');
  await world.addMember(wsB, facB.api, liaison.id, 'member');
  await world.addMember(wsA, facA.api, focalA.id, 'member', true);
  await world.addMember(wsB, facB.api, focalB.id, 'member', true);
  const docA = await world.document(facA.api, wsA);
  const docB = await world.document(facB.api, wsB);
  return { liaison, facA, facB, focalA, focalB, wsA, wsB, docA, docB };
}

/**
 * Carets across nodes: what a node publishes when another one loads a plan, how carets from other nodes are held
 * (each under the node and person that sent it), and how they are dropped when their node leaves the cluster.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type { ClusterBus } from './clusterBus.js';
import { RemoteAwarenessOwner, type LiveDocument } from './liveDocument.js';

/** Origin of awareness removals for a node that left the cluster. */
const NODE_LEFT = Symbol('node left');

/** Applies carets another node published, owned by that node's person (so its leaving removes them). */
export function applyRemoteAwareness(live: LiveDocument, update: Uint8Array, from: { node: string; userId: string }): void {
  awarenessProtocol.applyAwarenessUpdate(live.awareness, update, new RemoteAwarenessOwner(from.node, from.userId));
}

/** Publishes the awareness states this node's connections hold on a plan, each under its person, for a node that just loaded it. */
export function answerAwarenessQuery(bus: ClusterBus, live: LiveDocument): void {
  for (const peer of live.peers) {
    const ids = [...peer.awarenessIds].filter((id) => live.awareness.getStates().has(id));
    if (ids.length) bus.publishAwareness(live.id, awarenessProtocol.encodeAwarenessUpdate(live.awareness, ids), peer.userId);
  }
}

/**
 * Removes, from every loaded plan, the awareness states that connections on nodes other than `alive` had set: a node
 * killed without closing its sockets would otherwise leave its people's carets until Yjs times them out (30 s).
 */
export function dropAwarenessOfNodesBut(plans: Iterable<LiveDocument>, alive: ReadonlySet<string>): void {
  for (const live of plans) {
    const ids: number[] = [];
    for (const [id, owner] of live.awarenessOwners) if (owner instanceof RemoteAwarenessOwner && !alive.has(owner.node)) ids.push(id);
    if (ids.length) awarenessProtocol.removeAwarenessStates(live.awareness, ids, NODE_LEFT);
  }
}

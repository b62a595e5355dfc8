/**
 * How nodes share documents and control messages. One node: LocalBus (in-process).
 * Several nodes: the Redis implementation (streams per document, a control channel).
 */

export type ControlMessage =
  | { type: 'revoke'; userId: string; workspaceId?: string; sessionHash?: string; reason: string }
  // A role changed: each node re-reads it from the database (the message carries no role to trust).
  | { type: 'access'; userId: string; workspaceId: string }
  | { type: 'ping' };

/** Where a cross-node awareness update came from: the node, and whose connection there made it ('' for the server). */
export interface AwarenessSource {
  node: string;
  userId: string;
}

/** What a node does with a document's traffic from other nodes. */
export interface DocumentHandlers {
  onUpdate(update: Uint8Array): void;
  onAwareness(update: Uint8Array, from: AwarenessSource): void;
  /** Another node asks for the awareness states this node's connections hold (see `queryAwareness`). */
  onAwarenessQuery(): void;
  onGap(): void;
}

export interface ClusterBus {
  /** 'disabled' (one node), 'ready', or 'degraded' while Redis is unreachable. */
  readonly state: 'disabled' | 'ready' | 'degraded';
  /** True while Redis has left a ping unanswered for longer than it ever should: perhaps hung, not yet known to be. */
  readonly unanswered?: boolean;
  /** Publishes updates that are already durable in PostgreSQL to other nodes. */
  publishUpdates(documentId: string, updates: Uint8Array[]): void;
  /** Publishes an awareness update to other nodes' copies of the document, naming whose connection made it ('' for the server). */
  publishAwareness(documentId: string, update: Uint8Array, userId: string): void;
  /** Asks the other nodes holding a document for the awareness states of their connections (a node that just loaded it). */
  queryAwareness(documentId: string): void;
  /** Starts receiving a document's updates and awareness from other nodes; resolves once subscribed. */
  subscribeDocument(documentId: string, handlers: DocumentHandlers): Promise<() => void>;
  /** Sends a control message to every node, this one included. */
  publishControl(message: ControlMessage): void;
  onControl(handler: (message: ControlMessage) => void): void;
  /**
   * Tells `handler`, about once a second, which nodes are alive (by the ids their awareness updates carry): a node
   * killed without closing its sockets is missing from the next call.
   */
  onNodesAlive(handler: (nodeIds: ReadonlySet<string>, seenAt: number) => void): void;
  /** This node's id among those `onNodesAlive` names (none on a single node). */
  readonly nodeId?: string;
  close(): Promise<void>;
}

/** The single-node bus: control messages loop back in-process; documents have no peers. */
export class LocalBus implements ClusterBus {
  readonly state = 'disabled' as const;
  private handlers: Array<(m: ControlMessage) => void> = [];
  publishUpdates(): void {}
  publishAwareness(): void {}
  queryAwareness(): void {}
  async subscribeDocument(): Promise<() => void> {
    return () => {};
  }
  publishControl(message: ControlMessage): void {
    for (const h of this.handlers) h(message);
  }
  onControl(handler: (message: ControlMessage) => void): void {
    this.handlers.push(handler);
  }
  onNodesAlive(): void {}
  async close(): Promise<void> {}
}

/** Chooses the cluster bus: in-process for one node, Redis when REDIS_URL is set. */
import type { FastifyBaseLogger } from 'fastify';
import type { Server as SocketServer } from 'socket.io';
import type { ServerConfig } from '../config.js';
import type { SharedFailureStore } from '../auth/failureBounds.js';
import type { PresenceStore } from '../realtime/presenceStore.js';
import { LocalBus, type ClusterBus } from './clusterBus.js';

/** A bus plus the optional pieces a multi-node bus brings (presence, sign-in failure counts, Socket.IO adapter). */
export type NodeBus = ClusterBus & {
  presenceStore?(): PresenceStore;
  failureStore?(): SharedFailureStore;
  attachSocketServer?(io: SocketServer): Promise<void>;
};

/** Creates the bus for this config. */
export async function createClusterBus(config: ServerConfig, log: FastifyBaseLogger): Promise<NodeBus> {
  if (!config.redisUrl) return new LocalBus();
  const { RedisBus } = await import('./redisBus.js');
  return RedisBus.connect(config.redisUrl, { nodeId: config.nodeId, log, stallLimits: config.redisStallMs === undefined ? undefined : { pingTimeoutMs: config.redisStallMs } });
}

/** Placeholder until the Redis scale-out lands: refuses to start rather than pretend. */
import type { FastifyBaseLogger } from 'fastify';
import type { NodeBus } from './createClusterBus.js';

export const RedisBus = {
  async connect(_url: string, _opts: { nodeId: string; log: FastifyBaseLogger }): Promise<NodeBus> {
    throw new Error('REDIS_URL is set but the Redis cluster bus is not built yet');
  },
};

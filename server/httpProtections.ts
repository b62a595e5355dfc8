/** What every HTTP request passes through before its route: the per-address rate limit and the security headers. */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { KeyedTokenBucket } from './http/rateLimit.js';
import type { Metrics } from './observability/metrics.js';

/** Counts every request and refuses API requests past `requestsPerMinute` per client address (429 in the contract's shape); returns the bucket to close. */
export function limitRequestsPerAddress(app: FastifyInstance, requestsPerMinute: number, metrics: Metrics): KeyedTokenBucket {
  const perIp = new KeyedTokenBucket(requestsPerMinute / 60, Math.max(100, requestsPerMinute / 4));
  app.addHook('onRequest', async (req, reply) => {
    metrics.httpRequests++;
    if (req.url.startsWith('/api/') && !perIp.take(req.ip)) {
      return reply
        .status(429)
        .header('retry-after', String(Math.max(1, Math.ceil(60 / requestsPerMinute))))
        .send({ error: { code: 'rate_limited', message: 'Too many requests; slow down and retry in a few seconds' } });
    }
  });
  return perIp;
}

/** Registers the security headers (content security policy, and HSTS when served over https). */
export async function addSecurityHeaders(app: FastifyInstance, publicOrigin: string): Promise<void> {
  // Served over plain http (a deployment on a network address), a page told to upgrade insecure requests fetches its
  // own scripts and API over https, which nothing serves there: the app stayed blank. Only an https origin gets that
  // directive, and HSTS (meaningless over http).
  const servedOverHttps = publicOrigin.startsWith('https:');
  await app.register(helmet, {
    strictTransportSecurity: servedOverHttps ? undefined : false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: servedOverHttps ? [] : null,
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

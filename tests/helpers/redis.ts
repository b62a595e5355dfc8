/** Sharing the run's one Redis between test files that run in parallel. */
import { randomBytes } from 'node:crypto';

/** A key/channel prefix no other test uses, e.g. `enlace-test:sync:1234:9f3a1c2b:`; never FLUSHALL the shared Redis. */
export function uniquePrefix(label = 't'): string {
  return `enlace-test:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** How a socket's client events are taken: acknowledged however they were sent, one at a time, within a budget. */
import type { FastifyBaseLogger } from 'fastify';
import type { KeyedTokenBucket } from '../http/rateLimit.js';

/**
 * Events of one connection waiting their turn (join, leave, presence); more are refused, not queued. Room enough
 * for a page that joins every group of a person in many (the matrix joins all of theirs at once).
 */
const MAX_QUEUED_EVENTS = 200;

/** An event's handler: its payload and its acknowledgement (when the client sent one). */
export type SocketEventHandler = (payload: unknown, cb: unknown) => Promise<unknown>;

/** Answers `cb` with `value` when the client waits for an answer. */
export function ack(cb: unknown, value: unknown): void {
  if (typeof cb === 'function') (cb as (v: unknown) => void)(value);
}

/**
 * An event's payload and acknowledgement. The acknowledgement is the last argument when it is a function (with no
 * payload it is the only one, and with extra arguments it is not the second); the payload is the first that is not it.
 */
export function argsOf(args: unknown[]): [unknown, unknown] {
  const cb = typeof args.at(-1) === 'function' ? args.at(-1) : undefined;
  return [typeof args[0] === 'function' ? undefined : args[0], cb];
}

/**
 * One connection's event queue, after `first` (a check run as the socket connects): wraps a handler into a listener.
 * One client's events take effect in the order it sent them: a leave sent right after a join must not be overtaken
 * by the join's database lookup (it would leave nothing, and the join would land after it). A client that piles up
 * more than MAX_QUEUED_EVENTS is refused rather than queued.
 */
export function eventQueue(opts: {
  first: Promise<void>;
  budget: KeyedTokenBucket;
  userId: string;
  log: Pick<FastifyBaseLogger, 'warn'> | undefined;
}): (handler: SocketEventHandler) => (...args: unknown[]) => void {
  let tail = opts.first;
  let queued = 0;
  return (handler) => (...args) => {
    const [payload, cb] = argsOf(args);
    // Per person, not per socket: opening more sockets buys no more lookups.
    if (queued >= MAX_QUEUED_EVENTS || !opts.budget.take(opts.userId)) return ack(cb, { error: { code: 'rate_limited', message: 'Too many events at once; slow down' } });
    queued++;
    tail = tail
      .then(async () => {
        await handler(payload, cb);
      })
      .catch((err: unknown) => {
        opts.log?.warn({ err, event: 'socket event' }, 'Socket.IO event failed');
        ack(cb, { error: { code: 'unavailable', message: 'Could not complete that now; try again shortly' } });
      })
      .finally(() => queued--);
  };
}

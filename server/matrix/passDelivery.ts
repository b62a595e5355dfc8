/** Delivery for projection passes, which run outside the request pipeline and so have no queue of their own. */
import type { EventPublisher } from '../services.js';
import type { OverlapDelivery } from './overlapAnnouncer.js';

/** Collects events and after-commit work of a transaction run outside the request pipeline; `flush` sends them once it committed. */
export function deliveryFor(events: EventPublisher): { delivery: OverlapDelivery; flush(): void } {
  const emits: Array<[string, string, Record<string, unknown>]> = [];
  const after: Array<() => void | Promise<void>> = [];
  return {
    delivery: { emit: (w, e, p) => emits.push([w, e, p]), afterCommit: (fn) => after.push(fn), services: { events } },
    flush: () => {
      for (const [w, e, p] of emits) events.toWorkspace(w, e, p);
      for (const fn of after) void fn();
    },
  };
}

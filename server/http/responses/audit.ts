/** The audit trail as `server/audit/auditQuery.ts` reads it. */
import { z } from 'zod';
import { component, id, instant, openRecord } from './common.js';

/** One audit event; `changes` is open: each action records its own. */
export const auditEvent = component(
  'AuditEvent',
  z.strictObject({
    id: z.string().describe('Ascending; also the cursor of the next page'),
    at: instant,
    actorId: id.nullable(),
    actorName: z.string().nullable(),
    organizationId: id.nullable(),
    organizationAcronym: z.string().nullable(),
    action: z.string().describe('e.g. decision.created'),
    target: z.strictObject({ type: z.string(), id: z.string() }),
    changes: openRecord,
  }),
);

/** One page of the trail, newest first; `nextCursor` is null on the last page. */
export const auditTrailPage = component('AuditPage', z.strictObject({ events: z.array(auditEvent), nextCursor: z.string().nullable() }));

/**
 * A superseded decision may name the decision that replaced it (`supersededById`), of the same working group. The
 * link lasts only while the status is `superseded`: a decision moved to any other status forgets it.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { decisions } from '../../../db/schema.js';
import { AppError } from '../../http/errors.js';

interface Replaceable {
  id: string;
  workspaceId: string;
  status: string;
  supersededById: string | null;
}

const invalid = (message: string, issue: string) => new AppError('validation_failed', message, [{ path: 'supersededById', message, issue }]);

/**
 * The `supersededById` the decision has after a change of `status` and `supersededById` (each undefined when not sent).
 * Throws 400 for a replacement named without the `superseded` status, the decision itself, one outside its group (alike
 * for one that does not exist, so nothing is learnt about other groups) or one it replaced in turn.
 */
export async function nextReplacement(tx: Executor, decision: Replaceable, body: { status?: string; supersededById?: string | null }): Promise<string | null> {
  const status = body.status ?? decision.status;
  if (status !== 'superseded') {
    if (body.supersededById) throw invalid('Only a superseded decision names the decision that replaced it: send status "superseded" with it', 'not_superseded');
    return null;
  }
  if (body.supersededById === undefined) return decision.supersededById;
  if (body.supersededById === null) return null;
  if (body.supersededById === decision.id) throw invalid('A decision cannot replace itself', 'self_reference');
  const [replacement] = await tx
    .select({ supersededById: decisions.supersededById })
    .from(decisions)
    .where(and(eq(decisions.id, body.supersededById), eq(decisions.workspaceId, decision.workspaceId)));
  if (!replacement) throw invalid('No decision of this working group has that id', 'unknown_reference');
  if (replacement.supersededById === decision.id) throw invalid('That decision was itself replaced by this one', 'circular_reference');
  return body.supersededById;
}

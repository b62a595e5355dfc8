/** Finds strings PostgreSQL cannot store anywhere in a parsed request body, query or path parameters. */
import { unstorableReason } from '../storableText.js';

export interface InputIssue {
  path: string;
  message: string;
  /** Named as every other validation detail names its kind, so a client can word it. */
  issue: 'unstorable_text';
}

/** Reported issues per request at most, and path length: enough to fix a body, bounded so a hostile one (deep, long keys) cannot inflate the answer. */
const MAX_ISSUES = 20;
const MAX_PATH_CHARS = 200;

interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
}

function pathOf(node: Visit): string {
  const keys: Array<string | number> = [];
  for (let n: Visit | undefined = node; n?.key !== undefined; n = n.parent) keys.push(n.key);
  const path = keys.reverse().join('.');
  return path.length > MAX_PATH_CHARS ? `${path.slice(0, MAX_PATH_CHARS)}…` : path;
}

/**
 * Every string value and property name holding U+0000 or an unpaired surrogate, with its path in zod's
 * `a.0.b` form. Walks iteratively: a 1 MB body can nest deeper than the call stack.
 */
export function findUnstorableInput(input: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const stack: Visit[] = [{ value: input, key: undefined, parent: undefined }];
  while (stack.length && issues.length < MAX_ISSUES) {
    const node = stack.pop() as Visit;
    const { value } = node;
    if (typeof value === 'string') {
      const reason = unstorableReason(value);
      if (reason) issues.push({ path: pathOf(node), message: reason, issue: 'unstorable_text' });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const reason = unstorableReason(key);
        // The bad name is not echoed: the issue points at the object holding it.
        if (reason) issues.push({ path: pathOf(node), message: `A property name: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, issue: 'unstorable_text' });
        else stack.push({ value: child, key, parent: node });
      }
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

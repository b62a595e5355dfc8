/**
 * The search's page cursor: how many hits the pages before showed, bound to the query, group and kind it
 * answered. A cursor replayed against another query would silently skip that query's first hits, so it is
 * refused (400) instead, like a cursor this API never gave.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../http/errors.js';
import { MAX_SEARCH_DEPTH } from '../../../shared/search.js';

/** What a cursor is bound to. */
export interface CursorScope {
  q: string;
  workspaceId?: string;
  type?: string;
}

function fingerprint(scope: CursorScope): string {
  return createHash('sha256')
    .update(JSON.stringify([scope.q, scope.workspaceId ?? '', scope.type ?? '']))
    .digest('base64url')
    .slice(0, 16);
}

/** The opaque cursor of the page starting at `offset`. */
export function encodeSearchCursor(offset: number, scope: CursorScope): string {
  return Buffer.from(`${offset}.${fingerprint(scope)}`).toString('base64url');
}

/** The offset a cursor names; a 400 for one this query never gave or one past the deepest page. */
export function decodeSearchCursor(cursor: string, scope: CursorScope): number {
  const match = /^(\d{1,7})\.([A-Za-z0-9_-]{16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match ? Number(match[1]) : NaN;
  if (!match || match[2] !== fingerprint(scope) || !(offset >= 1 && offset < MAX_SEARCH_DEPTH)) {
    throw new AppError('validation_failed', 'Not a cursor this API gave', [{ path: 'cursor', message: 'Use the nextCursor of the previous page of the same search' }]);
  }
  return offset;
}

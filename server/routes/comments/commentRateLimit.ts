/** The per-person limit on writing comments (new, replies and edits): a burst, then a sustained rate (each comment may notify whole organizations). */
import type { Limits } from '../../../shared/constants.js';
import { AppError } from '../../http/errors.js';
import { KeyedTokenBucket } from '../../http/rateLimit.js';

/** What the limit needs of a request: the app's limits, who posts, and the reply to set `Retry-After` on. */
export interface CommentRateContext {
  services: { config: { limits: Pick<Limits, 'commentBurst' | 'commentsPerMinute'> } };
  principal: { userId: string };
  reply: { header(name: string, value: string): unknown };
}

/** Throws 429 (and sets Retry-After) when the caller wrote comments faster than the limit allows. */
export type CommentRateLimit = (ctx: CommentRateContext) => void;

/**
 * Builds the check for one app's comment routes. The bucket is built on first use, when the app's limits are at hand
 * (routes are registered without them), and is shared by every route that creates or edits a comment.
 */
export function createCommentRateLimit(): CommentRateLimit {
  let bucket: KeyedTokenBucket | undefined;
  return (ctx) => {
    const { commentBurst, commentsPerMinute } = ctx.services.config.limits;
    bucket ??= new KeyedTokenBucket(commentsPerMinute / 60, commentBurst);
    const key = ctx.principal.userId;
    if (bucket.take(key)) return;
    const seconds = Math.max(1, Math.ceil(bucket.retryAfterMs(key) / 1000));
    ctx.reply.header('retry-after', String(seconds));
    throw new AppError('rate_limited', `Too many comments in a short time; try again in ${seconds} second${seconds === 1 ? '' : 's'}`);
  };
}

/** Asynchronous participation: comments, visits and the caller's notifications, registered together. */
import type { RouteFn } from '../../http/pipeline.js';
import { registerNotificationRoutes } from '../notifications/routes.js';
import { createCommentRateLimit } from './commentRateLimit.js';
import { registerCommentRoutes } from './routes.js';
import { registerReanchorRoute } from './reanchorRoute.js';
import { registerCommentThreadRoutes } from './threadRoutes.js';
import { registerVisitRoutes } from './visitRoutes.js';
import { registerGroupVisitRoutes } from './groupVisitRoutes.js';

/** Registers comment, visit and notification routes. */
export function registerParticipationRoutes(route: RouteFn): void {
  // One limit for writing comments, new or edited: an edit notifies newly mentioned people too.
  const limitComments = createCommentRateLimit();
  registerCommentRoutes(route, limitComments);
  registerCommentThreadRoutes(route, limitComments);
  registerReanchorRoute(route);
  registerVisitRoutes(route);
  registerGroupVisitRoutes(route);
  registerNotificationRoutes(route);
}

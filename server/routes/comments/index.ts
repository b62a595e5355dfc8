/** Asynchronous participation: comments, visits and the caller's notifications, registered together. */
import type { RouteFn } from '../../http/pipeline.js';
import { registerNotificationRoutes } from '../notifications/routes.js';
import { registerCommentRoutes } from './routes.js';
import { registerCommentThreadRoutes } from './threadRoutes.js';
import { registerVisitRoutes } from './visitRoutes.js';

/** Registers comment, visit and notification routes. */
export function registerParticipationRoutes(route: RouteFn): void {
  registerCommentRoutes(route);
  registerCommentThreadRoutes(route);
  registerVisitRoutes(route);
  registerNotificationRoutes(route);
}

/** Decisions, stances, actions and meetings. */
import type { RouteFn } from '../../http/pipeline.js';
import { registerActionRoutes } from '../actions/routes.js';
import { registerMeetingCalendarRoutes } from '../meetings/calendar.js';
import { registerMinutesRoutes } from '../meetings/minutes.js';
import { registerMeetingRoutes } from '../meetings/routes.js';
import { registerMeetingScheduleRoutes } from '../meetings/scheduleRoutes.js';
import { registerDecisionRoutes } from './routes.js';
import { registerStanceRoutes } from './stances.js';

export function registerDecisionsFeature(route: RouteFn): void {
  registerDecisionRoutes(route);
  registerStanceRoutes(route);
  registerActionRoutes(route);
  registerMeetingRoutes(route);
  registerMeetingScheduleRoutes(route);
  registerMinutesRoutes(route);
  registerMeetingCalendarRoutes(route);
}

/** Every REST resource, registered through the one pipeline. */
import type { RouteFn } from '../http/pipeline.js';
import type { FailureBoundLog } from '../auth/failureBounds.js';
import type { AppServices } from '../services.js';
import { registerPasswordChangeRoute } from './me/password.js';
import { registerCalendarFeedRoutes } from './me/calendarFeed.js';
import { registerCalendarFeedRoute } from './calendar/feed.js';
import { registerActivityTemplateRoutes } from './activityTemplate/routes.js';
import { registerAuditRoutes } from './audit/routes.js';
import { registerAuthRoutes } from './auth/routes.js';
import { registerParticipationRoutes } from './comments/index.js';
import { registerDecisionsFeature } from './decisions/index.js';
import { registerDocumentRoutes } from './documents/routes.js';
import { registerMatrixFeature } from './matrix/index.js';
import { registerAttentionRoutes } from './me/attention.js';
import { registerMyActionsRoute } from './me/actions.js';
import { registerMeRoutes } from './me/routes.js';
import { registerOrganizationRoutes } from './organizations/routes.js';
import { registerDiscoveryRoutes } from './search/routes.js';
import { registerSetupRoutes } from './setup/routes.js';
import { registerUserRoutes } from './users/routes.js';
import { registerVersionRoutes } from './versions/routes.js';
import { registerInvitationPreviewRoute } from './workspaces/invitationPreview.js';
import { registerInvitationSignUpRoute } from './workspaces/invitationSignUp.js';
import { registerInvitationRoutes } from './workspaces/invitations.js';
import { registerMemberRoutes } from './workspaces/members.js';
import { registerWorkspaceRoutes } from './workspaces/routes.js';

/** Registers all API routes. */
export function registerRoutes(route: RouteFn, services: AppServices, log: FailureBoundLog): void {
  registerSetupRoutes(route);
  registerAuthRoutes(route, { ...services, log });
  registerMeRoutes(route);
  registerPasswordChangeRoute(route, { ...services, log });
  registerCalendarFeedRoutes(route);
  registerCalendarFeedRoute(route, { ...services, log });
  registerAttentionRoutes(route);
  registerMyActionsRoute(route);
  registerOrganizationRoutes(route);
  registerUserRoutes(route);
  registerWorkspaceRoutes(route);
  registerMemberRoutes(route);
  registerAuditRoutes(route);
  registerInvitationRoutes(route);
  registerInvitationPreviewRoute(route);
  registerInvitationSignUpRoute(route, { ...services, log });
  registerDocumentRoutes(route);
  registerActivityTemplateRoutes(route);
  registerMatrixFeature(route);
  registerParticipationRoutes(route);
  registerDecisionsFeature(route);
  registerVersionRoutes(route, services);
  registerDiscoveryRoutes(route);
}

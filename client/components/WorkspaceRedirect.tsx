/**
 * A plan, decision or meeting opened under another working group's address (`/w/A/d/<a plan of B>`, from a pasted or
 * hand-edited link) moves to its own group's address: shown under A's name and tabs, the page offered A's people to
 * mention (the server then dropped them) and A's role decided what the page let one do.
 */
import { Navigate, useLocation } from 'react-router';

/** Replaces the route's working group with the item's own, keeping the rest of the address (query, #activity). */
export function WorkspaceRedirect({ routeWorkspaceId, itemWorkspaceId }: { routeWorkspaceId: string; itemWorkspaceId: string }) {
  const location = useLocation();
  const prefix = `/w/${encodeURIComponent(routeWorkspaceId)}/`;
  const rest = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) : '';
  return <Navigate to={`/w/${encodeURIComponent(itemWorkspaceId)}/${rest}${location.search}${location.hash}`} replace />;
}

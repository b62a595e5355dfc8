/** The routed page, inside an error boundary that starts afresh at each new address. */
import { Outlet, useLocation } from 'react-router';
import { PageErrorBoundary } from './PageErrorBoundary.js';

/** Layout route element: the child page, or a message if it failed to load or render. */
export function GuardedOutlet() {
  const { pathname } = useLocation();
  return (
    <PageErrorBoundary resetKey={pathname}>
      <Outlet />
    </PageErrorBoundary>
  );
}

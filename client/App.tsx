/**
 * Routes of the web app; every page but sign-in is loaded on demand. A page that fails to load or render is
 * replaced by a message inside the layout (GuardedOutlet), so the header and navigation keep working.
 */
import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.js';
import { GuardedOutlet } from './components/GuardedOutlet.js';
import { Loading } from './components/Loading.js';
import { NoticesProvider } from './components/Notices.js';
import { PageErrorBoundary } from './components/PageErrorBoundary.js';
import { RequireSession } from './components/RequireSession.js';
import { lazyPage } from './lib/lazyPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { SessionProvider } from './session/SessionContext.js';

const SetupPage = lazyPage(() => import('./pages/SetupPage.js'), 'SetupPage');
const HomePage = lazyPage(() => import('./pages/HomePage.js'), 'HomePage');
const WorkspacePage = lazyPage(() => import('./pages/WorkspacePage.js'), 'WorkspacePage');
const PlanPage = lazyPage(() => import('./pages/PlanPage.js'), 'PlanPage');
const DecisionsPage = lazyPage(() => import('./pages/DecisionsPage.js'), 'DecisionsPage');
const DecisionPage = lazyPage(() => import('./pages/DecisionPage.js'), 'DecisionPage');
const ActionsPage = lazyPage(() => import('./pages/ActionsPage.js'), 'ActionsPage');
const MyActionsPage = lazyPage(() => import('./pages/MyActionsPage.js'), 'MyActionsPage');
const MeetingPage = lazyPage(() => import('./pages/MeetingPage.js'), 'MeetingPage');
const AuditPage = lazyPage(() => import('./pages/AuditPage.js'), 'AuditPage');
const MatrixPage = lazyPage(() => import('./pages/MatrixPage.js'), 'MatrixPage');
const SearchPage = lazyPage(() => import('./pages/SearchPage.js'), 'SearchPage');
const InboxPage = lazyPage(() => import('./pages/Inbox.js'), 'InboxPage');
const AdminPage = lazyPage(() => import('./pages/AdminPage.js'), 'AdminPage');
const InvitePage = lazyPage(() => import('./pages/InvitePage.js'), 'InvitePage');
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage.js'), 'NotFoundPage');

/** The whole app. */
export function App() {
  return (
    // Last resort for the frame itself (header, layout, providers): a message rather than a blank page.
    <PageErrorBoundary>
      <BrowserRouter>
        <NoticesProvider>
          <SessionProvider>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route element={<AppLayout />}>
                  <Route element={<GuardedOutlet />}>
                    <Route path="/login" element={<LoginPage />} />
                    <Route path="/setup" element={<SetupPage />} />
                    {/* Signed out too: a link can be for a person who has no account yet (the page asks for a session otherwise). */}
                    <Route path="/invite/:token" element={<InvitePage />} />
                    <Route element={<RequireSession />}>
                      <Route index element={<HomePage />} />
                      <Route path="/w/:workspaceId" element={<WorkspacePage />} />
                      <Route path="/w/:workspaceId/d/:documentId" element={<PlanPage />} />
                      <Route path="/w/:workspaceId/decisions" element={<DecisionsPage />} />
                      <Route path="/w/:workspaceId/decisions/:decisionId" element={<DecisionPage />} />
                      <Route path="/w/:workspaceId/actions" element={<ActionsPage />} />
                      <Route path="/w/:workspaceId/meetings/:meetingId" element={<MeetingPage />} />
                      <Route path="/w/:workspaceId/audit" element={<AuditPage />} />
                      <Route path="/matrix" element={<MatrixPage />} />
                      <Route path="/search" element={<SearchPage />} />
                      <Route path="/actions" element={<MyActionsPage />} />
                      <Route path="/inbox" element={<InboxPage />} />
                      <Route path="/admin" element={<AdminPage />} />
                      <Route path="*" element={<NotFoundPage />} />
                    </Route>
                  </Route>
                </Route>
              </Routes>
            </Suspense>
          </SessionProvider>
        </NoticesProvider>
      </BrowserRouter>
    </PageErrorBoundary>
  );
}

/** Routes of the web app; every page but sign-in is loaded on demand. */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.js';
import { Loading } from './components/Loading.js';
import { NoticesProvider } from './components/Notices.js';
import { RequireSession } from './components/RequireSession.js';
import { LoginPage } from './pages/LoginPage.js';
import { SessionProvider } from './session/SessionContext.js';

const SetupPage = lazy(() => import('./pages/SetupPage.js').then((m) => ({ default: m.SetupPage })));
const HomePage = lazy(() => import('./pages/HomePage.js').then((m) => ({ default: m.HomePage })));
const WorkspacePage = lazy(() => import('./pages/WorkspacePage.js').then((m) => ({ default: m.WorkspacePage })));
const PlanPage = lazy(() => import('./pages/PlanPage.js').then((m) => ({ default: m.PlanPage })));
const DecisionsPage = lazy(() => import('./pages/DecisionsPage.js').then((m) => ({ default: m.DecisionsPage })));
const DecisionPage = lazy(() => import('./pages/DecisionPage.js').then((m) => ({ default: m.DecisionPage })));
const MeetingPage = lazy(() => import('./pages/MeetingPage.js').then((m) => ({ default: m.MeetingPage })));
const AuditPage = lazy(() => import('./pages/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const MatrixPage = lazy(() => import('./pages/MatrixPage.js').then((m) => ({ default: m.MatrixPage })));
const SearchPage = lazy(() => import('./pages/SearchPage.js').then((m) => ({ default: m.SearchPage })));
const InboxPage = lazy(() => import('./pages/Inbox.js').then((m) => ({ default: m.InboxPage })));
const AdminPage = lazy(() => import('./pages/AdminPage.js').then((m) => ({ default: m.AdminPage })));
const InvitePage = lazy(() => import('./pages/InvitePage.js').then((m) => ({ default: m.InvitePage })));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js').then((m) => ({ default: m.NotFoundPage })));

/** The whole app. */
export function App() {
  return (
    <BrowserRouter>
      <NoticesProvider>
        <SessionProvider>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route element={<AppLayout />}>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/setup" element={<SetupPage />} />
                <Route element={<RequireSession />}>
                  <Route index element={<HomePage />} />
                  <Route path="/w/:workspaceId" element={<WorkspacePage />} />
                  <Route path="/w/:workspaceId/d/:documentId" element={<PlanPage />} />
                  <Route path="/w/:workspaceId/decisions" element={<DecisionsPage />} />
                  <Route path="/w/:workspaceId/decisions/:decisionId" element={<DecisionPage />} />
                  <Route path="/w/:workspaceId/meetings/:meetingId" element={<MeetingPage />} />
                  <Route path="/w/:workspaceId/audit" element={<AuditPage />} />
                  <Route path="/matrix" element={<MatrixPage />} />
                  <Route path="/search" element={<SearchPage />} />
                  <Route path="/inbox" element={<InboxPage />} />
                  <Route path="/admin" element={<AdminPage />} />
                  <Route path="/invite/:token" element={<InvitePage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
            </Routes>
          </Suspense>
        </SessionProvider>
      </NoticesProvider>
    </BrowserRouter>
  );
}

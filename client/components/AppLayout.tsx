/** Page frame: header, flash messages, the main landmark (focused after navigation) and footer. */
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { OfflineCopySync } from '../plan/offlineCopySync.js';
import { RealtimeProvider } from '../realtime/RealtimeContext.js';
import { useSession } from '../session/SessionContext.js';
import { AppHeader } from './AppHeader.js';
import { Loading } from './Loading.js';
import { NoticeList } from './Notices.js';

/** The layout route every page renders in. */
export function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  const { me } = useSession();

  useEffect(() => {
    // Move keyboard and screen-reader focus to the new page's content, but not on first load.
    if (first.current) {
      first.current = false;
      return;
    }
    // A menu or dialog the person opened while the page was still arriving keeps the focus: taking it closed the
    // menu under their click (a `<details>` menu closes when focus leaves it).
    const active = document.activeElement;
    if (active instanceof Element && active.closest('details[open], dialog[open], [role="dialog"]')) return;
    mainRef.current?.focus({ preventScroll: false });
  }, [pathname]);

  // The socket lives here, not only around signed-in pages, so the header (unread count) gets live
  // events too; the pages' own provider reuses it.
  return (
    <RealtimeProvider enabled={!!me}>
      <OfflineCopySync enabled={!!me} />
      <div className="app">
        <AppHeader />
        <NoticeList />
        <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
        <footer className="app-footer">
          <p>{t('app.footer')}</p>
        </footer>
      </div>
    </RealtimeProvider>
  );
}

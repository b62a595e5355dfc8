/** Page frame: header, flash messages, the main landmark (focused after navigation) and footer. */
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { AppHeader } from './AppHeader.js';
import { Loading } from './Loading.js';
import { NoticeList } from './Notices.js';

/** The layout route every page renders in. */
export function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // Move keyboard and screen-reader focus to the new page's content, but not on first load.
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [pathname]);

  return (
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
  );
}

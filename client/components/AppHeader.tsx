/** The banner: brand, main navigation, language switch and the signed-in user. */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useMediaQuery } from '../lib/useMediaQuery.js';
import { useSession } from '../session/SessionContext.js';
import { useSignOut } from '../session/useSignOut.js';
import { AccountMenu } from './account/AccountMenu.js';
import { InboxLink } from './comments/InboxLink.js';
import { TOOLS_IN_ACCOUNT_MENU } from './headerWidths.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SearchBox } from './SearchBox.js';
import './appHeader.css';

/** The header shown on every page. */
export function AppHeader() {
  const { t } = useTranslation();
  const { me } = useSession();
  const signOut = useSignOut();
  // On a tablet the language and sign-out wait in the account menu, so the links keep one row beside it (a phone has
  // rows to spare and keeps them in view). Signed out, the language switch is all there is: it stays.
  const folded = useMediaQuery(TOOLS_IN_ACCOUNT_MENU) && !!me;

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div className="header-inner">
        <NavLink to={me ? '/' : '/login'} className="brand" aria-label={t('app.homeLink')}>
          <span className="brand-mark" aria-hidden="true">
            +
          </span>
          <span className="brand-name">Enlace</span>
        </NavLink>
        {me && (
          <nav aria-label={t('nav.label')} className={me.user.isAdmin ? 'main-nav with-admin' : 'main-nav'}>
            {/* Where room is short (a phone, a narrow window: appHeader.css) the links show short names, «Mesas»,
                «Matriz», «Acciones», so they keep to one row; the full names are still the ones read out. */}
            <NavLink to="/" end>
              <span className="nav-label-long">{t('nav.workspaces')}</span>
              <span className="nav-label-short" aria-hidden="true">
                {t('nav.workspacesShort')}
              </span>
            </NavLink>
            <NavLink to="/matrix" className="nav-shortens">
              {/* A phone shows «Matriz» so the links share one row; the name read out stays the full one, which begins
                  with the word shown. */}
              <span className="nav-label-long">{t('nav.matrix')}</span>
              <span className="nav-label-short" aria-hidden="true">
                {t('nav.matrixShort')}
              </span>
            </NavLink>
            {me.user.isAdmin && (
              <NavLink to="/admin" className="nav-shortens">
                <span className="nav-label-long">{t('nav.admin')}</span>
                <span className="nav-label-short" aria-hidden="true">
                  {t('nav.adminShort')}
                </span>
              </NavLink>
            )}
            <NavLink to="/actions" data-testid="my-actions-link">
              <span className="nav-label-long">{t('nav.myActions')}</span>
              <span className="nav-label-short" aria-hidden="true">
                {t('nav.myActionsShort')}
              </span>
            </NavLink>
            <InboxLink />
          </nav>
        )}
        {me && <SearchBox />}
        <div className="header-tools">
          {!folded && <LanguageSwitch signedIn={!!me} />}
          {me && (
            <div className="user-box">
              <AccountMenu name={me.user.name} acronym={me.organization?.acronym} foldedTools={folded ? signOut : undefined} />
              {!folded && (
                <button type="button" className="btn btn-ghost btn-small" onClick={signOut.request} disabled={signOut.busy}>
                  {t('nav.signOut')}
                </button>
              )}
              {signOut.dialog}
            </div>
          )}
        </div>
      </div>
    </header>
  );
}

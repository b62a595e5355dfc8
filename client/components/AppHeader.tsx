/** The banner: brand, main navigation, language switch and the signed-in user. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { useSession } from '../session/SessionContext.js';
import { AccountMenu } from './account/AccountMenu.js';
import { InboxLink } from './comments/InboxLink.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SearchBox } from './SearchBox.js';

/** The header shown on every page. */
export function AppHeader() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  const onSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
    } catch (err) {
      console.warn('Sign-out failed on the server; the local session is cleared anyway', err);
    } finally {
      setBusy(false);
      navigate('/login', { replace: true });
    }
  };

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
          <nav aria-label={t('nav.label')} className="main-nav">
            <NavLink to="/" end>
              {t('nav.workspaces')}
            </NavLink>
            <NavLink to="/matrix">{t('nav.matrix')}</NavLink>
            {me.user.isAdmin && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
            <InboxLink />
          </nav>
        )}
        {me && <SearchBox />}
        <div className="header-tools">
          <LanguageSwitch signedIn={!!me} />
          {me && (
            <div className="user-box">
              <AccountMenu name={me.user.name} acronym={me.organization?.acronym} />
              <button type="button" className="btn btn-ghost btn-small" onClick={() => void onSignOut()} disabled={busy}>
                {t('nav.signOut')}
              </button>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}

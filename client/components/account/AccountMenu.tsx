/** The signed-in person's name in the header, as a menu of what they manage about their own account. */
import { useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../session/SessionContext.js';
import { closeMenuFrom, DropdownMenu } from '../DropdownMenu.js';
import { LanguageSwitch } from '../LanguageSwitch.js';
import { ModalDialog } from '../ModalDialog.js';
import { useNotices } from '../Notices.js';
import { saveOwnName } from '../../api/session.js';
import type { SignOut } from '../../session/useSignOut.js';
import { CalendarFeedPanel } from './CalendarFeedPanel.js';
import { CALENDAR_FEED_HASH } from './calendarFeedLink.js';
import { NameForm } from './NameForm.js';
import { PasswordChangeForm } from './PasswordChangeForm.js';

// Menu items are buttons, which the menu's stylesheet (written for links) does not stretch across the list.
const ITEM_STYLE = { width: '100%', justifyContent: 'flex-start' } as const;
const ITEM_STYLE_TEXT = { padding: '0.3rem 0.6rem', fontSize: '0.825rem' } as const;

/** Up to two initials of a name ("Ana Torres" → "AT"). */
function initialsOf(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => [...word][0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

interface Props {
  name: string;
  acronym?: string;
  /** Set where the header has no room for the language switch and «Cerrar sesión»: the menu ends with them. */
  foldedTools?: SignOut;
}

/** The name opens the menu (organization, "Change my name", "Change password", "Calendar", where room is short the language and sign-out); each item opens its dialog. */
export function AccountMenu({ name, acronym, foldedTools }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const { show } = useNotices();
  const [open, setOpen] = useState<'name' | 'password' | 'calendar' | null>(null);
  const [changed, setChanged] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  // Other pages link to the calendar dialog (the meeting page's «Suscribirse a todas mis reuniones») by the address's fragment.
  useEffect(() => {
    if (location.hash === CALENDAR_FEED_HASH) setOpen('calendar');
  }, [location.hash, location.key]);
  const closeCalendar = () => {
    setOpen(null);
    // The fragment goes with the dialog, so going back or reloading does not open it again.
    if (location.hash === CALENDAR_FEED_HASH) void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  };

  const openDialog = (which: 'name' | 'password' | 'calendar') => (e: MouseEvent<HTMLButtonElement>) => {
    // The dialog gives focus back to what had it when it opened: the menu's button, which stays in view.
    closeMenuFrom(e.currentTarget);
    setChanged(false);
    setOpen(which);
  };

  const onRenamed = (to: string) => {
    setOpen(null);
    show(t('account.nameChanged', { name: to }));
    // The header and the session's name come from the session (the server relabels this person's carets itself).
    void session.reload();
  };

  return (
    <>
      <DropdownMenu
        label={
          <>
            <span className="visually-hidden">{t('account.menu')}: </span>
            <span className="user-name" title={acronym ? `${name} · ${acronym}` : name}>
              {name}
            </span>
            {/* On a phone the name gives way to its initials: a lone ▾ did not say whose menu it was. */}
            <span className="user-initials" aria-hidden="true" title={name}>
              {initialsOf(name)}
            </span>
            <span aria-hidden="true">▾</span>
          </>
        }
      >
        {/* The organization sits in the menu: beside the name it pushed an admin's header onto a second row. */}
        {acronym && (
          <li className="muted" style={ITEM_STYLE_TEXT}>
            {name} · {acronym}
          </li>
        )}
        <li>
          <button type="button" className="btn btn-ghost btn-small" style={ITEM_STYLE} onClick={openDialog('name')}>
            {t('account.changeName')}
          </button>
        </li>
        <li>
          <button type="button" className="btn btn-ghost btn-small" style={ITEM_STYLE} onClick={openDialog('password')}>
            {t('account.changePassword')}
          </button>
        </li>
        <li>
          <button type="button" className="btn btn-ghost btn-small" style={ITEM_STYLE} onClick={openDialog('calendar')}>
            {t('account.calendar.menu')}
          </button>
        </li>
        {foldedTools && (
          <>
            <li className="account-menu-language" style={ITEM_STYLE_TEXT}>
              {/* The group is named «Idioma» already; the word shown is for sighted people. */}
              <span aria-hidden="true">{t('lang.label')}</span>
              <LanguageSwitch signedIn />
            </li>
            <li>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                style={ITEM_STYLE}
                disabled={foldedTools.busy}
                onClick={(e) => {
                  closeMenuFrom(e.currentTarget);
                  foldedTools.request();
                }}
              >
                {t('nav.signOut')}
              </button>
            </li>
          </>
        )}
      </DropdownMenu>
      <ModalDialog open={open === 'name'} title={t('account.nameTitle')} onClose={() => setOpen(null)} testId="name-change-dialog">
        <NameForm current={name} intro={t('account.nameIntro')} save={saveOwnName} onSaved={onRenamed} onCancel={() => setOpen(null)} />
      </ModalDialog>
      <ModalDialog open={open === 'password'} title={t('account.passwordTitle')} onClose={() => setOpen(null)} testId="password-change-dialog">
        {changed ? (
          <div className="form">
            <p className="notice notice-info" role="status">
              {t('account.changed')}
            </p>
            <div>
              <button type="button" className="btn btn-primary" onClick={() => setOpen(null)}>
                {t('account.close')}
              </button>
            </div>
          </div>
        ) : (
          <PasswordChangeForm onChanged={() => setChanged(true)} onCancel={() => setOpen(null)} />
        )}
      </ModalDialog>
      <ModalDialog open={open === 'calendar'} title={t('account.calendar.title')} onClose={closeCalendar} testId="calendar-feed-dialog">
        <CalendarFeedPanel />
        <div>
          <button type="button" className="btn btn-ghost" onClick={closeCalendar}>
            {t('account.close')}
          </button>
        </div>
      </ModalDialog>
    </>
  );
}

/** Header control to switch the interface language; remembers it locally and on the server. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.js';
import { saveLocale } from '../api/session.js';
import { applyLanguage, asLanguage, LANGUAGES, rememberSignedOutChoice, type Language } from '../i18n/index.js';

/** Two toggle buttons (ES / EN); `signedIn` also saves the choice to the user's profile. */
export function LanguageSwitch({ signedIn, className }: { signedIn: boolean; className?: string }) {
  const { t, i18n } = useTranslation();
  const current = asLanguage(i18n.language) ?? 'es';

  const choose = async (lng: Language) => {
    if (lng === current) return;
    await applyLanguage(lng, true);
    if (!signedIn) return rememberSignedOutChoice(lng);
    try {
      await saveLocale(lng);
    } catch (err) {
      // An older server has no PATCH /api/me yet (404); the local choice still holds.
      if (!(err instanceof ApiError && (err.status === 404 || err.status === 405))) console.warn('Could not save the language', err);
    }
  };

  return (
    <div className={className ? `lang-switch ${className}` : 'lang-switch'} role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          className="lang-btn"
          aria-pressed={lng === current}
          lang={lng}
          title={t(`lang.${lng}`)}
          onClick={() => void choose(lng)}
        >
          <span aria-hidden="true">{lng.toUpperCase()}</span>
          <span className="visually-hidden">{t(`lang.${lng}`)}</span>
        </button>
      ))}
    </div>
  );
}

/** i18next set-up: Spanish by default, English too; the choice persists in localStorage. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'enlace.locale';

/** Narrows any string to a supported language, or null. */
export function asLanguage(value: unknown): Language | null {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value.slice(0, 2)) ? (value.slice(0, 2) as Language) : null;
}

/** The language the user picked on this device, if any. */
export function storedLanguage(): Language | null {
  try {
    return asLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage can be blocked (privacy mode); then the choice simply doesn't persist.
    return null;
  }
}

/** Switches the interface language; `persist` also remembers it on this device. */
export async function applyLanguage(lng: Language, persist: boolean): Promise<void> {
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // See storedLanguage: not persisting is acceptable.
    }
  }
  document.documentElement.lang = lng;
  if (i18n.language !== lng) await i18n.changeLanguage(lng);
}

const PENDING_KEY = 'enlace.locale.pending';

/** Remembers a choice made while signed out, to carry into the person's profile at sign-in. */
export function rememberSignedOutChoice(lng: Language): void {
  try {
    localStorage.setItem(PENDING_KEY, lng);
  } catch {
    // See storedLanguage: not persisting is acceptable.
  }
}

/** The signed-out choice not yet saved to a profile, removed as it is read. */
export function takeSignedOutChoice(): Language | null {
  try {
    const lng = asLanguage(localStorage.getItem(PENDING_KEY));
    localStorage.removeItem(PENDING_KEY);
    return lng;
  } catch {
    return null;
  }
}

/** Initializes i18next once, before the first render. */
export function initI18n(): typeof i18n {
  const lng = storedLanguage() ?? 'es';
  document.documentElement.lang = lng;
  void i18n.use(initReactI18next).init({
    resources: { es: { translation: es }, en: { translation: en } },
    lng,
    fallbackLng: 'es',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return i18n;
}

export default i18n;

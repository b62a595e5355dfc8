/** The web app's translations outside a browser, for unit tests of client wording. */
import i18next, { type TFunction } from 'i18next';
import en from '../../client/i18n/en.json' with { type: 'json' };
import es from '../../client/i18n/es.json' with { type: 'json' };

/** A translate function per interface language, over the app's own resources. */
export async function translators(): Promise<{ es: TFunction; en: TFunction }> {
  const make = async (lng: string) => {
    const i = i18next.createInstance();
    await i.init({ lng, resources: { es: { translation: es }, en: { translation: en } }, interpolation: { escapeValue: false } });
    return i.t;
  };
  const [tEs, tEn] = await Promise.all([make('es'), make('en')]);
  return { es: tEs, en: tEn };
}

import i18next, { type TOptions } from 'i18next';
import { LANGUAGES, FALLBACK_LANGUAGE, type Language } from './languages';
import { catalogues } from './catalogues';

export type Translate = (key: string, vars?: TOptions) => string;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: catalogues[lang] }])),
  supportedLngs: [...LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  // Cards and plain text escape on their own; i18next's HTML escaping would show &amp; in Teams.
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

const translators = new Map<Language, Translate>(
  LANGUAGES.map((lang) => [lang, instance.getFixedT(lang) as unknown as Translate]),
);

/** The catalogue lookup for one language; every user-facing string goes through one of these. */
export function translator(language: Language): Translate {
  return translators.get(language)!;
}

export function hasKey(language: Language, key: string): boolean {
  return instance.exists(key, { lng: language, fallbackLng: false });
}

export const LANGUAGES = ['en', 'fr', 'it', 'pt', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Teams sends BCP-47 locales (fr-FR, pt-BR, es-419); we serve the language part when we have it. */
export function languageFromLocale(locale: unknown, fallback: Language = FALLBACK_LANGUAGE): Language {
  // A locale comes from the client: anything but a string gets the fallback, never an exception.
  if (typeof locale !== 'string') return fallback;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : fallback;
}

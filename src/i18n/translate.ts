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
  // Values stay as given: every place that shows them treats them as text already (TextRuns on
  // cards, and replies quoting what was typed are cards too: bot/reply.ts; React and the report
  // page, which escapes once itself, in the tab). Escaping here would show "&amp;" on a card.
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

/** Every string of a catalogue under its dotted key, for the common case. */
function flatten(tree: Record<string, unknown>, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(path, value);
    else if (value && typeof value === 'object') flatten(value as Record<string, unknown>, path, into);
  }
  return into;
}

const flat = new Map<Language, Map<string, string>>(LANGUAGES.map((lang) => [lang, flatten(catalogues[lang])]));

/** A whole catalogue section (returnObjects), the language's strings over English ones, frozen. */
function sectionOf(language: Language, key: string): Record<string, unknown> | undefined {
  const pick = (tree: Record<string, unknown>) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
  const merge = (base: unknown, over: unknown): unknown => {
    if (!base || typeof base !== 'object' || !over || typeof over !== 'object') return over ?? base;
    const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over as Record<string, unknown>)) merged[k] = merge(merged[k], v);
    return merged;
  };
  const section = merge(pick(catalogues[FALLBACK_LANGUAGE]), pick(catalogues[language]));
  return section && typeof section === 'object' ? Object.freeze(section as Record<string, unknown>) : undefined;
}
const fallback = flat.get(FALLBACK_LANGUAGE)!;

/** Options that need i18next itself: plurals, whole sections, contexts, defaults. */
const NEEDS_I18NEXT = ['count', 'returnObjects', 'context', 'defaultValue', 'lng', 'ordinal'];

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * i18next costs about 20 µs a call, and a card asks for dozens of labels: a plain key with
 * {{variables}} is looked up in a flat map and interpolated the way i18next does it (a missing
 * variable stays as written, null becomes empty); everything else goes to i18next.
 */
function fastTranslator(language: Language): Translate {
  const slow = instance.getFixedT(language) as unknown as Translate;
  const own = flat.get(language)!;
  const sections = new Map<string, Record<string, unknown> | undefined>();
  return (key, vars) => {
    if (vars && vars.returnObjects === true && Object.keys(vars).length === 1) {
      if (!sections.has(key)) sections.set(key, sectionOf(language, key));
      const section = sections.get(key);
      if (section) return section as unknown as string;
    }
    if (vars && NEEDS_I18NEXT.some((option) => option in vars)) return slow(key, vars);
    const text = own.get(key) ?? fallback.get(key);
    if (text === undefined) return slow(key, vars);
    if (!vars || !text.includes('{{')) return text;
    const values = vars as Record<string, unknown>;
    return text.replace(PLACEHOLDER, (match, name: string) => (name in values ? String(values[name] ?? '') : match));
  };
}

const translators = new Map<Language, Translate>(LANGUAGES.map((lang) => [lang, fastTranslator(lang)]));

/** The catalogue lookup for one language; every user-facing string goes through one of these. */
export function translator(language: Language): Translate {
  return translators.get(language)!;
}

/** i18next itself, without the fast path: the reference the fast path is tested against. */
export function i18nextTranslator(language: Language): Translate {
  return instance.getFixedT(language) as unknown as Translate;
}

export function hasKey(language: Language, key: string): boolean {
  return instance.exists(key, { lng: language, fallbackLng: false });
}

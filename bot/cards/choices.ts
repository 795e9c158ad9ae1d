import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { COUNTRIES, countryName } from '../../src/reference/countries';
import { naceDivisions } from '../../src/reference/nace';

export interface Choice {
  title: string;
  value: string;
}

const collators = new Map<Language, Intl.Collator>();

function byTitle(language: Language) {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(language);
    collators.set(language, collator);
  }
  return (a: Choice, b: Choice) => collator!.compare(a.title, b.title);
}

/** Choices sorted by their titles as the user's language sorts them. */
export function byTitleChoices(language: Language, choices: Choice[]): Choice[] {
  return choices.sort(byTitle(language));
}

/** Countries by their name in the user's language, sorted as that language sorts. */
export function countryChoices(language: Language): Choice[] {
  return COUNTRIES.map((code) => ({ title: countryName(code, language), value: code })).sort(byTitle(language));
}

export function sectorChoices(language: Language): Choice[] {
  return naceDivisions().map((division) => ({ title: `${division.code} – ${division.labels[language] ?? division.labels.en}`, value: division.code }));
}

/** Choices of a fixed vocabulary, labelled from the catalogue section given. */
export function vocabularyChoices(t: Translate, section: string, values: readonly string[]): Choice[] {
  return values.map((value) => ({ title: t(`${section}.${value}`), value }));
}

/** Adaptive Card multi-select ChoiceSets submit "a,b,c". */
export function splitMultiSelect(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** Building an Intl formatter costs far more than using one: one per language, reused. */
export function formatDate(iso: string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

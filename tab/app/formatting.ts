import type { Language } from '../../src/i18n/languages';

export { actionWhen } from '../../src/plans/actionWhen';

export function timeOfDay(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

/** "3 Oct 2024, 14:05" in the reader's language and time zone: when a timeline entry was written. */
export function dateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function percent(rate: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

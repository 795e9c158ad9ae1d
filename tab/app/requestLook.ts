import type { Language } from '../../src/i18n/languages';

/** "9 Dec 2026" in the reader's language: deadlines are calendar days, shown without a time zone shift. */
export function calendarDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

export function workingDays(days: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(days);
}

export function authorityLabel(authority: { shortName: string; memberState: string }): string {
  return `${authority.shortName} (${authority.memberState})`;
}

export function listOf(items: string[], language: Language): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}

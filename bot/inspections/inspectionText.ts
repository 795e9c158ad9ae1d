import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { DomainErrorDetail } from '../../src/errors';
import { countryName } from '../../src/reference/countries';
import { formatDate } from '../cards/choices';

export function statusLabel(t: Translate, status: string): string {
  return t(`inspections.status.${status}`);
}

export function kindLabel(t: Translate, kind: string): string {
  return t(`inspections.kind.${kind}`);
}

const rangeFormats = new Map<Language, Intl.DateTimeFormat>();

/** "12–14 May 2026", "28 May – 2 Jun 2026": one day or a range, as the language writes it. */
export function datesText(startDate: string, endDate: string, language: Language): string {
  if (startDate === endDate) return formatDate(startDate, language);
  let format = rangeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    rangeFormats.set(language, format);
  }
  return format.formatRange(new Date(`${startDate}T00:00:00Z`), new Date(`${endDate}T00:00:00Z`));
}

export function placeText(place: { city: string; region: string | null; placeState: string }, language: Language): string {
  return [place.city, place.region, countryName(place.placeState, language)].filter(Boolean).join(', ');
}

export function statesText(states: string[], language: Language): string {
  return states.map((code) => countryName(code, language)).join(', ');
}

/**
 * A domain error in the reader's words: status codes become their labels and dates are written
 * as the language writes them.
 */
export function errorText(t: Translate, language: Language, detail: DomainErrorDetail): string {
  const vars: Record<string, string | number> = { ...(detail.vars ?? {}) };
  for (const name of ['status', 'to']) if (typeof vars[name] === 'string') vars[name] = statusLabel(t, vars[name] as string);
  if (typeof vars.allowed === 'string') vars.allowed = vars.allowed.split(',').map((status) => statusLabel(t, status)).join(', ');
  if (typeof vars.date === 'string') vars.date = formatDate(vars.date, language);
  return t(detail.key, vars);
}

/** Several problems of one click (e.g. both new dates missing), each with the field it concerns. */
export function errorsText(t: Translate, language: Language, details: DomainErrorDetail[], fieldLabels: Record<string, string> = {}): string {
  const lines = details.map((detail) => {
    const message = errorText(t, language, detail);
    const label = detail.field ? fieldLabels[detail.field] : undefined;
    return label ? `${label}: ${message}` : message;
  });
  return [...new Set(lines)].join(' ');
}

import type { Language } from '../i18n/languages';

function utcDate(isoDate: string): Date | null {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * When an action takes place, in the reader's language: exact dates when known ("22–23 Nov 2024"),
 * else the planned period ("November 2024", "2024-Q2", "2024"). Shared by the cards, the report
 * page and the tab.
 */
export function actionWhen(action: { startDate: string | null; endDate: string | null; period: string | null }, language: Language): string | null {
  const start = action.startDate ? utcDate(action.startDate) : null;
  const end = action.endDate ? utcDate(action.endDate) : null;
  const day = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  if (start && end && end.getTime() !== start.getTime()) return day.formatRange(start, end);
  if (start) return day.format(start);

  const period = action.period?.trim();
  if (!period) return null;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  // Quarters ("2024-Q2") and whole years are shown as recorded.
  return period;
}

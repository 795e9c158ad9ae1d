import type { Language } from '../../src/i18n/languages';
import type { PlanAction } from './plan';

function utcDate(isoDate: string): Date | null {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Exact dates when known ("22–23 Nov 2024"), else the planned period ("November 2024", "2024"). */
export function actionWhen(action: Pick<PlanAction, 'startDate' | 'endDate' | 'period'>, language: Language): string | null {
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
  // Quarters ("2024-Q2") and free text are shown as recorded.
  return period;
}

export function timeOfDay(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

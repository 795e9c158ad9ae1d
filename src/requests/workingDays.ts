import type Holidays from 'date-holidays';

/**
 * Deadlines of information requests count the ADDRESSED state's working days (Directive
 * 2014/67/EU art. 6(6): urgent 2, otherwise 25): weekends and that state's national public
 * holidays do not count. Regional holidays are left out: an authority answers nationally.
 */
export const WORKING_DAYS = { urgent: 2, normal: 25 } as const;
export type RequestUrgency = keyof typeof WORKING_DAYS;

const calendars = new Map<string, Holidays>();

/**
 * date-holidays brings every country's rules and moment-timezone (about 25 MB of resident memory),
 * so it is loaded when the first deadline is counted, not when the app starts: most of the app's
 * turns (alerts, the plan, the tab) never count working days.
 */
let HolidaysClass: typeof Holidays | null = null;

function calendarOf(country: string): Holidays {
  let calendar = calendars.get(country);
  if (!calendar) {
    HolidaysClass ??= require('date-holidays') as typeof Holidays;
    calendar = new HolidaysClass(country, { types: ['public'] });
    calendars.set(country, calendar);
  }
  return calendar;
}

/** The national public holidays of a state on a day (YYYY-MM-DD). */
export function isPublicHoliday(country: string, isoDate: string): boolean {
  const found = calendarOf(country).isHoliday(new Date(`${isoDate}T12:00:00`));
  return Array.isArray(found) && found.some((h) => h.type === 'public');
}

export function isWorkingDay(country: string, isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(country, isoDate);
}

const nextDay = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The day `count` working days of the state after `fromDate` (the day it is sent does not count). */
export function addWorkingDays(country: string, fromDate: string, count: number): string {
  let day = fromDate;
  for (let left = count; left > 0; ) {
    day = nextDay(day);
    if (isWorkingDay(country, day)) left -= 1;
  }
  return day;
}

/** The working day before a date (for the reminder a working day ahead). */
export function previousWorkingDay(country: string, isoDate: string): string {
  let day = new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  while (!isWorkingDay(country, day)) day = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return day;
}

export function dueDate(country: string, sentDate: string, urgency: RequestUrgency): string {
  return addWorkingDays(country, sentDate, WORKING_DAYS[urgency]);
}

/**
 * Working days of the state in (fromDate, toDate]: how long an answer took, counted as its
 * deadline is (the day it was sent does not count; an answer on the day of an urgent request's
 * deadline took 2). An answer given the day it was sent, or over a weekend, took 0.
 */
export function workingDaysBetween(country: string, fromDate: string, toDate: string): number {
  let count = 0;
  for (let day = fromDate; day < toDate; ) {
    day = nextDay(day);
    if (isWorkingDay(country, day)) count += 1;
  }
  return count;
}

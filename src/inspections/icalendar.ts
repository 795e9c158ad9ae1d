/**
 * A small iCalendar (RFC 5545) writer for all-day events: CRLF line ends, TEXT escaping, and
 * lines folded at 75 octets without splitting a UTF-8 character.
 */

export type EventStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';

export interface CalendarEvent {
  uid: string;
  /** When the event's information last changed (ISO instant). */
  lastModified: string;
  /** First and last day, inclusive (YYYY-MM-DD). */
  startDate: string;
  endDate: string;
  summary: string;
  location: string | null;
  description: string | null;
  status: EventStatus;
  sequence: number;
  categories: string[];
}

export interface Calendar {
  productId: string;
  name: string;
  description: string;
  /** How often subscribers should fetch the feed again. */
  refreshMinutes: number;
  events: CalendarEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT values: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** Splits a content line into 75-octet lines, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const basicDate = (isoDate: string) => isoDate.replace(/-/g, '');
const basicInstant = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function dayAfter(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function eventLines(event: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${basicInstant(event.lastModified)}`,
    `LAST-MODIFIED:${basicInstant(event.lastModified)}`,
    `DTSTART;VALUE=DATE:${basicDate(event.startDate)}`,
    // DTEND of an all-day event is the day after the last one (exclusive).
    `DTEND;VALUE=DATE:${basicDate(dayAfter(event.endDate))}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.categories.length > 0 ? [`CATEGORIES:${event.categories.map(escapeText).join(',')}`] : []),
    `STATUS:${event.status}`,
    `SEQUENCE:${event.sequence}`,
    // A day on a joint inspection does not make the person unavailable for everything else.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

export function writeCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `DESCRIPTION:${escapeText(calendar.description)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:PT${calendar.refreshMinutes}M`,
    `X-PUBLISHED-TTL:PT${calendar.refreshMinutes}M`,
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

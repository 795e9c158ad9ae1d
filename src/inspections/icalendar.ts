/**
 * The inspection feed as RFC 5545 text, written by ical-generator (CRLF line ends, TEXT escaping,
 * lines folded at 75 octets without splitting a UTF-8 character). Callers build plain typed
 * events; this file is the only one that knows the library.
 */
import ical, { escape, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';

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
  /** Written as PRODID:-//company//product//EN. */
  product: { company: string; product: string };
  name: string;
  description: string;
  /** How often subscribers should fetch the feed again. */
  refreshMinutes: number;
  events: CalendarEvent[];
}

const CRLF = '\r\n';

const STATUS: Record<EventStatus, ICalEventStatus> = {
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CONFIRMED: ICalEventStatus.CONFIRMED,
  CANCELLED: ICalEventStatus.CANCELLED,
};

/**
 * Control characters other than line breaks are not allowed in TEXT values (RFC 5545 3.1) and the
 * library passes them through, so they are dropped before it escapes the rest.
 */
const plain = (value: string) => value.replace(/[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/g, '');

/** The library writes UID, NAME and X-WR-CAL* as given, so those are escaped here. */
const escaped = (value: string) => escape(plain(value), false);

function dayAfter(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function writeCalendar(calendar: Calendar): string {
  const feed = ical({
    prodId: { ...calendar.product, language: 'EN' },
    scale: 'GREGORIAN',
    method: ICalCalendarMethod.PUBLISH,
    name: escaped(calendar.name),
    description: escaped(calendar.description),
    ttl: calendar.refreshMinutes * 60,
  });
  for (const event of calendar.events) {
    const modified = new Date(event.lastModified);
    feed.createEvent({
      id: escaped(event.uid),
      // DTSTAMP is when the event's information was made, not when the feed was fetched: a feed
      // read twice without changes is the same text, and clients see no spurious update.
      stamp: modified,
      lastModified: modified,
      allDay: true,
      // Date strings without a time are read as UTC midnight, so the day written is the day given.
      start: event.startDate,
      // DTEND of an all-day event is the day after the last one (exclusive).
      end: dayAfter(event.endDate),
      summary: plain(event.summary),
      location: event.location ? plain(event.location) : null,
      description: event.description ? plain(event.description) : null,
      categories: event.categories.map((name) => ({ name: plain(name) })),
      status: STATUS[event.status],
      sequence: event.sequence,
      // A day on a joint inspection does not make the person unavailable for everything else.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  // Every content line ends with CRLF (RFC 5545 3.1), the last one too; the library leaves it off.
  return feed.toString() + CRLF;
}

import type { Language } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import type { OpenItems, OpenList } from './openItems';

export type OpenItemKind = 'alert' | 'inspection' | 'action' | 'request';

/** One item as a reader sees it: a heading (a name people typed: shown literally) and a line of the catalogue's words. */
export interface OpenItemLine {
  kind: OpenItemKind;
  ref: string;
  heading: string;
  line: string;
  tone: 'default' | 'warning' | 'attention';
}

export interface OpenItemSection {
  kind: OpenItemKind;
  title: string;
  empty: string;
  items: OpenItemLine[];
  /** "And 3 more." when the list was cut; '' otherwise. */
  more: string;
}

export interface OpenItemsText {
  title: string;
  intro: string;
  sections: OpenItemSection[];
}

const dayFormats = new Map<Language, Intl.DateTimeFormat>();

function day(iso: string, language: Language): string {
  let format = dayFormats.get(language);
  if (!format) dayFormats.set(language, (format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return format.format(new Date(iso));
}

function section<T>(t: Translate, kind: OpenItemKind, title: string, list: OpenList<T>, show: (item: T) => Omit<OpenItemLine, 'kind'>): OpenItemSection {
  return {
    kind,
    title,
    empty: t('mine.empty'),
    items: list.items.map((item) => ({ kind, ...show(item) })),
    more: list.total > list.items.length ? t('mine.more', { number: list.total - list.items.length }) : '',
  };
}

/**
 * My open items in the reader's language, the same words for the bot's card and the tab: each
 * adapter only lays them out (and decides how an item opens).
 */
export function describeOpenItems(t: Translate, language: Language, items: OpenItems, authority: { shortName: string }): OpenItemsText {
  const date = (iso: string) => day(iso, language);
  const state = items.memberState ?? 'EU';
  return {
    title: t('mine.title'),
    intro: t('mine.intro', { authority: authority.shortName, state, date: date(items.today) }),
    sections: [
      section(t, 'alert', t('mine.alerts', { number: items.alerts.total }), items.alerts, (alert) => ({
        ref: alert.ref,
        heading: alert.companyName,
        line: t('mine.alertLine', { ref: alert.ref, urgency: t(`alerts.urgency.${alert.urgency}`), authority: alert.reportingAuthority, state: alert.reportingState ?? 'EU', date: date(alert.createdAt) }),
        tone: alert.urgency === 'urgent' ? 'attention' : alert.urgency === 'priority' ? 'warning' : 'default',
      })),
      section(t, 'inspection', t('mine.inspections', { number: items.inspections.total }), items.inspections, (inspection) => ({
        ref: inspection.ref,
        heading: inspection.city,
        line: t('mine.inspectionLine', {
          ref: inspection.ref,
          kind: t(`inspections.kind.${inspection.kind}`),
          city: inspection.city,
          start: date(inspection.startDate),
          end: date(inspection.endDate),
          status: t(`inspections.status.${inspection.status}`),
          task: t(`mine.task.${inspection.task}`),
        }),
        tone: inspection.task === 'take_part' ? 'default' : 'warning',
      })),
      section(t, 'action', t('mine.actions', { state, number: items.actions.total }), items.actions, (action) => ({
        ref: action.ref,
        heading: action.title,
        line: t('mine.actionLine', {
          ref: action.ref,
          status: t(`plan.status.${action.status}`),
          reasons: [
            ...(action.overdue ? [t('mine.overdue', { date: date(action.endDate) })] : []),
            ...(action.stale ? [t('mine.stale', { date: date(action.lastUpdateAt) })] : []),
          ].join(', '),
        }),
        tone: action.overdue ? 'attention' : 'warning',
      })),
      section(t, 'request', t('mine.requests', { number: items.requests.total }), items.requests, (request) => ({
        ref: request.ref,
        heading: request.ref,
        line:
          t('mine.requestLine', {
            ref: request.ref,
            authority: request.requester,
            state: request.requesterState,
            urgency: t(`requests.urgency.${request.urgency}`),
            status: t(`requests.addresseeStatus.${request.status}`),
            date: date(request.dueDate),
          }) + (request.overdue ? ` · ${t('mine.late')}` : ''),
        tone: request.overdue ? 'attention' : request.urgency === 'urgent' ? 'warning' : 'default',
      })),
    ],
  };
}

import { isSubcommand } from '../commands/commandWords';
import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { issueCalendarLinks, openCalendarFeed, revokeCalendarLinks } from '../../src/inspections/calendarLinks';
import { datedActions, involvedStates, type ActionSummary } from '../../src/plans/actionRows';
import type { ActionStatus } from '../../src/plans/vocabulary';
import { countryName } from '../../src/reference/countries';
import { inspectionsForCalendar, type InspectionView } from '../../src/inspections/inspectionQueries';
import { writeCalendar, type CalendarEvent, type EventStatus } from '../../src/inspections/icalendar';
import { addDays, today } from '../../src/inspections/dates';
import type { InspectionStatus } from '../../src/inspections/vocabulary';
import type { Language } from '../../src/i18n/languages';
import { translator } from '../../src/i18n/translate';
import { naceLabel } from '../../src/reference/nace';
import { log } from '../../src/log';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { identityNotice, replyWithCard } from '../reply';
import { actingTurn } from '../turn';
import { datesText, kindLabel, placeText, statesText, statusLabel } from './inspectionText';

export const CALENDAR_PATH = '/api/inspections.ics';
/** Subscribers (Outlook) are asked to fetch again every hour. */
const REFRESH_MINUTES = 60;
/** The feed shows inspections from a year back on. */
const HISTORY_DAYS = 365;

const EVENT_STATUS: Record<InspectionStatus, EventStatus> = {
  proposed: 'TENTATIVE',
  postponed: 'TENTATIVE',
  agreed: 'CONFIRMED',
  carried_out: 'CONFIRMED',
  report_shared: 'CONFIRMED',
  closed: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

const ACTION_EVENT_STATUS: Record<ActionStatus, EventStatus> = {
  planned: 'TENTATIVE',
  postponed: 'TENTATIVE',
  initiated: 'CONFIRMED',
  implemented: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

/**
 * A dated plan action (a meeting, a staff exchange, a workshop, a training, a study visit...):
 * its type, places and states; descriptions and notes stay out, as for inspections.
 */
function actionEvent(language: Language, action: ActionSummary): CalendarEvent {
  const t = translator(language);
  const type = t(`plan.type.${action.type}`);
  const status = t(`plan.status.${action.status}`);
  const endDate = action.endDate ?? action.startDate!;
  const places = action.places.map((place) => [place.city, place.region, countryName(place.country, language)].filter(Boolean).join(', ')).join('; ');
  const description = [
    t('inspections.calendar.eventType', { type }),
    t('inspections.calendar.eventStatus', { status }),
    t('inspections.calendar.eventDates', { dates: datesText(action.startDate!, endDate, language) }),
    ...(action.states.length > 0 ? [t('inspections.calendar.eventStates', { states: statesText(involvedStates(action), language) })] : []),
    ...(action.leadAuthority ? [t('inspections.calendar.eventLead', { lead: `${action.leadAuthority.shortName} (${action.leadState ?? 'EU'})` })] : []),
    t('inspections.calendar.eventAction', { ref: action.ref }),
    ...(action.statusReason ? [t('inspections.card.reasonLine', { reason: action.statusReason })] : []),
  ];
  return {
    uid: `action-${action.ref}@cooperation-desk`,
    lastModified: action.updatedAt,
    startDate: action.startDate!,
    endDate,
    summary: t('inspections.calendar.actionSummary', { ref: action.ref, type, title: action.title, status }),
    location: places || null,
    description: description.join('\n'),
    status: ACTION_EVENT_STATUS[action.status],
    sequence: action.version,
    categories: [type],
  };
}

/** Company names and notes stay out of the feed: calendars are synced to many devices. */
function calendarEvent(language: Language, inspection: InspectionView, readerId: number): CalendarEvent {
  const t = translator(language);
  const own = inspection.participants.find((p) => p.userId === readerId);
  const description = [
    t('inspections.calendar.eventStatus', { status: statusLabel(t, inspection.status) }),
    t('inspections.calendar.eventDates', { dates: datesText(inspection.startDate, inspection.endDate, language) }),
    t('inspections.calendar.eventStates', { states: statesText(inspection.states, language) }),
    t('inspections.calendar.eventLead', { lead: `${inspection.leadAuthority.shortName} (${inspection.leadAuthority.memberState ?? 'EU'})` }),
    ...(inspection.sector ? [t('inspections.calendar.eventSector', { sector: `${inspection.sector} – ${naceLabel(inspection.sector, language)}` })] : []),
    ...(inspection.action ? [t('inspections.calendar.eventAction', { ref: inspection.action.ref })] : []),
    t('inspections.calendar.eventJoining', { count: inspection.participants.filter((p) => p.answer === 'join').length }),
    ...(own ? [t(own.answer === 'join' ? 'inspections.calendar.youJoin' : 'inspections.calendar.youDecline')] : []),
    ...(inspection.statusReason ? [t('inspections.card.reasonLine', { reason: inspection.statusReason })] : []),
  ];
  return {
    uid: `${inspection.ref}@cooperation-desk`,
    lastModified: inspection.updatedAt,
    startDate: inspection.startDate,
    endDate: inspection.endDate,
    summary: t('inspections.calendar.eventSummary', { ref: inspection.ref, kind: kindLabel(t, inspection.kind), place: `${inspection.city} (${inspection.placeState})`, status: statusLabel(t, inspection.status) }),
    location: placeText(inspection, language),
    description: description.join('\n'),
    status: EVENT_STATUS[inspection.status],
    sequence: inspection.version,
    categories: [kindLabel(t, inspection.kind)],
  };
}

function calendarText(deps: BotDeps, language: Language, readerId: number, onlyState: string | null): string {
  const t = translator(language);
  const from = addDays(today(deps.clock), -HISTORY_DAYS);
  const inspections = inspectionsForCalendar(deps.db, from).filter((inspection) => !onlyState || inspection.states.includes(onlyState));
  const actions = datedActions(deps.db, from).filter((action) => !onlyState || involvedStates(action).includes(onlyState));
  return writeCalendar({
    product: { company: 'Cooperation Desk', product: 'Concerted and joint inspections' },
    name: onlyState ? t('inspections.calendar.feedNameState', { state: countryName(onlyState, language) }) : t('inspections.calendar.feedName'),
    description: t('inspections.calendar.feedDescription'),
    refreshMinutes: REFRESH_MINUTES,
    events: [...inspections.map((inspection) => calendarEvent(language, inspection, readerId)), ...actions.map((action) => actionEvent(language, action))],
  });
}

/**
 * GET /api/inspections.ics?token=...: the feed for a working personal link. Any other request
 * gets a bare 404, so a probe learns nothing about which links exist.
 */
export function registerCalendarRoute(server: Server, deps: BotDeps): void {
  server.get(CALENDAR_PATH, async (req, res) => {
    const token = typeof req.query?.token === 'string' ? req.query.token : '';
    const reader = openCalendarFeed(deps.db, deps.clock, token, { allowUnmapped: deps.config.mode === 'local' });
    if (!reader) {
      log.warn('calendar.refused', { tokenGiven: token !== '' });
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="inspections.ics"',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(calendarText(deps, reader.language, reader.userId, reader.onlyState));
  });
}

function isPersonalChat(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === 'personal' || (!type && !context.activity.conversation?.isGroup);
}

/** The card with a newly issued personal link, for the person who asked only. */
function calendarLinkCard(context: TurnContext, deps: BotDeps): AdaptiveCard {
  const { t, language, member, correlationId } = actingTurn(context);
  const { secrets, replaced } = issueCalendarLinks(deps.db, deps.clock, member, language, correlationId);
  const address = (secret: string | undefined) => (secret ? `${deps.config.publicBaseUrl ?? ''}${CALENDAR_PATH}?token=${secret}` : '');
  const state = member.authority.memberState;
  return renderCard('cjiCalendar', {
    notice: identityNotice(context) ?? '',
    title: t('inspections.calendar.title'),
    intro: t('inspections.calendar.intro'),
    linkLabel: t('inspections.calendar.link'),
    url: address(secrets.all),
    stateLinkLabel: state ? t('inspections.calendar.stateLink', { state: countryName(state, language) }) : '',
    stateUrl: address(secrets.state),
    replaced: replaced > 0 ? t('inspections.calendar.replaced') : '',
    warning: t('inspections.calendar.warning'),
  });
}

/**
 * `/cji calendar [revoke]`. A secret link is never posted where others read it: in a personal
 * chat it is the answer; in a channel or group chat the answer is a button whose response is
 * shown to the person who pressed it only (an external member of a shared channel has no
 * personal chat with the app to be sent one).
 */
export async function calendarCommand(context: TurnContext, deps: BotDeps, args: string[]): Promise<void> {
  const { t, member, correlationId } = actingTurn(context);
  if (isSubcommand('cji', 'revoke', args[1])) {
    const revoked = revokeCalendarLinks(deps.db, deps.clock, member, correlationId);
    await context.sendActivity(t(revoked > 0 ? 'inspections.calendar.revoked' : 'inspections.calendar.nothingToRevoke'));
    return;
  }
  if (!isPersonalChat(context)) {
    await replyWithCard(
      context,
      renderCard('cjiCalendarPrivate', {
        notice: identityNotice(context) ?? '',
        title: t('inspections.calendar.privateTitle'),
        intro: t('inspections.calendar.privateIntro'),
        showLabel: t('inspections.calendar.showMine'),
      }),
    );
    return;
  }
  await replyWithCard(context, calendarLinkCard(context, deps));
}

/** The button of that card: the presser's own link, in the invoke response only they see. */
export async function onCalendarLink(context: TurnContext, deps: BotDeps): Promise<AdaptiveCard> {
  return calendarLinkCard(context, deps);
}

import { forAll, forInteractor, type Feature } from '../feature';
import { onCalendarLink, registerCalendarRoute } from './calendarFeed';
import { cjiCommand } from './cjiCommand';
import { channelCardOf, inspectionEventPosts } from './inspectionChannel';
import { onInspectionsPage } from './inspectionList';
import { onRsvp, onShowInspection, onStatusChange } from './lifecycleHandlers';
import { onOutcomeFormRequested, onOutcomeSubmit } from './outcomeForm';
import { postDueReminders, reminderCardOf } from './reminderJob';
import { onInspectionSubmit, onScheduleFromAlert } from './scheduleHandlers';
import { inspectionAudience } from '../../src/mine/audiences';

/** Concerted and joint inspections: /cji, the card's lifecycle and answers, reminders and the calendar feed. */
export const inspectionFeature: Feature = {
  commands: [{ name: 'cji', handler: cjiCommand }],
  cardActions: [
    // Forms and navigation answer the person who clicked; a change of the inspection updates its card for everyone.
    { verb: 'cji.new', handler: forInteractor(onScheduleFromAlert) },
    { verb: 'cji.submit', handler: onInspectionSubmit },
    { verb: 'cji.status', handler: forAll(onStatusChange) },
    { verb: 'cji.rsvp', handler: forAll(onRsvp) },
    { verb: 'cji.reportForm', handler: forInteractor(onOutcomeFormRequested) },
    { verb: 'cji.report', handler: onOutcomeSubmit },
    { verb: 'cji.show', handler: forInteractor(onShowInspection) },
    { verb: 'cji.page', handler: forInteractor(onInspectionsPage) },
    // The personal calendar link: shown to the person who pressed, never to the others on the card.
    { verb: 'cji.calendarLink', handler: forInteractor((context, deps) => onCalendarLink(context, deps)) },
  ],
  channelCards: { cji: channelCardOf, 'cji-reminder': reminderCardOf },
  channelAudiences: { cji: (deps, ref) => inspectionAudience(deps.db, ref) },
  eventPosts: inspectionEventPosts,
  // Every 15 minutes, and at start: a reminder due while the app was down goes out then.
  jobs: (deps) => [{ name: 'inspection-reminders', pattern: '*/15 * * * *', run: () => postDueReminders(deps) }],
  httpRoutes: (server, deps) => registerCalendarRoute(server, deps),
};

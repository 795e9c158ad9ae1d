import { applyAlertRetentionInBatches } from '../../src/alerts/alertRetention';
import { forAll, forInteractor, type Feature } from '../feature';
import { participantsOnlyAction, participantsOnlyCommand, refusalForNonParticipant } from './participantsOnly';
import {
  alertCommand,
  alertsCommand,
  companyCommand,
  onAlertClose,
  onAlertRespond,
  onAlertShow,
  onAlertSubmit,
  onAlertsPage,
  onCompanyDossier,
  channelCardOf,
  alertEventPosts,
} from './alertHandlers';
import { onCompanyExport } from './dossierExport';
import { onEverythingSearch, onResultSelected, onReportFetchTask, onReportSubmit, REPORT_COMMAND, SEARCH_COMMAND } from './messageExtension';
import { alertAudience } from '../../src/mine/audiences';
import { onAlertEdit, onAlertSaveEdit, onAlertWithdraw } from './alertEditHandlers';
import { backfillAnswerDeadlinesInBatches } from '../../src/alerts/answerDeadlineBackfill';
import { answerReminderCardOf, postOverdueAnswerReminders } from './answerReminder';

/** The fraud alert network: /alert, /alerts, /company, the alert card verbs, the message extension. */
export const alertFeature: Feature = {
  commands: [
    { name: 'alert', handler: participantsOnlyCommand(alertCommand) },
    { name: 'alerts', handler: participantsOnlyCommand(alertsCommand) },
    { name: 'company', handler: participantsOnlyCommand(companyCommand) },
  ],
  cardActions: [
    // A posted alert replaces the form for everyone; a form with errors goes back to its author only.
    { verb: 'alert.submit', handler: onAlertSubmit },
    { verb: 'alert.respond', handler: forAll(onAlertRespond) },
    { verb: 'alert.close', handler: forAll(onAlertClose) },
    { verb: 'alert.show', handler: forInteractor(onAlertShow) },
    // The correction form answers its person; a saved correction or withdrawal updates the card for everyone.
    { verb: 'alert.edit', handler: onAlertEdit },
    { verb: 'alert.saveEdit', handler: onAlertSaveEdit },
    { verb: 'alert.withdraw', handler: onAlertWithdraw },
    { verb: 'alerts.page', handler: forInteractor(onAlertsPage) },
    { verb: 'company.dossier', handler: forInteractor(onCompanyDossier) },
    { verb: 'company.export', handler: forInteractor(onCompanyExport) },
  ].map((action) => ({ ...action, handler: participantsOnlyAction(action.handler) })),
  channelCards: { alert: channelCardOf, 'alert-reminder': answerReminderCardOf },
  channelAudiences: {
    alert: (deps, ref) => alertAudience(deps.db, ref),
    // The reminder calls on the same people as the alert post (those who have still not answered),
    // by the same rule and the same cap, drawn when it is sent: whoever answered since is left out.
    'alert-reminder': (deps, subject) => alertAudience(deps.db, subject.split('|')[0]),
  },
  eventPosts: alertEventPosts,
  messageExtensionCommands: { query: [SEARCH_COMMAND], action: [REPORT_COMMAND] },
  messageExtension: (app, deps) => {
    // Search across everything: every member may search, the query shows only what they may see.
    app.messageExtensions.query(SEARCH_COMMAND, async (context, _state, query) => onEverythingSearch(context, deps, String(query.parameters?.query ?? '')));
    app.messageExtensions.selectItem(async (context, _state, item) => onResultSelected(context, deps, (item ?? {}) as Record<string, unknown>));
    app.messageExtensions.fetchTask(REPORT_COMMAND, async (context) => refusalForNonParticipant(context) ?? onReportFetchTask(context));
    app.messageExtensions.submitAction<Record<string, unknown>>(REPORT_COMMAND, async (context, _state, data) => refusalForNonParticipant(context) ?? onReportSubmit(context, deps, data ?? {}));
  },
  jobs: (deps) => [
    { name: 'alert-retention', pattern: '17 * * * *', run: (signal) => applyAlertRetentionInBatches(deps.db, deps.clock, deps.config.retention, { signal }) },
    // At start, before the reminders: alerts posted before deadlines existed get theirs (a passed one
    // without a reminder; see backfillAnswerDeadlines). Afterwards each run is one seek of an empty index.
    { name: 'alert-answer-deadline-backfill', pattern: '29 * * * *', run: (signal) => backfillAnswerDeadlinesInBatches(deps.db, deps.clock, deps.config.alertAnswerDays, { signal }) },
    // Every 15 minutes, and at start: a deadline passed while the app was down is reminded of then.
    { name: 'alert-answer-reminders', pattern: '*/15 * * * *', run: () => postOverdueAnswerReminders(deps) },
  ],
};

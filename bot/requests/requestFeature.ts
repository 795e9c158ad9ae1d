import type { TurnContext } from 'botbuilder';
import type { CommandHandler } from '../commands/registry';
import { forInteractor, type CardActionHandler, type Feature } from '../feature';
import { turnInfo } from '../turn';
import {
  noticeCardOf,
  onAskForInformation,
  onAcknowledge,
  onAnswerForm,
  onAnswerSubmit,
  onClose,
  onDecideDeadline,
  onProposeDeadline,
  onRequestOpen,
  onRequestSubmit,
  onRequestsPage,
  onWithdraw,
  requestCommand,
  requestEventPosts,
  requestsCommand,
} from './requestHandlers';
import { postDueRequestReminders, reminderCardOf } from './reminderJob';
import { PERSONAL_PROGRESS_KIND, PROGRESS_KIND, personalProgressCardOf, progressCardOf, progressPeople } from './requestNotices';
import { applyRequestRetentionInBatches } from '../../src/requests/requestRetention';
import { requestAudience } from '../../src/mine/audiences';

/** The domain refuses a supporting body in every request command; this refuses earlier, as a plain reply. */
function refusal(context: TurnContext): string | null {
  const { member, t } = turnInfo(context);
  return member && member.authority.role !== 'participant' ? t('requests.errors.participantsOnly') : null;
}

const participantsOnly =
  (handler: CommandHandler): CommandHandler =>
  async (context, command, deps) => {
    const refused = refusal(context);
    if (refused) await context.sendActivity(refused);
    else await handler(context, command, deps);
  };

const participantsOnlyAction =
  (handler: CardActionHandler): CardActionHandler =>
  async (context, deps, data) =>
    refusal(context) ?? handler(context, deps, data);

/**
 * Information requests between authorities: /request, /requests, the notice in the channel and
 * the content opened, answered and closed by the two sides only. Every view of content answers
 * the person who clicked (the invoke response), never the channel.
 */
export const requestFeature: Feature = {
  commands: [
    { name: 'request', handler: participantsOnly(requestCommand) },
    { name: 'requests', handler: participantsOnly(requestsCommand) },
  ],
  cardActions: [
    { verb: 'request.new', handler: forInteractor(onAskForInformation) },
    { verb: 'request.submit', handler: onRequestSubmit },
    { verb: 'request.open', handler: forInteractor(onRequestOpen) },
    { verb: 'request.answerForm', handler: forInteractor(onAnswerForm) },
    { verb: 'request.answer', handler: forInteractor(onAnswerSubmit) },
    { verb: 'request.acknowledge', handler: forInteractor(onAcknowledge) },
    { verb: 'request.close', handler: forInteractor(onClose) },
    { verb: 'request.withdraw', handler: forInteractor(onWithdraw) },
    { verb: 'request.proposeDeadline', handler: forInteractor(onProposeDeadline) },
    { verb: 'request.decideDeadline', handler: forInteractor(onDecideDeadline) },
    { verb: 'requests.page', handler: forInteractor(onRequestsPage) },
  ].map((action) => ({ ...action, handler: participantsOnlyAction(action.handler) })),
  channelCards: { request: noticeCardOf, 'request-reminder': reminderCardOf, [PROGRESS_KIND]: progressCardOf },
  channelAudiences: { request: (deps, ref) => requestAudience(deps.db, ref) },
  // The thread reply telling one side of the other's move names the person it is for.
  channelPeople: { [PROGRESS_KIND]: progressPeople },
  personalCards: { [PERSONAL_PROGRESS_KIND]: personalProgressCardOf },
  eventPosts: requestEventPosts,
  // Every 15 minutes, and at start: a reminder due while the app was down goes out then.
  // Retention hourly and at start, by the alerts' rules (RETENTION_HIDE_DAYS / RETENTION_DELETE_DAYS).
  jobs: (deps) => [
    { name: 'request-reminders', pattern: '*/15 * * * *', run: () => postDueRequestReminders(deps) },
    { name: 'request-retention', pattern: '23 * * * *', run: (signal) => applyRequestRetentionInBatches(deps.db, deps.clock, deps.config.retention, { signal }) },
  ],
};

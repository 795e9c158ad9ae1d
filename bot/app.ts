import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from './deps';
import { gatekeeper } from './gatekeeper';
import { onMembersAdded } from './handlers/install';
import { sendHelp } from './handlers/help';
import { parseCommand, type ParsedCommand } from './commands/parseCommand';
import type { CommandDefinition } from './commands/registry';
import { turnInfo } from './turn';
import { cardActivity } from './reply';
import type { AdaptiveCard } from './cards/renderCard';
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
} from './alerts/alertHandlers';
import { onCompanySearch, onCompanySelected, onReportFetchTask, onReportSubmit, REPORT_COMMAND, SEARCH_COMMAND } from './alerts/messageExtension';

const PARSED = Symbol('cooperation-desk.command');

/** Every command the bot answers, in the order the help card lists them. */
export function commandDefinitions(): CommandDefinition[] {
  return [
    { name: 'help', handler: (context, _command, deps) => sendHelp(context, deps, commandNames()) },
    { name: 'alert', handler: alertCommand },
    { name: 'alerts', handler: alertsCommand },
    { name: 'company', handler: companyCommand },
  ];
}

export function commandNames(): string[] {
  return commandDefinitions().map((command) => command.name);
}

function parsedCommand(context: TurnContext, known: ReadonlySet<string>): ParsedCommand {
  let parsed = context.turnState.get(PARSED) as ParsedCommand | undefined;
  if (!parsed) {
    parsed = parseCommand(context.activity.text, known);
    context.turnState.set(PARSED, parsed);
  }
  return parsed;
}

/** The teams-ai Application: routing only (no AI planner); handlers are thin adapters over src/. */
export function createBotApp(adapter: TeamsAdapter, deps: BotDeps): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.config.appId ?? undefined,
    removeRecipientMention: true,
    // One shared typing timer per app would mix up concurrent turns; our replies are fast anyway.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const commands = commandDefinitions();
  const known = new Set(commands.map((command) => command.name));

  app.turn('beforeTurn', gatekeeper(deps));
  app.conversationUpdate('membersAdded', (context) => onMembersAdded(context, deps));

  for (const command of commands) {
    app.message(
      async (context) => context.activity.type === ActivityTypes.Message && parsedCommand(context, known).name === command.name,
      (context) => command.handler(context, parsedCommand(context, known), deps),
    );
  }

  registerCardActions(app, deps);
  registerMessageExtension(app, deps);

  app.activity(ActivityTypes.Message, async (context) => {
    const parsed = parsedCommand(context, known);
    const { t } = turnInfo(context);
    if (!parsed.text) {
      await context.sendActivity(t('errors.emptyMessage'));
      return;
    }
    await sendHelp(context, deps, [...known], t('errors.unknownCommand', { text: parsed.text.slice(0, 80) }));
  });
  return app;
}

/** A card verb answers with a message, or with a card that replaces the clicked one. */
type CardReply = string | { card: AdaptiveCard; updateForAll: boolean };
type CardActionHandler = (context: TurnContext, deps: BotDeps, data: Record<string, unknown>) => Promise<CardReply>;

const forInteractor = (handler: (context: TurnContext, deps: BotDeps, data: Record<string, unknown>) => Promise<AdaptiveCard | string>): CardActionHandler =>
  async (context, deps, data) => {
    const result = await handler(context, deps, data);
    return typeof result === 'string' ? result : { card: result, updateForAll: false };
  };

const forAll = (handler: (context: TurnContext, deps: BotDeps, data: Record<string, unknown>) => Promise<AdaptiveCard | string>): CardActionHandler =>
  async (context, deps, data) => {
    const result = await handler(context, deps, data);
    return typeof result === 'string' ? result : { card: result, updateForAll: true };
  };

/**
 * Card verbs (Universal Actions). What changes the shared record (an answer, a closing, a posted
 * alert) updates the message for everyone; navigation and forms with errors answer the clicker.
 */
const CARD_ACTIONS: Array<{ verb: string; handler: CardActionHandler }> = [
  { verb: 'alert.submit', handler: onAlertSubmit },
  { verb: 'alert.respond', handler: forAll(onAlertRespond) },
  { verb: 'alert.close', handler: forAll(onAlertClose) },
  { verb: 'alert.show', handler: forInteractor(onAlertShow) },
  { verb: 'alerts.page', handler: forInteractor(onAlertsPage) },
  { verb: 'company.dossier', handler: forInteractor(onCompanyDossier) },
];

function registerCardActions(app: Application<TurnState>, deps: BotDeps): void {
  for (const action of CARD_ACTIONS) {
    app.adaptiveCards.actionExecute<Record<string, unknown>>(action.verb, async (context, _state, data) => {
      const reply = await action.handler(context, deps, data ?? {});
      if (typeof reply === 'string') return reply;
      if (reply.updateForAll && context.activity.replyToId) {
        await context.updateActivity({ ...cardActivity(reply.card), id: context.activity.replyToId });
      }
      return reply.card;
    });
  }
}

function registerMessageExtension(app: Application<TurnState>, deps: BotDeps): void {
  app.messageExtensions.query(SEARCH_COMMAND, async (context, _state, query) => onCompanySearch(context, deps, String(query.parameters?.query ?? '')));
  app.messageExtensions.selectItem(async (context, _state, item) => onCompanySelected(context, deps, item as { companyId?: unknown }));
  app.messageExtensions.fetchTask(REPORT_COMMAND, async (context) => onReportFetchTask(context));
  app.messageExtensions.submitAction<Record<string, unknown>>(REPORT_COMMAND, async (context, _state, data) => onReportSubmit(context, deps, data ?? {}));
}

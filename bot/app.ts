import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { TeamsAdapter, TurnState } from '@microsoft/teams-ai';
// From its module, not the package index, which also loads the unused AI modules (see adapter.ts).
import { Application } from '@microsoft/teams-ai/lib/Application';
import type { BotDeps } from './deps';
import type { Mode } from './settings';
import { gatekeeper } from './gatekeeper';
import { onChannelEvent, onMembersAdded } from './handlers/install';
import { asInvokeAnswer } from './mentions';
import { sendHelp } from './handlers/help';
import { demoCommandDefinition } from './handlers/demo';
import { parseCommand, type ParsedCommand } from './commands/parseCommand';
import { commandAliases } from './commands/commandWords';
import type { CommandDefinition } from './commands/registry';
import { turnInfo } from './turn';
import { cardActivity } from './reply';
import type { AdaptiveCard } from './cards/renderCard';
import { FEATURES } from './features';
import type { InvokeRoutes } from './invokeRouting';
import { noteChannelReader } from './channelReaders';
import { clickedChannelPost, drawChannelView, isReaderSpecificCard } from './channelViews';

/** Longer than any command with its arguments; a longer message is refused, never parsed. */
export const MESSAGE_MAX_LENGTH = 10_000;

const PARSED = Symbol('cooperation-desk.command');

/**
 * Every command the bot answers in this mode, in the order the help card lists them. `/demo`
 * (acting for another authority) exists in local mode only; the manifest lists production's.
 */
export function commandDefinitions(mode: Mode = 'production'): CommandDefinition[] {
  return [
    { name: 'help', handler: (context, _command, deps) => sendHelp(context, deps, helpCommandNames(context, deps)) },
    ...FEATURES.flatMap((feature) => feature.commands ?? []),
    ...(mode === 'local' ? [demoCommandDefinition] : []),
  ];
}

/** The verbs and message-extension commands the features answer. */
export function invokeRoutes(): InvokeRoutes {
  return {
    verbs: new Set(FEATURES.flatMap((feature) => (feature.cardActions ?? []).map((action) => action.verb))),
    queryCommands: new Set(FEATURES.flatMap((feature) => feature.messageExtensionCommands?.query ?? [])),
    actionCommands: new Set(FEATURES.flatMap((feature) => feature.messageExtensionCommands?.action ?? [])),
  };
}

const names = new Map<Mode, readonly string[]>();

/** The commands' names in help order; the features are fixed, so this is worked out once per mode. */
export function commandNames(mode: Mode = 'production'): readonly string[] {
  let list = names.get(mode);
  if (!list) names.set(mode, (list = commandDefinitions(mode).map((command) => command.name)));
  return list;
}

/** The commands the help card offers this user: `/demo` only to a local-mode user acting for a demo authority. */
function helpCommandNames(context: TurnContext, deps: BotDeps): readonly string[] {
  return turnInfo(context).member?.viaDemo ? commandNames(deps.config.mode) : commandNames('production');
}

function parsedCommand(context: TurnContext, known: ReadonlySet<string>): ParsedCommand {
  let parsed = context.turnState.get(PARSED) as ParsedCommand | undefined;
  if (!parsed) {
    parsed = parseCommand(context.activity.text, known, commandAliases());
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
  const commands = commandDefinitions(deps.config.mode);
  const known = new Set(commands.map((command) => command.name));

  app.turn('beforeTurn', gatekeeper(deps, invokeRoutes()));
  // Only turns the gatekeeper let through: who acts in the channel is who its cards refresh for.
  app.turn('beforeTurn', async (context) => {
    noteChannelReader(context, deps);
    if (context.activity.type === ActivityTypes.ConversationUpdate) onChannelEvent(context, deps);
    return true;
  });
  app.conversationUpdate('membersAdded', (context) => onMembersAdded(context, deps));

  app.message(
    async (context) => context.activity.type === ActivityTypes.Message && (context.activity.text?.length ?? 0) > MESSAGE_MAX_LENGTH,
    async (context) => {
      const { t } = turnInfo(context);
      await context.sendActivity(t('errors.messageTooLong', { length: context.activity.text!.length, max: MESSAGE_MAX_LENGTH }));
    },
  );
  for (const command of commands) {
    app.message(
      async (context) => context.activity.type === ActivityTypes.Message && parsedCommand(context, known).name === command.name,
      (context) => command.handler(context, parsedCommand(context, known), deps),
    );
  }

  registerCardActions(app, deps);
  for (const feature of FEATURES) feature.messageExtension?.(app, deps);

  app.activity(ActivityTypes.Message, async (context) => {
    const parsed = parsedCommand(context, known);
    const { t } = turnInfo(context);
    if (!parsed.text) {
      await context.sendActivity(t('errors.emptyMessage'));
      return;
    }
    await sendHelp(context, deps, helpCommandNames(context, deps), t('errors.unknownCommand', { text: parsed.text.slice(0, 80) }));
  });
  return app;
}

/**
 * The card an Action.Execute answers with, shown to the person who clicked only. teams-ai would
 * send a card that carries a `refresh` to everyone (it updates the message with it), which for a
 * reader's own view would put their language on everybody's card: such a card is answered here.
 */
async function answerForInteractor(context: TurnContext, card: AdaptiveCard): Promise<AdaptiveCard> {
  if ('refresh' in card) {
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } } });
  }
  return card;
}

function registerCardActions(app: Application<TurnState>, deps: BotDeps): void {
  for (const action of FEATURES.flatMap((feature) => feature.cardActions ?? [])) {
    app.adaptiveCards.actionExecute<Record<string, unknown>>(action.verb, async (context, _state, data) => {
      const reply = await action.handler(context, deps, data ?? {});
      if (typeof reply === 'string') return reply;
      // The channel's own post: everyone gets it as posted, with its refresh; the clicker, in their
      // language (the same card when that is the post's language).
      const post = clickedChannelPost(context);
      const forEveryone = post ? (drawChannelView(deps, FEATURES, post, null) ?? reply.card) : reply.card;
      if (reply.updateForAll && context.activity.replyToId) await context.updateActivity({ ...cardActivity(forEveryone), id: context.activity.replyToId });
      const { language, member } = turnInfo(context);
      // A card drawn per reader (a proposal's buttons follow the reader's role) is always drawn for the clicker.
      const ownView = post && (language !== deps.config.defaultLanguage || isReaderSpecificCard(FEATURES, post.kind));
      const forClicker = post && ownView ? (drawChannelView(deps, FEATURES, post, language, member ?? undefined) ?? forEveryone) : asInvokeAnswer(forEveryone);
      return answerForInteractor(context, forClicker);
    });
  }
}

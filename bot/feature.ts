import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Server } from 'restify';
import type { Language } from '../src/i18n/languages';
import type { Member } from '../src/identity/members';
import type { AdaptiveCard } from './cards/renderCard';
import type { CommandDefinition } from './commands/registry';
import type { BotDeps } from './deps';
import type { ScheduledJob } from './scheduledJob';
import type { EventPosts } from './notifier';

/** A card verb answers with a message, or with a card that replaces the clicked one. */
export type CardReply = string | { card: AdaptiveCard; updateForAll: boolean };
export type CardActionHandler = (context: TurnContext, deps: BotDeps, data: Record<string, unknown>) => Promise<CardReply>;
type PlainCardHandler = (context: TurnContext, deps: BotDeps, data: Record<string, unknown>) => Promise<AdaptiveCard | string>;

/** Navigation and forms with errors: only the person who clicked sees the new card. */
export const forInteractor =
  (handler: PlainCardHandler): CardActionHandler =>
  async (context, deps, data) => {
    const result = await handler(context, deps, data);
    return typeof result === 'string' ? result : { card: result, updateForAll: false };
  };

/** A change of the shared record (an answer, a status): the message changes for everyone. */
export const forAll =
  (handler: PlainCardHandler): CardActionHandler =>
  async (context, deps, data) => {
    const result = await handler(context, deps, data);
    return typeof result === 'string' ? result : { card: result, updateForAll: true };
  };

/**
 * A record's channel card drawn from its reference when the post goes out, in the post's own
 * language, or in `language` for one reader's view of it (`reader`: who that reader is, for a card
 * whose buttons follow the reader's role); null once the record is gone.
 */
export type ChannelCard = (deps: BotDeps, subject: string, language?: Language, reader?: Member) => AdaptiveCard | null;

/**
 * The authorities a record's channel card is addressed to (an alert's countries concerned that
 * have not answered, an inspection's participants, a request's addressees): their people, or their
 * Teams tag, are mentioned on it so that Teams notifies them. Empty: nobody is mentioned.
 */
export type ChannelAudience = (deps: BotDeps, subject: string) => readonly string[];

/** The people a record's channel card mentions by name (users' ids), e.g. the one a thread reply tells. */
export type ChannelPeople = (deps: BotDeps, subject: string) => readonly number[];

/**
 * A card for one person's 1:1 chat with the app, drawn from its subject when it is sent, in that
 * person's language (their recorded Teams locale); null once the record is gone.
 */
export type PersonalCard = (deps: BotDeps, subject: string) => AdaptiveCard | null;

export interface CardAction {
  verb: string;
  handler: CardActionHandler;
}

/**
 * What one feature (alerts, inspections, the plan) adds to the app: commands in help order, card
 * verbs, channel cards and the events that post them, message-extension routes, scheduled jobs
 * and HTTP routes. The app wires them all.
 */
export interface Feature {
  commands?: CommandDefinition[];
  /** Cards drawn at send time for queued channel posts, by kind (e.g. 'alert'). */
  channelCards?: Record<string, ChannelCard>;
  /**
   * The kinds of its channel cards whose reader's view differs by who reads it, not only by their
   * language (a proposal's buttons follow the reader's role): the person who clicks on such a post
   * always gets their own view back.
   */
  readerSpecificCards?: readonly string[];
  /** Whom each kind of channel card mentions, by kind (a kind without one mentions nobody). */
  channelAudiences?: Record<string, ChannelAudience>;
  /** Whom each kind of channel card mentions by person, by kind (beside or instead of an audience of authorities). */
  channelPeople?: Record<string, ChannelPeople>;
  /** Cards drawn at send time for queued 1:1 posts, by kind. */
  personalCards?: Record<string, PersonalCard>;
  /** The posts the domain's events ask for (e.g. an alert's card when it is created). */
  eventPosts?: EventPosts;
  cardActions?: CardAction[];
  messageExtension?: (app: Application<TurnState>, deps: BotDeps) => void;
  /** The command ids its message-extension routes answer, so others are refused before routing. */
  messageExtensionCommands?: { query: string[]; action: string[] };
  jobs?: (deps: BotDeps) => ScheduledJob[];
  httpRoutes?: (server: Server, deps: BotDeps) => void;
}

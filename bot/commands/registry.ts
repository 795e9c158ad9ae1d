import type { TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import type { ParsedCommand } from './parseCommand';

export type CommandHandler = (context: TurnContext, command: ParsedCommand, deps: BotDeps) => Promise<void>;

export interface CommandDefinition {
  /** The command word, also the key of its usage and description under help.commands. */
  name: string;
  handler: CommandHandler;
}

import type { TurnContext } from 'botbuilder';
import type { CommandHandler } from '../commands/registry';
import type { CardActionHandler } from '../feature';
import { isAlertParticipant } from '../../src/alerts/alertAccess';
import { turnInfo } from '../turn';

/**
 * The domain refuses a non-participant in every alert command and view; this refuses earlier, as a
 * plain reply in the user's language instead of a form or card for whatever the verb would show.
 */
export function refusalForNonParticipant(context: TurnContext): string | null {
  const { member, t } = turnInfo(context);
  return member && !isAlertParticipant(member) ? t('alerts.errors.participantsOnly') : null;
}

export const participantsOnlyCommand =
  (handler: CommandHandler): CommandHandler =>
  async (context, command, deps) => {
    const refusal = refusalForNonParticipant(context);
    if (refusal) await context.sendActivity(refusal);
    else await handler(context, command, deps);
  };

export const participantsOnlyAction =
  (handler: CardActionHandler): CardActionHandler =>
  async (context, deps, data) =>
    refusalForNonParticipant(context) ?? handler(context, deps, data);

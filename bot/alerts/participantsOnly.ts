import type { TurnContext } from 'botbuilder';
import type { CommandHandler } from '../commands/registry';
import type { CardActionHandler } from '../feature';
import { turnInfo } from '../turn';

/**
 * Alerts carry case data shared among the participating authorities only; a supporting body
 * (ELA) takes part in the plan and inspections but not in the alert network.
 */
export function refusalForNonParticipant(context: TurnContext): string | null {
  const { member, t } = turnInfo(context);
  return member && member.authority.role !== 'participant' ? t('alerts.errors.participantsOnly') : null;
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

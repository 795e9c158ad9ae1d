import type { TurnContext } from 'botbuilder';
import { getInspection, normaliseInspectionRef } from '../../src/inspections/inspectionQueries';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import { identityNotice, replyWithCard } from '../reply';
import { turnInfo } from '../turn';
import { subcommandOf } from '../commands/commandWords';
import { calendarCommand } from './calendarFeed';
import { inspectionCard } from './inspectionCard';
import { sendInspectionList } from './inspectionList';
import { sendOutcomeForm } from './outcomeForm';
import { sendNewInspectionForm } from './scheduleHandlers';

/** `/cji new | list [upcoming|past] [country] [sector] | report <ref> | calendar [revoke] | <ref>`, the words in any language. */
export async function cjiCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language } = turnInfo(context);
  const [first = ''] = command.args;
  switch (subcommandOf('cji', first) ?? first.toLowerCase()) {
    case 'new':
      return sendNewInspectionForm(context, deps);
    case 'list':
      return sendInspectionList(context, deps, command.args.slice(1));
    case 'report':
      return sendOutcomeForm(context, deps, command);
    case 'calendar':
      return calendarCommand(context, deps, command.args);
    default: {
      const ref = normaliseInspectionRef(first);
      if (!ref) {
        await context.sendActivity(t('inspections.usage'));
        return;
      }
      const inspection = getInspection(deps.db, ref);
      if (!inspection) {
        await context.sendActivity(t('inspections.errors.notFound', { ref }));
        return;
      }
      await replyWithCard(context, inspectionCard(t, language, inspection, identityNotice(context)));
    }
  }
}

import { isSubcommand } from '../commands/commandWords';
import type { TurnContext } from 'botbuilder';
import { chooseDemoAuthority, demoAuthorityChoices, suggestedDemoAuthority } from '../../src/identity/demoAuthority';
import { listMemberStates, type Authority } from '../../src/reference/participants';
import { isDomainError } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { CommandDefinition } from '../commands/registry';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import { actingTurn } from '../turn';

/**
 * `/demo as [authority]`, local mode only (the command does not exist in production): the
 * playground's single user, who has no mapping, acts for another participating authority, so they
 * can answer the alert they just made. `/demo as` alone lists the authorities and the current one.
 */
export const demoCommandDefinition: CommandDefinition = { name: 'demo', handler: demoCommand };

const nameIn = (names: Record<string, string>, language: Language) => names[language] ?? names.en ?? '';

function describe(authority: Authority, language: Language) {
  return { authority: authority.shortName, state: authority.memberState ?? 'EU', name: nameIn(authority.names, language) };
}

function authorityList(deps: BotDeps, t: Translate, language: Language, current: Authority): string[] {
  const states = new Map(listMemberStates(deps.db).map((state) => [state.code, state.names]));
  const items = demoAuthorityChoices(deps.db).map((authority) =>
    t(authority.id === current.id ? 'identity.demo.listItemCurrent' : 'identity.demo.listItem', {
      id: authority.id,
      ...describe(authority, language),
      country: authority.memberState ? nameIn(states.get(authority.memberState) ?? {}, language) : '',
    }),
  );
  return [t('identity.demo.current', describe(current, language)), t('identity.demo.listIntro'), ...items];
}

/** Lines of one message: Teams shows a blank line between paragraphs, so each line stands on its own. */
const message = (lines: string[]) => lines.join('\n\n');

export async function demoCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language, member, correlationId } = actingTurn(context);
  const acting = member;
  const args = isSubcommand('demo', 'as', command.args[0]) ? command.args.slice(1) : command.args;
  const typed = args.join(' ');
  if (acting.viaDemo && !typed) {
    await context.sendActivity(message(authorityList(deps, t, language, acting.authority)));
    return;
  }
  try {
    const change = chooseDemoAuthority(deps.db, deps.clock, acting, typed, correlationId);
    await context.sendActivity(
      change.kind === 'unchanged'
        ? t('identity.demo.unchanged', describe(change.authority, language))
        : t('identity.demo.switched', { ...describe(change.authority, language), previous: change.previous.shortName, back: change.previous.id }),
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const [detail] = error.details;
    const refusal = t(detail!.key, detail!.vars);
    // A mapped user is told who they are; a demo user who mistyped gets the choices again.
    await context.sendActivity(acting.viaDemo ? message([refusal, ...authorityList(deps, t, language, acting.authority)]) : refusal);
  }
}

/**
 * For a local-mode user acting for a demo authority: how to answer an alert of their own authority
 * as another one (`key` is the sentence around the suggestion); null for everyone else.
 */
export function demoAnswerHint(context: TurnContext, deps: BotDeps, key: 'identity.demo.tryAnswering' | 'identity.demo.answerAsAnother'): string | null {
  const { member, t } = actingTurn(context);
  if (deps.config.mode !== 'local' || !member?.viaDemo) return null;
  const suggestion = suggestedDemoAuthority(deps.db, member.authority);
  return suggestion ? t(key, { typed: suggestion.typed, authority: suggestion.authority.shortName }) : null;
}

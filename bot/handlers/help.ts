import type { TurnContext } from 'botbuilder';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import type { Translate } from '../../src/i18n/translate';
import type { BotDeps } from '../deps';
import { identityNotice, replyWithCard } from '../reply';
import { turnInfo } from '../turn';
import type { Language } from '../../src/i18n/languages';
import { commandWordsIn } from '../commands/commandWords';

export interface HelpCardInput {
  t: Translate;
  /** The reader's language, for the command words shown; English when not given. */
  language?: Language;
  commandNames: readonly string[];
  tabUrl: string | null;
  notice?: string | null;
  /**
   * The line above the help, e.g. errors.unknownCommand quoting the unknown command as typed: the
   * template puts it in a TextRun, shown as written (a "[x](http://evil.example)" stays text).
   */
  hint?: string | null;
}

/**
 * A command's usage with its word in the reader's language (`/aide`, `/alerte <...>`), and the
 * other words it answers to, the English name among them.
 */
function commandLine(t: Translate, language: Language, name: string): { usage: string; aliases: string } {
  const usage = t(`help.commands.${name}.usage`);
  const [own, ...others] = commandWordsIn(language, name);
  const word = own ?? name;
  const shown = usage.startsWith(`/${name}`) ? `/${word}${usage.slice(name.length + 1)}` : usage;
  const alsoWords = [...new Set([name, ...others])].filter((other) => other !== word).map((other) => `/${other}`);
  return { usage: shown, aliases: alsoWords.length > 0 ? t('search.aliases', { words: alsoWords.join(', ') }) : '' };
}

export function helpCard({ t, language = 'en', commandNames, tabUrl, notice, hint }: HelpCardInput): AdaptiveCard {
  return renderCard('help', {
    notice: notice ?? '',
    hint: hint ?? '',
    title: t('help.title'),
    intro: t('help.intro'),
    commands: commandNames.map((name) => ({
      ...commandLine(t, language, name),
      description: t(`help.commands.${name}.description`),
    })),
    openTab: t('help.openTab'),
    tabUrl: tabUrl ?? '',
  });
}

export function tabUrl(deps: BotDeps): string | null {
  if (deps.config.publicBaseUrl) return `${deps.config.publicBaseUrl}/tab/?view=board`;
  return null;
}

/** Plain help (no hint) is the same card for everyone of a language: built once each. */
const plainHelp = new Map<string, AdaptiveCard>();

export async function sendHelp(context: TurnContext, deps: BotDeps, commandNames: readonly string[], hint?: string): Promise<void> {
  const { t, language } = turnInfo(context);
  const notice = identityNotice(context);
  const url = tabUrl(deps);
  if (hint) {
    await replyWithCard(context, helpCard({ t, language, commandNames, tabUrl: url, notice, hint }));
    return;
  }
  const key = `${language}\u0000${url}\u0000${notice ?? ''}\u0000${commandNames.join()}`;
  let card = plainHelp.get(key);
  if (!card) {
    card = helpCard({ t, language, commandNames, tabUrl: url, notice });
    plainHelp.set(key, card);
  }
  await replyWithCard(context, card);
}

import { LANGUAGES, type Language } from '../../src/i18n/languages';
import { catalogues } from '../../src/i18n/catalogues';

/**
 * Command words in the users' languages (`/aide`, `/alerte`, `/cji rapport`), read from the
 * catalogues' `commandWords` (command name -> comma-separated words) and `subcommandWords`
 * (command name -> subcommand -> words) sections. A new command gets its words by data: an entry
 * under its name in every language. Words are folded (lower case, no accents) so that
 * "relatório" and "relatorio" are one word, and a word of any language is understood everywhere:
 * they are unambiguous across languages (test/commandWords.test.ts checks it), so a French speaker
 * whose Teams is set to English still gets `/aide`.
 */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function words(list: unknown): string[] {
  return typeof list === 'string' ? list.split(',').map((word) => foldWord(word.trim())).filter(Boolean) : [];
}

type Section = Record<string, unknown>;

function section(language: Language, name: 'commandWords' | 'subcommandWords'): Section {
  const value = catalogues[language][name];
  return value && typeof value === 'object' ? (value as Section) : {};
}

/** The words of a command in one language, as catalogued (first is the one help shows). */
export function commandWordsIn(language: Language, command: string): string[] {
  return words(section(language, 'commandWords')[command]);
}

let commandIndex: Map<string, string> | null = null;

/** Every catalogued command word of every language, to its command name; built once. */
export function commandAliases(): ReadonlyMap<string, string> {
  if (!commandIndex) {
    commandIndex = new Map();
    for (const language of LANGUAGES) {
      for (const command of Object.keys(section(language, 'commandWords'))) {
        for (const word of commandWordsIn(language, command)) if (!commandIndex.has(word)) commandIndex.set(word, command);
      }
    }
  }
  return commandIndex;
}

const subcommandIndex = new Map<string, Map<string, string>>();

/** A command's subcommand words of every language, to the subcommand's English name. */
function subcommandsOf(command: string): Map<string, string> {
  let index = subcommandIndex.get(command);
  if (!index) {
    index = new Map();
    for (const language of LANGUAGES) {
      const subs = section(language, 'subcommandWords')[command];
      if (!subs || typeof subs !== 'object') continue;
      for (const [sub, list] of Object.entries(subs as Section)) {
        index.set(foldWord(sub), sub);
        for (const word of words(list)) if (!index.has(word)) index.set(word, sub);
      }
    }
    subcommandIndex.set(command, index);
  }
  return index;
}

/** The English name of the subcommand `word` names for `command` (`rapport` -> `report` for cji), or null. */
export function subcommandOf(command: string, word: string | undefined): string | null {
  if (!word) return null;
  return subcommandsOf(command).get(foldWord(word)) ?? null;
}

/** Whether `word` is the subcommand `sub` of `command` in any language. */
export function isSubcommand(command: string, sub: string, word: string | undefined): boolean {
  return subcommandOf(command, word) === sub;
}

/** The subcommand words of a command in one language (for the collision check and help). */
export function subcommandWordsIn(language: Language, command: string): Record<string, string[]> {
  const subs = section(language, 'subcommandWords')[command];
  if (!subs || typeof subs !== 'object') return {};
  return Object.fromEntries(Object.entries(subs as Section).map(([sub, list]) => [sub, words(list)]));
}

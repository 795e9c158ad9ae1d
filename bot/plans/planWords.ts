import type { Language } from '../../src/i18n/languages';
import { translator, type Translate } from '../../src/i18n/translate';
import { foldText } from '../../src/plans/actionQueries';
import { ACTION_STATUSES, ACTION_TYPES, type ActionStatus, type ActionType } from '../../src/plans/vocabulary';

/**
 * Words people type in commands (`/action 2024-03 réalisée`, `/actions 2024 inspección conjunta`):
 * the codes, the catalogue's names, and the synonyms listed under plan.words in the user's language
 * and in English, folded (no accents, lower case) so that "realisee" and "Réalisée" both count.
 */
function wordsOf(t: Translate, key: string): string[] {
  return t(key)
    .split(',')
    .map((word) => foldText(word.trim()))
    .filter(Boolean);
}

function vocabulary<T extends string>(language: Language, values: readonly T[], labelKey: string, wordsKey: string): Array<{ words: string[]; value: T }> {
  const languages = language === 'en' ? [translator('en')] : [translator(language), translator('en')];
  return values.map((value) => ({
    value,
    words: [...new Set([foldText(value), foldText(value.replace(/_/g, ' ')), ...languages.flatMap((t) => [foldText(t(`${labelKey}.${value}`)), ...wordsOf(t, `${wordsKey}.${value}`)])])],
  }));
}

export interface WordMatch<T> {
  value: T;
  /** How many arguments the match used (names can be several words: "inspection concertée"). */
  length: number;
}

/** The longest vocabulary entry that the arguments starting at `start` spell out. */
function longestMatch<T extends string>(entries: Array<{ words: string[]; value: T }>, args: readonly string[], start: number): WordMatch<T> | null {
  let best: WordMatch<T> | null = null;
  for (let end = args.length; end > start; end--) {
    const phrase = foldText(args.slice(start, end).join(' '));
    const entry = entries.find((candidate) => candidate.words.includes(phrase));
    if (entry) {
      best = { value: entry.value, length: end - start };
      break;
    }
  }
  return best;
}

export function matchStatus(language: Language, args: readonly string[], start = 0): WordMatch<ActionStatus> | null {
  return longestMatch(vocabulary(language, ACTION_STATUSES, 'plan.status', 'plan.words.status'), args, start);
}

export function matchType(language: Language, args: readonly string[], start = 0): WordMatch<ActionType> | null {
  return longestMatch(vocabulary(language, ACTION_TYPES, 'plan.type', 'plan.words.type'), args, start);
}

/** A command keyword (new, note, report, carry-over) in English or the user's language. */
export function isKeyword(language: Language, word: string | undefined, keyword: 'new' | 'note' | 'report' | 'carryOver'): boolean {
  if (!word) return false;
  const folded = foldText(word);
  const languages = language === 'en' ? [translator('en')] : [translator(language), translator('en')];
  return languages.some((t) => wordsOf(t, `plan.words.${keyword}`).includes(folded));
}

/** "2024-3" and "2024-03" both name action 2024-03. */
export function normaliseRef(text: string): string | null {
  const match = /^(\d{4})-(\d{1,3})$/.exec(text.trim());
  return match ? `${match[1]}-${match[2].padStart(2, '0')}` : null;
}

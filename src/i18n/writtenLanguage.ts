import { isLanguage, type Language } from './languages';
import type { Translate } from './translate';

/**
 * The language a stored text was written in, from its author's recorded Teams locale (pt-PT -> pt).
 * Null when nothing usable was recorded: the text is then shown unmarked rather than marked wrongly.
 */
export function writtenLanguage(recorded: string | null | undefined): Language | null {
  if (!recorded) return null;
  const primary = recorded.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : null;
}

/** "Written in Portuguese", in the reader's language, beside a text written in another one; '' otherwise. */
export function writtenInMark(t: Translate, reader: Language, written: Language | null): string {
  if (!written || written === reader) return '';
  return t('cards.writtenIn', { language: t(`languageName.${written}`) });
}

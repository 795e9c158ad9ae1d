import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { OpenItems } from '../../src/mine/openItems';
import { describeOpenItems, type OpenItemKind } from '../../src/mine/openItemLines';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';

/** Each item opens its own card, by the verbs the lists of alerts, inspections, actions and requests use. */
const OPEN_VERB: Record<OpenItemKind, string> = { alert: 'alert.show', inspection: 'cji.show', action: 'action.show', request: 'request.open' };
const COLOR = { default: 'Default', warning: 'Warning', attention: 'Attention' } as const;

/**
 * What waits for the reader, in their language. Names people typed (companies, places, titles)
 * are shown as typed, in TextRuns, like the lines around them.
 */
export function mineCard(t: Translate, language: Language, items: OpenItems, authority: { shortName: string }, notice: string | null = null): AdaptiveCard {
  const text = describeOpenItems(t, language, items, authority);
  return renderCard(
    'mineCard',
    {
      notice: notice ?? '',
      title: text.title,
      intro: text.intro,
      sections: text.sections.map((section) => ({
        title: section.title,
        empty: section.empty,
        more: section.more,
        items: section.items.map((item) => ({ verb: OPEN_VERB[item.kind], ref: item.ref, heading: item.heading, line: item.line, color: COLOR[item.tone], openLabel: t('mine.open') })),
      })),
    },
    language,
  );
}

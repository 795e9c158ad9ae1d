import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { FALLBACK_LANGUAGE, type Language } from '../../src/i18n/languages';
import { translator } from '../../src/i18n/translate';
import { cutOverlongInputs, fitCard, keepBracesLiteral } from './cardLimits';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

interface CardTemplate {
  template: Template;
  /** Whether it re-shows typed values in text inputs, the only cards a value can overflow. */
  hasTextInputs: boolean;
}

const templates = new Map<string, CardTemplate>();

/** Card layouts are JSON templates beside this file; each is parsed once and expanded per use. */
function template(name: string): CardTemplate {
  let cached = templates.get(name);
  if (!cached) {
    const text = fs.readFileSync(path.join(__dirname, `${name}.json`), 'utf8');
    cached = { template: new Template(JSON.parse(text)), hasTextInputs: text.includes('"Input.Text"') };
    templates.set(name, cached);
  }
  return cached;
}

/** Whether any text in the data holds a brace: only then can a shown text hold "{{". */
function holdsBrace(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{');
  if (Array.isArray(value)) return value.some(holdsBrace);
  if (value && typeof value === 'object') return Object.values(value).some(holdsBrace);
  return false;
}

const RENDERED_LIMIT = 500;
const rendered = new Map<string, AdaptiveCard>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Which template each card came from, for the tests that check every template is exercised. */
const templateOfCard = new WeakMap<object, string>();

export function templateOf(card: unknown): string | undefined {
  return card && typeof card === 'object' ? templateOfCard.get(card) : undefined;
}

/**
 * A card is a pure function of its template, data and language, and the same cards (help, forms,
 * unchanged alerts) are asked for again and again: expansions are remembered, least recently used
 * first out. Cards come back frozen, so no caller can change one that another caller also holds.
 *
 * What people typed is shown, never interpreted. Teams reads markdown in TextBlocks and facts, so a
 * summary "[click me](http://evil.example)" would become a live link in the channel. The templates
 * therefore put user text (and any line quoting it, errors included) only in RichTextBlock
 * TextRuns, which render no markdown and no mentions; TextBlocks and FactSets carry only the
 * catalogue's words, reference names, numbers, dates and references. One element type for all
 * user text, rather than escaping markdown, because Teams' markdown dialect is undocumented
 * (escapes it ignores would show as stray backslashes) and TextRun is plain by specification.
 * The date functions TextRuns still expand are neutralised here (keepBracesLiteral). The one
 * choice set labelled with a company name is compact: renderers read the labels of expanded
 * (radio) choices as markdown. Names in TextRuns lose TextBlock's heading role and line limit.
 *
 * Forms re-show typed values: `language` words the note added where one had to be cut.
 */
export function renderCard(name: string, data: Record<string, unknown>, language?: Language): AdaptiveCard {
  const key = `${name}\u0000${language ?? ''}\u0000${JSON.stringify(data)}`;
  const cached = rendered.get(key);
  if (cached) {
    rendered.delete(key);
    rendered.set(key, cached);
    return cached;
  }
  const { template: layout, hasTextInputs } = template(name);
  const expanded = layout.expand({ $root: data }) as AdaptiveCard;
  // Each pass walks the whole card; a card is rendered on every turn, so a pass that cannot
  // change anything is skipped (the templates' own texts hold no braces).
  if (hasTextInputs) {
    const t = translator(language ?? FALLBACK_LANGUAGE);
    cutOverlongInputs(expanded, (max) => t('cards.valueCut', { max }));
  }
  if (holdsBrace(data)) keepBracesLiteral(expanded);
  const card = deepFreeze(fitCard(expanded));
  templateOfCard.set(card, name);
  rendered.set(key, card);
  if (rendered.size > RENDERED_LIMIT) rendered.delete(rendered.keys().next().value!);
  return card;
}

export function listCardTemplates(): string[] {
  return fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''));
}

import type { Translate } from '../src/i18n/translate';
import type { Audience } from '../src/identity/notifyAudience';
import { CARD_BYTES_LIMIT } from './cards/cardLimits';
import type { AdaptiveCard } from './cards/renderCard';

/** A Teams mention entity, as it goes in a card's `msteams.entities` and in the activity's `entities`. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string; type?: 'tag' };
}

/**
 * A name as it may stand between `<at>` tags in a TextBlock: names come from Teams (or a
 * deployment's tag list), not from the app's own words, so nothing in them may act as markdown or
 * close the tag early.
 */
function mentionableName(name: string): string {
  const plain = name.replace(/[<>[\]()*_~`#|\\!{}]/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.slice(0, 100) || '?';
}

function mentionEntities(audience: Audience): MentionEntity[] {
  const used = new Set<string>();
  return audience.mentions.map((addressee) => {
    let name = mentionableName(addressee.name);
    // Teams pairs each `<at>` text with its entity: two people of the same name need two texts.
    for (let n = 2; used.has(name); n += 1) name = `${mentionableName(addressee.name)} ${n}`;
    used.add(name);
    return {
      type: 'mention',
      text: `<at>${name}</at>`,
      mentioned: addressee.kind === 'tag' ? { id: addressee.id, name: addressee.name, type: 'tag' } : { id: addressee.id, name: addressee.name },
    };
  });
}

function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * The card with a line that mentions its audience ("For the attention of <at>…</at>, … and 7 more")
 * at the end of its body, and the mentions in `msteams.entities`, where Teams reads them on a card.
 * Fewer people are named, and more counted, if naming them all would push the card over Teams'
 * size limit. The card itself is not changed: a copy comes back. No audience: the card as it was.
 */
export function withMentions(card: AdaptiveCard, audience: Audience, t: Translate): AdaptiveCard {
  if (audience.mentions.length === 0) return card;
  const entities = mentionEntities(audience);
  for (let named = entities.length; named > 0; named -= 1) {
    const shown = entities.slice(0, named);
    const more = audience.left + (entities.length - named);
    const names = shown.map((entity) => entity.text).join(', ');
    const line = more > 0 ? t('mine.mentions.lineWithMore', { names, number: more }) : t('mine.mentions.line', { names });
    const copy = structuredClone(card) as AdaptiveCard & { body?: unknown[]; msteams?: Record<string, unknown> };
    // Last in the body, above the buttons: the card's own layout (its title, the reader's-language button) stays where it was.
    copy.body = [...(copy.body ?? []), { type: 'TextBlock', text: line, wrap: true, size: 'Small', spacing: 'Medium' }];
    copy.msteams = { ...(copy.msteams ?? {}), entities: shown };
    if (cardBytes(copy) <= CARD_BYTES_LIMIT) return copy;
  }
  return card;
}

/** The mention entities a card carries, for the activity around it (Teams reads them there on text messages). */
export function cardMentionEntities(card: AdaptiveCard): MentionEntity[] {
  const entities = (card.msteams as { entities?: unknown } | undefined)?.entities;
  return Array.isArray(entities) ? (entities as MentionEntity[]) : [];
}

/**
 * The card as an answer to an invoke (a reader's own view, the clicker's card): Teams documents
 * that tag mentions do not work in the invoke flow, so a tag is named there as plain text and
 * only people stay mentioned. Without a tag: the card as it was.
 */
export function asInvokeAnswer(card: AdaptiveCard): AdaptiveCard {
  const entities = cardMentionEntities(card);
  const tags = entities.filter((entity) => entity.mentioned.type === 'tag');
  if (tags.length === 0) return card;
  const copy = structuredClone(card) as AdaptiveCard & { body?: unknown[]; msteams?: Record<string, unknown> };
  const people = entities.filter((entity) => entity.mentioned.type !== 'tag');
  if (people.length > 0) copy.msteams = { ...copy.msteams, entities: people };
  else delete copy.msteams!.entities;
  // The mention line is the last TextBlock withMentions added; a tag's text appears nowhere else.
  for (const element of (copy.body ?? []) as Array<{ type?: string; text?: unknown }>) {
    if (element.type !== 'TextBlock' || typeof element.text !== 'string') continue;
    for (const tag of tags) element.text = (element.text as string).split(tag.text).join(tag.text.slice('<at>'.length, -'</at>'.length));
  }
  return copy;
}

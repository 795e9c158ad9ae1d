/**
 * What every card goes through after its template is expanded, whatever data it was given: the
 * user's words are kept from being read as date functions, re-shown input values are cut to what
 * their field takes, and the card is brought under Teams' size limit.
 */

/**
 * Teams refuses a bot message over 28 KB, the activity around the card included: ids, service
 * URL, reply-to and channel data, about 500 bytes on the tests' channel posts. The card gets the rest.
 */
export const CARD_BYTES_LIMIT = 28 * 1024 - 512;

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);

/** Every object in a card, parents before children (a loop: cards are rendered on every turn). */
function nodes(root: unknown): Node[] {
  const found: Node[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (value[i] && typeof value[i] === 'object') stack.push(value[i]);
    } else if (isNode(value)) {
      found.push(value);
      for (const key in value) if (value[key] && typeof value[key] === 'object') stack.push(value[key]);
    }
  }
  return found;
}

/** The properties a renderer shows as text, each with the object holding it. */
function shownTexts(card: unknown): Array<{ holder: Node; key: string }> {
  const texts: Array<{ holder: Node; key: string }> = [];
  for (const node of nodes(card)) {
    if ((node.type === 'TextRun' || node.type === 'TextBlock') && typeof node.text === 'string') texts.push({ holder: node, key: 'text' });
    if (Array.isArray(node.facts)) for (const fact of node.facts.filter(isNode)) for (const key of ['title', 'value']) if (typeof fact[key] === 'string') texts.push({ holder: fact, key });
    if (node.type === 'Input.ChoiceSet' && Array.isArray(node.choices)) for (const choice of node.choices.filter(isNode)) if (typeof choice.title === 'string') texts.push({ holder: choice, key: 'title' });
  }
  return texts;
}

/**
 * TextRuns show no markdown, but Adaptive Cards renderers still replace `{{DATE(...)}}` and
 * `{{TIME(...)}}` in them (and in TextBlocks and facts) by a date in the reader's locale: a
 * company "{{DATE(2017-02-14T06:08:39Z, SHORT)}}" would be shown as a date. The app's own texts
 * never use those functions, so every "{{" shown gets an invisible word joiner between its braces,
 * which no renderer matches and no reader sees.
 */
export function keepBracesLiteral(card: unknown): void {
  for (const { holder, key } of shownTexts(card)) {
    const text = holder[key] as string;
    if (text.includes('{{')) holder[key] = text.replace(/\{(?=\{)/g, '{\u2060');
  }
}

/**
 * Cuts a text to at most `max` UTF-16 units, what both `maxLength` and the domain's checks count,
 * never splitting a character made of two units.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * A refused submission shows the form again with what was typed; a value longer than its field
 * allows (sent by a client that ignores `maxLength`) would be echoed whole, a 100,000-character
 * summary making a 116 KB card. Each such value is cut to the field's `maxLength` and followed by
 * `note(max)`, so the user knows the rest was not kept.
 */
export function cutOverlongInputs(card: unknown, note: (max: number) => string): void {
  for (const node of nodes(card)) {
    for (const key of ['body', 'items']) {
      const list = node[key];
      if (!Array.isArray(list)) continue;
      for (let i = list.length - 1; i >= 0; i--) {
        const input = list[i];
        if (!isNode(input) || input.type !== 'Input.Text' || typeof input.value !== 'string' || typeof input.maxLength !== 'number') continue;
        if (input.value.length <= input.maxLength) continue;
        input.value = cutText(input.value, input.maxLength);
        list.splice(i + 1, 0, { type: 'TextBlock', text: note(input.maxLength), color: 'Warning', size: 'Small', wrap: true, spacing: 'None' });
      }
    }
  }
}

export const cardBytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** Texts are cut no shorter than this: below it, dropping list entries saves more. */
const SHORTEST_CUT = 120;
const ELLIPSIS = '…';

/** The ellipses put where list entries were dropped: they stay. */
const dropMarks = new WeakSet<object>();

const holdsInput = (node: unknown): boolean => nodes(node).some((n) => typeof n.type === 'string' && (n.type.startsWith('Input.') || n.type === 'ActionSet'));

/** The body and container lists of the card with the entries that can go without breaking a form. */
function droppableLists(card: Node): Array<{ list: unknown[]; droppable: number[] }> {
  const lists: Array<{ list: unknown[]; droppable: number[] }> = [];
  for (const node of nodes(card.body)) {
    const list = node.items;
    if (Array.isArray(list)) lists.push({ list, droppable: list.flatMap((item, i) => (holdsInput(item) || dropMarks.has(item as object) ? [] : [i])) });
  }
  const body = card.body;
  // The first element of the body says what the card is: it stays.
  if (Array.isArray(body)) lists.push({ list: body, droppable: body.flatMap((item, i) => (i > 0 && !holdsInput(item) && !dropMarks.has(item as object) ? [i] : [])) });
  return lists.filter((entry) => entry.droppable.length > 1);
}

/** Cuts the texts longer than a length that shrinks by a quarter each round, until the card fits. */
function cutLongestTexts(card: Node, texts: Array<{ holder: Node; key: string }>): boolean {
  const wholes = texts.map((entry) => ({ ...entry, whole: entry.holder[entry.key] as string }));
  let longest = Math.max(0, ...wholes.map((entry) => entry.whole.length));
  while (longest > SHORTEST_CUT) {
    longest = Math.max(SHORTEST_CUT, Math.floor((longest * 3) / 4));
    for (const entry of wholes) if (entry.whole.length > longest) entry.holder[entry.key] = `${cutText(entry.whole, longest).trimEnd()}${ELLIPSIS}`;
    if (cardBytes(card) <= CARD_BYTES_LIMIT) return true;
  }
  return false;
}

/**
 * Brings a card under CARD_BYTES_LIMIT, whatever its data. First the longest texts are cut (a
 * 5,000-character note says enough in its first part): what people typed, in TextRuns, before
 * the catalogue's words. Then the last entries of the longest lists go, an ellipsis taking their
 * place. A card made of inputs and choices alone keeps its first elements that fit and loses its
 * buttons, rather than being refused by Teams. Each round measures the card once.
 */
export function fitCard<T extends Node>(card: T): T {
  const json = JSON.stringify(card);
  // A UTF-16 unit is at most 3 bytes in UTF-8: most cards fit without counting their bytes.
  if (json.length * 3 <= CARD_BYTES_LIMIT || Buffer.byteLength(json, 'utf8') <= CARD_BYTES_LIMIT) return card;
  const texts = shownTexts(card);
  if (cutLongestTexts(card, texts.filter((entry) => entry.holder.type === 'TextRun')) || cutLongestTexts(card, texts)) return card;
  const marked = new Set<unknown[]>();
  for (;;) {
    const lists = droppableLists(card);
    if (lists.length === 0) break;
    const { list, droppable } = lists.reduce((a, b) => (b.droppable.length > a.droppable.length ? b : a));
    // As many entries from the end as the excess weighs, then a fresh measure.
    let excess = cardBytes(card) - CARD_BYTES_LIMIT;
    let last = droppable[droppable.length - 1];
    while (excess > 0 && droppable.length > 1) {
      last = droppable.pop()!;
      excess -= cardBytes(list[last]) + 1;
      list.splice(last, 1);
    }
    if (!marked.has(list)) {
      marked.add(list);
      const mark = { type: 'TextBlock', text: ELLIPSIS, isSubtle: true };
      dropMarks.add(mark);
      list.splice(last, 0, mark);
    }
    if (cardBytes(card) <= CARD_BYTES_LIMIT) return card;
  }
  const kept: unknown[] = [];
  const bare = { type: card.type, version: card.version, body: kept } as unknown as T;
  for (const element of Array.isArray(card.body) ? card.body : []) {
    if (holdsInput(element)) continue;
    kept.push(element);
    if (cardBytes(bare) > CARD_BYTES_LIMIT) {
      kept.pop();
      break;
    }
  }
  return bare;
}

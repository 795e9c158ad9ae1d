/**
 * What every card goes through after its template is expanded, whatever data it was given: the
 * user's words are kept from being read as date functions and re-shown input values are cut to
 * what their field takes.
 */

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);

function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) for (const item of value) yield* nodes(item);
  else if (isNode(value)) {
    yield value;
    for (const child of Object.values(value)) yield* nodes(child);
  }
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
 * summary making a 115 KB card. Each such value is cut to the field's `maxLength` and followed by
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

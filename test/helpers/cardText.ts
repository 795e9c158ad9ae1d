/**
 * Where a card's texts sit, by how Teams renders them: markdown (TextBlock text, fact titles and
 * values, the labels of expanded choice sets) or literally (TextRun text, input values, the titles
 * of compact choices and of buttons).
 */

type Node = Record<string, unknown>;

function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) for (const item of value) yield* nodes(item);
  else if (value && typeof value === 'object') {
    yield value as Node;
    for (const child of Object.values(value)) yield* nodes(child);
  }
}

export function markdownTexts(card: unknown): string[] {
  const texts: string[] = [];
  for (const node of nodes(card)) {
    if (node.type === 'TextBlock') texts.push(String(node.text ?? ''));
    if (node.type === 'FactSet' && Array.isArray(node.facts)) for (const fact of node.facts as Node[]) texts.push(String(fact.title ?? ''), String(fact.value ?? ''));
    if (node.type === 'Input.ChoiceSet' && node.style === 'expanded' && Array.isArray(node.choices)) for (const choice of node.choices as Node[]) texts.push(String(choice.title ?? ''));
  }
  return texts;
}

export function literalTexts(card: unknown): string[] {
  const texts: string[] = [];
  for (const node of nodes(card)) {
    if (node.type === 'TextRun') texts.push(String(node.text ?? ''));
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.value === 'string') texts.push(node.value);
  }
  return texts;
}

/** Every text a renderer passes through its DATE()/TIME() functions. */
export function formattedTexts(card: unknown): string[] {
  return [...markdownTexts(card), ...[...nodes(card)].filter((node) => node.type === 'TextRun').map((node) => String(node.text ?? ''))];
}

export function hasMentionEntities(card: unknown): boolean {
  return [...nodes(card)].some((node) => Array.isArray((node.msteams as Node | undefined)?.entities));
}

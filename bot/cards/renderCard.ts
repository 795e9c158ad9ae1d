import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

const templates = new Map<string, Template>();

/** Card layouts are JSON templates beside this file; each is parsed once and expanded per use. */
function template(name: string): Template {
  let cached = templates.get(name);
  if (!cached) {
    const json = JSON.parse(fs.readFileSync(path.join(__dirname, `${name}.json`), 'utf8'));
    cached = new Template(json);
    templates.set(name, cached);
  }
  return cached;
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

/**
 * A card is a pure function of its template and data, and the same cards (help, forms, unchanged
 * alerts) are asked for again and again: expansions are remembered, least recently used first
 * out. Cards come back frozen, so no caller can change one that another caller also holds.
 */
export function renderCard(name: string, data: Record<string, unknown>): AdaptiveCard {
  const key = `${name}\u0000${JSON.stringify(data)}`;
  const cached = rendered.get(key);
  if (cached) {
    rendered.delete(key);
    rendered.set(key, cached);
    return cached;
  }
  const card = deepFreeze(template(name).expand({ $root: data }) as AdaptiveCard);
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

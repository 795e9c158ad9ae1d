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

export function renderCard(name: string, data: Record<string, unknown>): AdaptiveCard {
  return template(name).expand({ $root: data }) as AdaptiveCard;
}

export function listCardTemplates(): string[] {
  return fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''));
}

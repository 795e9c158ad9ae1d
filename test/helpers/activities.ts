import fs from 'node:fs';
import path from 'node:path';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'activities');

type Json = Record<string, any>;

function merge(base: Json, overrides: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    result[key] =
      value && typeof value === 'object' && !Array.isArray(value) && base[key] && typeof base[key] === 'object'
        ? merge(base[key], value)
        : value;
  }
  return result;
}

let sequence = 0;

/**
 * A Teams-shaped activity from test/fixtures/activities/<name>.json, with a fresh id and the
 * given overrides deep-merged (e.g. { locale: 'fr-FR', text: '...' }).
 */
export function activity(name: string, overrides: Json = {}): Json {
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Json;
  sequence += 1;
  return merge({ ...fixture, id: `${fixture.id ?? 'activity'}-${sequence}`, timestamp: new Date().toISOString() }, overrides);
}

/** A channel message that @mentions the bot, the way Teams delivers it. */
export function channelMessage(command: string, overrides: Json = {}): Json {
  return activity('message.channel.mention', merge({ text: `<at>Cooperation Desk</at>&nbsp;${command}` }, overrides));
}

export function personalMessage(text: string, overrides: Json = {}): Json {
  return activity('message.personal', merge({ text }, overrides));
}

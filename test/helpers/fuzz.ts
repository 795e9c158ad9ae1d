import fs from 'node:fs';
import path from 'node:path';

/**
 * Seeded mutation of Teams-shaped activities: the fixtures broken the way a faulty client, an old
 * card or an attacker would send them. The same seed gives the same activities, so a failure found
 * in CI is replayed by running the test again.
 */

type Json = any;

/** mulberry32: small, fast and good enough to pick mutations; Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'activities');

export function loadFixtures(): Record<string, Json> {
  return Object.fromEntries(
    fs
      .readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'))]),
  );
}

const HUGE = 'x'.repeat(100_000);
const HOSTILE_STRINGS = ['', ' ', HUGE, '\u0000\uffff\ud800', '<at>Cooperation Desk</at>', '[click me](http://evil.example/phish)', '{{DATE(2017-02-14T06:08:39Z, SHORT)}}', "'; DROP TABLE alerts; --", 'null', '../../etc/passwd'];
const WRONG_VALUES: Json[] = [null, [], {}, 0, -1, 1e308, 3.5, true, false, ['a', 1], { nested: { deeper: [null] } }, ...HOSTILE_STRINGS];

/** Values a card's data may carry: plausible references, typed-in text and wrong types alike. */
const DATA_KEYS = ['ref', 'formId', 'page', 'companyId', 'response', 'status', 'year', 'id', 'actionId', 'summary', 'companyName', 'identifierType0', 'identifierValue0', 'countriesConcerned', 'fraudTypes', 'urgency', 'sector', 'note', 'reason', 'rsvp', 'filter', 'version', 'title', 'startDate', 'endDate', 'msteams'];
const DATA_VALUES: Json[] = ['AL-2024-0001', 'AL-9999-9999', 'CJI-2024-001', 'PA-2024-01', '1', '2', '2024', '2099', 'known', 'no_record', 'investigating', 'agreed', 'cancelled', 'yes', 'no', 'priority', 'urgent', 'letterbox_company', 'FR,ES', 'pt_nipc', '599 004 002', '43', ...WRONG_VALUES];

export interface FuzzContext {
  knownVerbs: readonly string[];
  /** Real references in the store, so some mutated data reaches the handlers' deeper checks. */
  knownRefs: readonly string[];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function randomData(random: () => number, context: FuzzContext): Json {
  const shape = random();
  if (shape < 0.08) return pick(random, [null, [], 'data', 7, true]);
  const data: Record<string, Json> = {};
  const keys = Math.floor(random() * 6);
  for (let i = 0; i < keys; i += 1) {
    data[pick(random, DATA_KEYS)] = random() < 0.3 && context.knownRefs.length > 0 ? pick(random, context.knownRefs) : clone(pick(random, DATA_VALUES));
  }
  return data;
}

/** Every path to a value inside an activity, e.g. ['from', 'id'] or ['entities', 0, 'type']. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (!value || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

function setPath(target: Json, at: (string | number)[], value: Json | undefined): void {
  let node = target;
  for (const key of at.slice(0, -1)) node = node[key];
  const last = at[at.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
}

/** One to three structural mutations: a field removed, or replaced by a wrong type or hostile text. */
function mutateStructure(random: () => number, activity: Json): Json {
  const mutated = clone(activity);
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i += 1) {
    const all = paths(mutated);
    if (all.length === 0) break;
    const at = pick(random, all);
    setPath(mutated, at, random() < 0.3 ? undefined : clone(pick(random, WRONG_VALUES)));
  }
  return mutated;
}

const INVOKE_NAMES_HANDLED = ['composeExtension/query', 'composeExtension/selectItem', 'composeExtension/fetchTask', 'composeExtension/submitAction', 'composeExtension/queryLink', 'composeExtension/querySettingUrl', 'composeExtension/setting', 'composeExtension/onCardButtonClicked', 'task/fetch', 'task/submit'];
const INVOKE_NAMES_UNHANDLED = ['signin/verifyState', 'signin/tokenExchange', 'config/fetch', 'fileConsent/invoke', 'actionableMessage/executeAction', 'handoff/action', 'nope', 'adaptiveCard/unknown'];
const TEXTS = ['/help', '/alert', '/alerts', '/alerts 2', '/alerts 99999999999999999999', '/company AL-2024-0001', '/company 599004002', '/cji', '/cji new', '/cji list', '/plan', '/plan 2024', '/plan 1', '/action', '/action PA-2024-01', '/unknown', '', HUGE, '/alert ' + HUGE, '<at>Cooperation Desk</at>&nbsp;', '&nbsp;/help&nbsp;', '[x](http://evil.example)'];

/** An activity of the kind of fixture name, with a payload of that kind made up or broken. */
function mutatePayload(random: () => number, name: string, activity: Json, context: FuzzContext): Json {
  const mutated = clone(activity);
  if (mutated.type === 'message') {
    mutated.text = pick(random, TEXTS);
    if (random() < 0.3) mutated.value = randomData(random, context);
  } else if (name.startsWith('invoke.cardAction')) {
    const verbs: Json[] = [...context.knownVerbs, ...context.knownVerbs, '', 'alert.delete', 'ALERT.SUBMIT', 'alert.submit ', 42, null, undefined];
    const action: Json = { type: pick(random, ['Action.Execute', 'Action.Execute', 'Action.Submit', 7]), verb: pick(random, verbs), data: randomData(random, context) };
    if (action.verb === undefined) delete action.verb;
    mutated.value = random() < 0.1 ? pick(random, [null, [], 'value', 1]) : { action: random() < 0.05 ? null : action, trigger: 'manual' };
  } else if (mutated.type === 'invoke') {
    if (random() < 0.35) mutated.name = pick(random, [...INVOKE_NAMES_HANDLED, ...INVOKE_NAMES_UNHANDLED]);
    const value: Json = random() < 0.15 ? pick(random, [null, [], 'value', 1, true]) : { ...mutated.value };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (random() < 0.5) value.commandId = pick(random, ['searchCompanies', 'reportAlert', 'unknownCommand', '', null, 5]);
      if (random() < 0.5) value.data = randomData(random, context);
      if (random() < 0.3) value.parameters = pick(random, [null, [], [{ name: 'query', value: pick(random, HOSTILE_STRINGS) }], [{ name: 'query', value: 5 }], 'params']);
      if (random() < 0.2) value.companyId = pick(random, DATA_VALUES);
    }
    mutated.value = value;
  }
  return mutated;
}

export interface FuzzCase {
  label: string;
  /** What is posted as the request body: usually an activity, sometimes not even an object. */
  body: Json;
}

/**
 * count cases from the fixtures: whole bodies that are not activities, envelopes with broken
 * fields, and payloads (texts, verbs, card data, message-extension values) made up or broken.
 */
export function generateFuzzCases(seed: number, count: number, context: FuzzContext): FuzzCase[] {
  const random = seededRandom(seed);
  const fixtures = loadFixtures();
  const names = Object.keys(fixtures).sort();
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = pick(random, names);
    const roll = random();
    let body: Json;
    let kind: string;
    if (roll < 0.04) {
      kind = 'not-an-activity';
      body = pick(random, [null, [], [fixtures[name]], 'activity', 42, true, {}, { type: '' }]);
    } else if (roll < 0.45) {
      kind = 'envelope';
      body = mutateStructure(random, fixtures[name]);
    } else if (roll < 0.9) {
      kind = 'payload';
      body = mutatePayload(random, name, fixtures[name], context);
    } else {
      kind = 'payload+envelope';
      body = mutateStructure(random, mutatePayload(random, name, fixtures[name], context));
    }
    if (body && typeof body === 'object' && !Array.isArray(body) && 'id' in body && typeof body.id === 'string') body.id = `${body.id}-fuzz-${i}`;
    cases.push({ label: `#${i} ${kind} from ${name}`, body });
  }
  return cases;
}

import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { invokeCard } from './helpers/teamsActions';
import { PEOPLE, from, manualClock, registerPeople, type Person } from './helpers/people';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';

const en = translator('en');

/** The parts of ical.js (kewisch/ical.js, the parser behind Thunderbird's calendar) this test uses. */
interface IcalTime {
  isDate: boolean;
  toString(): string;
}
interface IcalComponent {
  getAllSubcomponents(name: string): IcalComponent[];
  getFirstPropertyValue(name: string): unknown;
}
interface IcalModule {
  parse(text: string): unknown;
  Component: new (jcal: unknown) => IcalComponent;
  Event: new (component: IcalComponent) => { uid: string; summary: string; location: string; description: string; startDate: IcalTime; endDate: IcalTime; sequence: number };
}

/** A real iCalendar parser, loaded here so that the rest of the suite runs without it. */
function icalJs(): IcalModule {
  let loaded: IcalModule & { default?: IcalModule };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('ical.js');
  } catch {
    throw new Error('ical.js is not installed: run `npm install --save-dev ical.js` to check the feed with a real iCalendar parser');
  }
  return loaded.default ?? loaded;
}

let formCounter = 0;

async function schedule(t: TestApp, person: Person, overrides: Record<string, string>): Promise<string> {
  const data = {
    formId: `00000000-0000-4000-8000-${String(++formCounter).padStart(12, '0')}`,
    kind: 'joint',
    hostState: 'ES',
    states: 'PT',
    authorities: 'PT-ACT',
    leadAuthority: 'ES-ITSS',
    sector: '49',
    city: 'Badajoz',
    placeState: 'ES',
    startDate: '2026-03-16',
    endDate: '2026-03-18',
    notes: 'Internal: meet at the ITSS office.',
    ...overrides,
  };
  const response = await t.post(activity('invoke.cardAction.personal', { ...from(person), value: { action: { type: 'Action.Execute', verb: 'cji.submit', data } } }));
  return /CJI-\d{4}-\d{3}/.exec(JSON.stringify(response.body))![0];
}

async function click(t: TestApp, person: Person, verb: string, data: Record<string, unknown>) {
  const response = await t.post(activity('invoke.cardAction.personal', { ...from(person), value: { action: { type: 'Action.Execute', verb, data } } }));
  expect(response.body.type, JSON.stringify(response.body)).to.equal('application/vnd.microsoft.card.adaptive');
}

/** Asks for a calendar link in personal chat and returns the address shown on the card. */
async function calendarLink(t: TestApp, person: Person, locale = 'en-GB'): Promise<{ url: string; stateUrl: string; card: string }> {
  t.connector.clear();
  await t.post(personalMessage('/cji calendar', { ...from(person), locale }));
  const card = t.sentCards()[0] as any;
  const input = (id: string) => card.body.find((element: any) => element.id === id);
  return { url: input('calendarUrl').value, stateUrl: input('calendarUrlState').value, card: JSON.stringify(card) };
}

/** A dated plan action of 2026 (the feed reads actions, not plans' status). */
/**
 * The uids of the dated plan actions the feed must hold: ended at most a year ago (the clock is at
 * 2 March 2026), the served inspection action 2026-45 aside, and for one state those it takes part in.
 */
function expectedActionUids(t: TestApp, state?: string): string[] {
  const rows = t.app.db
    .prepare(
      `SELECT a.ref FROM actions a WHERE a.start_date IS NOT NULL AND COALESCE(a.end_date, a.start_date) >= '2025-03-02' AND a.ref <> '2026-45'
         AND (@state IS NULL OR a.lead_state = @state OR EXISTS (SELECT 1 FROM action_states s WHERE s.action_id = a.id AND s.member_state = @state))`,
    )
    .all({ state: state ?? null }) as Array<{ ref: string }>;
  return rows.map((row) => `action-${row.ref}@cooperation-desk`);
}

function insertAction(t: TestApp, action: { ref: string; type: string; title: string; states: string[]; lead: string; start: string; end: string | null; places: Array<{ city: string | null; region: string | null; country: string }>; status?: string }): number {
  const now = '2026-01-10T09:00:00.000Z';
  t.app.db.prepare("INSERT OR IGNORE INTO plans (year, status, created_at) VALUES (2026, 'agreed', ?)").run(now);
  const { lastInsertRowid } = t.app.db
    .prepare(
      `INSERT INTO actions (plan_year, ref, title, type, scope, lead_state, lead_authority_id, status, start_date, end_date, places_json, created_at, updated_at)
       VALUES (2026, ?, ?, ?, 'multilateral', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(action.ref, action.title, action.type, action.lead.slice(0, 2), action.lead, action.status ?? 'planned', action.start, action.end, JSON.stringify(action.places), now, now);
  for (const state of action.states) t.app.db.prepare('INSERT INTO action_states (action_id, member_state) VALUES (?, ?)').run(lastInsertRowid, state);
  return Number(lastInsertRowid);
}

async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control'), body: await response.text() };
}

describe('the inspection calendar feed', () => {
  let t: TestApp;
  let joint: string;
  let concerted: string;
  let cancelled: string;
  before(async () => {
    t = await startTestApp({ clock: manualClock('2026-03-02T09:00:00Z') });
    registerPeople(t.connector);
    joint = await schedule(t, PEOPLE.esInspector, { city: 'Saint-Jean-de-Luz; port, quai\\nord', region: 'Nouvelle-Aquitaine', kind: 'concerted', hostState: 'FR', placeState: 'FR', states: 'ES', authorities: 'ES-ITSS,FR-URSSAF', leadAuthority: 'FR-URSSAF' });
    concerted = await schedule(t, PEOPLE.esInspector, { startDate: '2026-03-30', endDate: '2026-03-31' });
    cancelled = await schedule(t, PEOPLE.esInspector, { city: 'Elvas', kind: 'concerted', placeState: 'PT', startDate: '2026-04-20', endDate: '2026-04-20' });
    await click(t, PEOPLE.esInspector, 'cji.status', { ref: concerted, to: 'agreed' });
    await click(t, PEOPLE.ptInspector, 'cji.rsvp', { ref: concerted, answer: 'join' });
    await click(t, PEOPLE.esInspector, 'cji.status', { ref: cancelled, to: 'cancelled', cancelReason: 'Company closed.' });
    insertAction(t, { ref: '2026-41', type: 'workshop', title: 'Workshop on PD A1 checks', states: ['ES', 'PT'], lead: 'PT-ACT', start: '2026-05-05', end: '2026-05-06', places: [{ city: 'Lisboa', region: null, country: 'PT' }] });
    insertAction(t, { ref: '2026-42', type: 'expert_meeting', title: 'FR–IT expert meeting on posting', states: ['FR', 'IT'], lead: 'IT-INL', start: '2026-06-10', end: null, places: [{ city: 'Roma', region: 'Lazio', country: 'IT' }], status: 'initiated' });
    // Undated, and ended over a year ago: neither is in the feed.
    insertAction(t, { ref: '2026-43', type: 'training', title: 'Training, date to be set', states: ['PT'], lead: 'PT-ACT', start: null as never, end: null, places: [] });
    insertAction(t, { ref: '2026-44', type: 'study_visit', title: 'Old study visit', states: ['PT'], lead: 'PT-ACT', start: '2024-11-04', end: '2024-11-05', places: [] });
    // An inspection action served by an inspection is the inspection in the feed, not twice.
    const served = insertAction(t, { ref: '2026-45', type: 'joint_inspection', title: 'Joint inspections in transport', states: ['ES', 'PT'], lead: 'ES-ITSS', start: '2026-03-30', end: '2026-03-31', places: [] });
    t.app.db.prepare('UPDATE inspections SET action_id = ? WHERE ref = ?').run(served, concerted);
  });
  after(() => t.stop());

  it('never posts a link where others read it: in a channel each person who presses the button sees their own, in the answer to their click', async () => {
    t.connector.clear();
    await t.post(channelMessage('/cji calendar', { ...from(PEOPLE.ptInspector), locale: 'fr-FR' }));
    const posted = JSON.stringify(t.sentCards());
    expect(posted).to.include(translator('fr')('inspections.calendar.privateIntro')).and.include('"verb":"cji.calendarLink"');
    expect(posted).not.to.match(/token=/);
    expect(t.app.db.prepare('SELECT count(*) AS n FROM calendar_links').get()).to.deep.equal({ n: 0 });
    t.connector.clear();
    const press = (person: Person) =>
      t.post(activity('invoke.cardAction.channel', { ...from(person), locale: 'es-ES', value: { action: { type: 'Action.Execute', verb: 'cji.calendarLink', data: {} } } }));
    const shown = [await press(PEOPLE.ptInspector), await press(PEOPLE.itInspector)].map((response) => JSON.stringify(invokeCard(response)));
    const tokens = shown.map((card) => /token=([A-Za-z0-9_-]{43})/.exec(card)![1]);
    expect(new Set(tokens).size).to.equal(2);
    expect(shown[1]).to.include(translator('es')('inspections.calendar.warning'));
    // Nothing went to the channel: the links are only in the two invoke responses.
    expect(t.connector.sentActivities()).to.have.length(0);
    // Each press issues that person's two addresses: everything, and their state's only.
    expect(listAudit(t.app.db, { action: 'calendar.link_issued' }).map((entry) => [entry.authorityId, entry.details?.scope])).to.deep.equal([
      ['PT-ACT', 'all'],
      ['PT-ACT', 'state'],
      ['IT-INL', 'all'],
      ['IT-INL', 'state'],
    ]);
  });

  it('gives a personal link in personal chat', async () => {
    const { url, card } = await calendarLink(t, PEOPLE.ptInspector, 'pt-PT');
    expect(url).to.match(new RegExp(`^${t.app.url}/api/inspections\\.ics\\?token=[A-Za-z0-9_-]{43}$`));
    expect(card).to.include(translator('pt')('inspections.calendar.warning'));
    const secret = new URL(url).searchParams.get('token')!;
    const stored = JSON.stringify(t.app.db.prepare('SELECT * FROM calendar_links').all()) + JSON.stringify(listAudit(t.app.db));
    expect(stored).not.to.include(secret);
    expect(listAudit(t.app.db, { action: 'calendar.link_issued' }).at(-1)).to.include({ authorityId: 'PT-ACT' });
  });

  it('serves RFC 5545 text that a real iCalendar parser (ical.js) reads: all-day events, statuses, escaped text', async () => {
    const { url } = await calendarLink(t, PEOPLE.ptInspector);
    const feed = await get(url);
    expect(feed).to.include({ status: 200, type: 'text/calendar; charset=utf-8' });
    expect(feed.cache).to.include('no-store');
    expect(feed.body.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
    for (const line of feed.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).to.be.at.most(75);
    expect(feed.body).not.to.include('Internal: meet');

    const ICAL = icalJs();
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).to.equal(en('inspections.calendar.feedName'));
    const events = Object.fromEntries(calendar.getAllSubcomponents('vevent').map((vevent) => [new ICAL.Event(vevent).uid, vevent]));
    expect(expectedActionUids(t)).to.include.members(['action-2026-41@cooperation-desk', 'action-2026-42@cooperation-desk']).and.not.include('action-2026-43@cooperation-desk');
    expect(Object.keys(events).sort()).to.deep.equal([...[joint, concerted, cancelled].map((ref) => `${ref}@cooperation-desk`), ...expectedActionUids(t)].sort());

    const first = new ICAL.Event(events[`${joint}@cooperation-desk`]);
    expect(first.startDate.isDate).to.equal(true);
    expect([first.startDate.toString(), first.endDate.toString()]).to.deep.equal(['2026-03-16', '2026-03-19']);
    expect(first.location).to.equal('Saint-Jean-de-Luz; port, quai\\nord, Nouvelle-Aquitaine, France');
    expect(first.summary).to.equal(`${joint} · Concerted inspection · Saint-Jean-de-Luz; port, quai\\nord (FR) · Proposed`);
    expect(events[`${joint}@cooperation-desk`].getFirstPropertyValue('status')).to.equal('TENTATIVE');

    const second = new ICAL.Event(events[`${concerted}@cooperation-desk`]);
    expect(events[`${concerted}@cooperation-desk`].getFirstPropertyValue('status')).to.equal('CONFIRMED');
    expect(second.description.split('\n')).to.include.members([en('inspections.calendar.eventJoining', { count: 1 }), en('inspections.calendar.youJoin')]);
    expect(events[`${cancelled}@cooperation-desk`].getFirstPropertyValue('status')).to.equal('CANCELLED');

    const workshop = new ICAL.Event(events['action-2026-41@cooperation-desk']);
    expect([workshop.startDate.toString(), workshop.endDate.toString()]).to.deep.equal(['2026-05-05', '2026-05-07']);
    expect(workshop.summary).to.equal(en('inspections.calendar.actionSummary', { ref: '2026-41', type: en('plan.type.workshop'), title: 'Workshop on PD A1 checks', status: en('plan.status.planned') }));
    expect(workshop.location).to.equal('Lisboa, Portugal');
    expect(workshop.description.split('\n')).to.include.members([en('inspections.calendar.eventType', { type: en('plan.type.workshop') }), en('inspections.calendar.eventAction', { ref: '2026-41' })]);
    expect(events['action-2026-41@cooperation-desk'].getFirstPropertyValue('status')).to.equal('TENTATIVE');
    const meeting = new ICAL.Event(events['action-2026-42@cooperation-desk']);
    expect([meeting.startDate.toString(), meeting.endDate.toString()], 'a one-day action without an end date').to.deep.equal(['2026-06-10', '2026-06-11']);
    expect(events['action-2026-42@cooperation-desk'].getFirstPropertyValue('status')).to.equal('CONFIRMED');
  });

  it('gives a second address for the reader\'s state only, in their language: its inspections and the plan actions it takes part in', async () => {
    const { stateUrl, card } = await calendarLink(t, PEOPLE.itInspector, 'it-IT');
    const it = translator('it');
    expect(card).to.include(it('inspections.calendar.stateLink', { state: 'Italia' }));
    const feed = await get(stateUrl);
    expect(feed.status).to.equal(200);
    const ICAL = icalJs();
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).to.equal(it('inspections.calendar.feedNameState', { state: 'Italia' }));
    const uids = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent).uid);
    // Italy takes part in none of the three inspections; of the actions added here, in the FR–IT meeting only.
    expect(uids.sort()).to.deep.equal(expectedActionUids(t, 'IT').sort());
    expect(uids).to.include('action-2026-42@cooperation-desk').and.not.include('action-2026-41@cooperation-desk');
    const meeting = new ICAL.Event(calendar.getAllSubcomponents('vevent').find((vevent) => new ICAL.Event(vevent).uid === 'action-2026-42@cooperation-desk')!);
    expect(meeting.summary).to.include(it('plan.type.expert_meeting')).and.include(it('plan.status.initiated'));
    expect(meeting.location).to.equal('Roma, Lazio, Italia');
    const portugal = await get((await calendarLink(t, PEOPLE.ptInspector)).stateUrl);
    const ptUids = new ICAL.Component(ICAL.parse(portugal.body)).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent).uid);
    expect(ptUids.sort()).to.deep.equal([`${concerted}@cooperation-desk`, `${cancelled}@cooperation-desk`, ...expectedActionUids(t, 'PT')].sort());
    expect(ptUids).to.include('action-2026-41@cooperation-desk').and.not.include('action-2026-42@cooperation-desk');
  });

  it('answers a wrong, missing or revoked secret with a bare 404, and a new link replaces the old one', async () => {
    const { url: old } = await calendarLink(t, PEOPLE.esInspector, 'es-ES');
    expect((await get(old)).status).to.equal(200);
    for (const wrong of [`${t.app.url}/api/inspections.ics?token=${'A'.repeat(43)}`, `${t.app.url}/api/inspections.ics`, `${old}x`]) {
      expect(await get(wrong)).to.deep.include({ status: 404, body: '' });
    }
    const { url: renewed, card } = await calendarLink(t, PEOPLE.esInspector);
    expect(card).to.include(en('inspections.calendar.replaced'));
    expect((await get(old)).status).to.equal(404);
    expect((await get(renewed)).status).to.equal(200);
    t.connector.clear();
    await t.post(personalMessage('/cji calendar revoke', from(PEOPLE.esInspector)));
    expect(t.connector.sentActivities()[0].body.text).to.equal(en('inspections.calendar.revoked'));
    expect(await get(renewed)).to.deep.include({ status: 404, body: '' });
    t.connector.clear();
    await t.post(personalMessage('/cji calendar revoke', from(PEOPLE.esInspector)));
    expect(t.connector.sentActivities()[0].body.text).to.equal(en('inspections.calendar.nothingToRevoke'));
  });

  it('records who issued, revoked and read which link', () => {
    const es = (action: string) => listAudit(t.app.db, { action }).filter((entry) => entry.authorityId === 'ES-ITSS');
    expect(es('calendar.link_issued').map((entry) => entry.details)).to.deep.equal([
      { replaced: 0, scope: 'all' },
      { replaced: 0, scope: 'state' },
      { replaced: 2, scope: 'all' },
      { replaced: 2, scope: 'state' },
    ]);
    expect(es('calendar.link_revoked')).to.have.length(2);
    expect(es('calendar.feed_read')).to.have.length(2);
    // The two revoked links were asked for again (old after renewal, renewed after revoke): who holds them is unknown.
    expect(listAudit(t.app.db, { action: 'calendar.feed_refused' }).map((entry) => [entry.authorityId, entry.details?.reason])).to.deep.equal([
      [null, 'revoked'],
      [null, 'revoked'],
    ]);
    const links = t.app.db.prepare('SELECT revoked_at AS revokedAt, last_read_at AS lastReadAt FROM calendar_links l JOIN users u ON u.id = l.user_id WHERE u.authority_id = ? ORDER BY l.id').all('ES-ITSS');
    // The state-only addresses were never read.
    expect(links).to.deep.equal([
      { revokedAt: '2026-03-02T09:00:00.000Z', lastReadAt: '2026-03-02T09:00:00.000Z' },
      { revokedAt: '2026-03-02T09:00:00.000Z', lastReadAt: null },
      { revokedAt: '2026-03-02T09:00:00.000Z', lastReadAt: '2026-03-02T09:00:00.000Z' },
      { revokedAt: '2026-03-02T09:00:00.000Z', lastReadAt: null },
    ]);
  });
});

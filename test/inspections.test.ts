import { expect } from 'chai';
import { literalTexts } from './helpers/cardText';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, registerPeople, type Person } from './helpers/people';
import { clickOnChannelCard, installInChannel, invokeCard, invokeMessage, postedMessageId } from './helpers/teamsActions';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getInspection } from '../src/inspections/inspectionQueries';
import { datesText } from '../bot/inspections/inspectionText';
import { formatDate } from '../bot/cards/choices';

const CHANNEL = '19:cooperation-general@thread.tacv2';

/** A joint inspection in Badajoz with a company the store knows (by its VAT number) and a new one. */
const VALID_FORM = {
  kind: 'joint',
  hostState: 'ES',
  states: 'PT',
  authorities: 'PT-ACT',
  leadAuthority: 'ES-ITSS',
  sector: '49',
  city: 'Badajoz',
  region: 'Extremadura',
  placeState: 'ES',
  startDate: '2026-03-16',
  endDate: '2026-03-18',
  companyValue0: 'PT 599 002 727',
  companyType0: '',
  companyName0: '',
  companyValue1: '599.004.002',
  companyType1: 'pt_nipc',
  companyName1: 'Construções Atlântico Demo, Lda (fictional)',
  actionRef: '',
  elaSupport: 'true',
  notes: 'Meeting point: ITSS office in Badajoz, 08:00. Working languages: Spanish and Portuguese.',
};

const NO_COMPANIES = { companyValue0: '', companyType0: '', companyName0: '', companyValue1: '', companyType1: '', companyName1: '' };

let formCounter = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++formCounter).padStart(12, '0')}`;

function count(t: TestApp, table: string): number {
  return (t.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function install(t: TestApp) {
  registerPeople(t.connector);
  await installInChannel(t);
}

function invoke(person: Person, verb: string, data: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return activity('invoke.cardAction.personal', { ...from(person), locale: 'en-GB', value: { action: { type: 'Action.Execute', verb, data } }, ...overrides });
}

async function submitForm(t: TestApp, person: Person, data: Record<string, string>, locale = 'en-GB') {
  return t.post(invoke(person, 'cji.submit', data, { locale }));
}

function channelPostId(t: TestApp, ref: string): string {
  return postedMessageId(t, `cji:${ref}:posted`);
}

/** Schedules a valid inspection as `person` and returns its reference and the channel message id. */
async function schedule(t: TestApp, person: Person, overrides: Record<string, string> = {}) {
  const card = JSON.stringify(invokeCard(await submitForm(t, person, { ...VALID_FORM, formId: freshFormId(), ...overrides })));
  const ref = /CJI-\d{4}-\d{3}/.exec(card)![0];
  await t.app.outbox.idle();
  return { ref, messageId: channelPostId(t, ref) };
}

const en = translator('en');

describe('/cji new and the inspection form', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ clock: manualClock('2026-03-02T09:00:00Z') });
    await install(t);
  });
  afterEach(() => t.stop());

  it('opens the form in English in personal chat and in French in the channel, starting from the member\'s own authority', async () => {
    await t.post(personalMessage('/cji new', from(PEOPLE.esInspector)));
    await t.post(channelMessage('/cji new', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    const [english, french] = t.sentCards() as any[];
    const fr = translator('fr');
    expect(JSON.stringify(english)).to.include(en('inspections.form.title')).and.include('"verb":"cji.submit"').and.match(/"formId":"[0-9a-f-]{36}"/);
    expect(JSON.stringify(french)).to.include(fr('inspections.form.title')).and.include(fr('inspections.form.kindHint'));
    const lead = english.body.flatMap((e: any) => e.columns ?? []).flatMap((c: any) => c.items).find((e: any) => e.id === 'leadAuthority');
    expect(lead.value).to.equal('ES-ITSS');
    expect(JSON.stringify(french)).to.include('"id":"hostState"').and.include('"value":"FR"');
  });

  it('schedules a joint inspection from personal chat: reference, card in the channel through the outbox, company dossiers linked or created, audited', async () => {
    const companiesBefore = count(t, 'companies');
    const response = await submitForm(t, PEOPLE.esInspector, { ...VALID_FORM, formId: freshFormId() });
    const confirmation = JSON.stringify(invokeCard(response));
    expect(confirmation).to.include(en('inspections.posted.title', { ref: 'CJI-2026-001' }));
    await t.app.outbox.idle();
    const [post] = t.connector.sentActivities().filter((call) => call.conversationId === CHANNEL && call.replyToId === null);
    const channelCard = cardsOf(post.body)[0];
    assertValidCard(channelCard);
    const text = JSON.stringify(channelCard);
    expect(text).to.include(en('inspections.card.title', { kind: en('inspections.kind.joint'), ref: 'CJI-2026-001' }));
    expect(text).to.include('Badajoz').and.include('"verb":"cji.rsvp"').and.include('"verb":"cji.status"');
    expect(text).to.include('Transportes Demo Fictícios').and.include('Construções Atlântico Demo');

    const inspection = getInspection(t.app.db, 'CJI-2026-001')!;
    expect(inspection).to.deep.include({ kind: 'joint', status: 'proposed', hostState: 'ES', placeState: 'ES', startDate: '2026-03-16', endDate: '2026-03-18', elaSupport: true, sector: '49' });
    expect(inspection.states).to.deep.equal(['ES', 'PT']);
    expect(inspection.authorities.map((a) => a.id)).to.deep.equal(['ES-ITSS', 'PT-ACT']);
    expect(inspection.leadAuthority.id).to.equal('ES-ITSS');
    expect(inspection.companies.flatMap((c) => c.identifiers.map((i) => i.value)).sort()).to.deep.equal(['599002727', '599004002', 'PT599002727']);
    expect(count(t, 'companies')).to.equal(companiesBefore + 1);
    expect(listAudit(t.app.db, { action: 'inspection.created' })[0]).to.include({ authorityId: 'ES-ITSS', subjectRef: 'CJI-2026-001' });
  });

  it('schedules in Spanish: the confirmation is in Spanish, the channel card in the shared language', async () => {
    const es = translator('es');
    const confirmation = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...VALID_FORM, formId: freshFormId() }, 'es-ES')));
    expect(confirmation).to.include(es('inspections.posted.title', { ref: 'CJI-2026-001' })).and.include(es('inspections.posted.show'));
    await t.app.outbox.idle();
    const [post] = t.connector.sentActivities().filter((call) => call.conversationId === CHANNEL);
    expect(JSON.stringify(cardsOf(post.body)[0])).to.include(en('inspections.card.participantsHeader')).and.not.include(es('inspections.card.participantsHeader'));
  });

  it('re-shows the form in Portuguese with a message at each wrong field, every typed value kept, and stores nothing', async () => {
    const before = { inspections: count(t, 'inspections'), companies: count(t, 'companies'), outbox: count(t, 'outbox') };
    const typed = {
      ...VALID_FORM,
      formId: freshFormId(),
      states: '',
      hostState: 'PT',
      leadAuthority: 'FR-URSSAF',
      city: '',
      startDate: '2026-03-20',
      endDate: '2026-03-18',
      companyValue0: '599004003',
      companyType0: 'pt_nipc',
      companyValue2: 'ZZ-NOT-A-NUMBER',
      companyValue1: '599004002',
      companyName1: '',
    };
    const card = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.ptInspector, typed, 'pt-PT')));
    const pt = translator('pt');
    expect(card).to.include(pt('inspections.form.fixErrors'));
    for (const key of ['inspections.errors.required', 'inspections.errors.atLeastTwoStates', 'inspections.errors.leadOutsideStates', 'inspections.errors.jointInHostState', 'inspections.errors.endBeforeStart', 'alerts.errors.identifier.checksum', 'inspections.errors.companyNameNeeded', 'inspections.errors.identifierUnrecognised']) {
      expect(card, key).to.include(pt(key));
    }
    for (const value of ['599004003', 'ZZ-NOT-A-NUMBER', 'Extremadura', '2026-03-20', '2026-03-18', 'FR-URSSAF', VALID_FORM.notes]) expect(card).to.include(`"value":"${value}"`);
    expect(card).to.include(`"formId":"${typed.formId}"`);
    expect({ inspections: count(t, 'inspections'), companies: count(t, 'companies'), outbox: count(t, 'outbox') }).to.deep.equal(before);
  });

  it('schedules once however often Teams resends the submission or the user double-clicks', async () => {
    const data = { ...VALID_FORM, formId: freshFormId() };
    const [first, second] = await Promise.all([submitForm(t, PEOPLE.esInspector, data), submitForm(t, PEOPLE.esInspector, data)]);
    const third = await submitForm(t, PEOPLE.esInspector, data);
    for (const response of [first, second, third]) expect(JSON.stringify(invokeCard(response))).to.include('CJI-2026-001');
    expect(JSON.stringify(invokeCard(third))).to.include(en('inspections.posted.alreadySubmitted', { ref: 'CJI-2026-001' }));
    await t.app.outbox.idle();
    expect(count(t, 'inspections')).to.equal(1);
    expect(t.connector.sentActivities().filter((call) => call.conversationId === CHANNEL)).to.have.length(1);
  });

  it('warns when another inspection is planned at the same place on overlapping dates, and schedules it once confirmed', async () => {
    await schedule(t, PEOPLE.esInspector);
    const formId = freshFormId();
    const data = { ...VALID_FORM, formId, city: '  BADAJÓZ ', startDate: '2026-03-18', endDate: '2026-03-20', ...NO_COMPANIES };
    const warned = invokeCard(await submitForm(t, PEOPLE.ptInspector, data));
    const text = JSON.stringify(warned);
    expect(text).to.include(en('inspections.form.overlapTitle')).and.include('CJI-2026-001').and.include('"id":"overlapConfirmed"');
    expect(text).to.include(`"value":"  BADAJÓZ "`);
    expect(count(t, 'inspections')).to.equal(1);
    const confirmed = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.ptInspector, { ...data, overlapConfirmed: 'create' })));
    expect(confirmed).to.include('CJI-2026-002');
    expect(listAudit(t.app.db, { action: 'inspection.created' })[1].details).to.deep.include({ overlapping: ['CJI-2026-001'] });
  });

  it('does not warn for another city, for dates that do not overlap, or for a cancelled inspection', async () => {
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector);
    const elsewhere = { ...VALID_FORM, ...NO_COMPANIES };
    expect(JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...elsewhere, formId: freshFormId(), city: 'Mérida' })))).to.include('CJI-2026-002');
    expect(JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...elsewhere, formId: freshFormId(), startDate: '2026-03-19', endDate: '2026-03-20' })))).to.include('CJI-2026-003');
    invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'cancelled', cancelReason: 'Drivers rerouted.' }));
    expect(JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...elsewhere, formId: freshFormId() })))).to.include('CJI-2026-004');
  });

  it('offers this year\'s plan actions and links the inspection to the one chosen', async () => {
    insertPlanAction(t);
    await t.post(personalMessage('/cji new', from(PEOPLE.esInspector)));
    expect(JSON.stringify(t.sentCards()[0])).to.include('"id":"actionRef"').and.include('2026-31 – ES–PT joint inspections in road transport');
    const { ref } = await schedule(t, PEOPLE.esInspector, { actionRef: '2026-31' });
    expect(getInspection(t.app.db, ref)!.action).to.deep.include({ ref: '2026-31', status: 'planned' });
    const refused = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...VALID_FORM, formId: freshFormId(), actionRef: '2026-99' })));
    expect(refused).to.include(en('inspections.errors.unknownAction'));
  });

  it('records the IMI request number the inspection follows, shows it on the card, and keeps a wrong one in the form with a message in Portuguese', async () => {
    const pt = translator('pt');
    const wrong = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.ptInspector, { ...VALID_FORM, formId: freshFormId(), imiRequestNumber: '<b>IMI</b>' }, 'pt-PT')));
    expect(wrong).to.include(pt('inspections.errors.badImiRequestNumber')).and.include(JSON.stringify('<b>IMI</b>').slice(1, -1));
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector, { imiRequestNumber: 'IMI 2026/0815' });
    expect(getInspection(t.app.db, ref)).to.deep.include({ imiRequestNumber: 'IMI 2026/0815' });
    const card = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.show', { ref }, 'pt-PT')));
    expect(card).to.include(pt('inspections.card.imiRequestNumber')).and.include('IMI 2026/0815');
  });

  it('offers the plan actions of the inspection\'s year and of the year before, following the typed first day', async () => {
    insertPlanAction(t);
    insertPlanAction(t, { year: 2025, ref: '2025-40', title: 'FR–ES concerted inspections in construction', type: 'concerted_inspection', lead: 'FR-DGT', status: 'initiated' });
    await t.post(personalMessage('/cji new', from(PEOPLE.esInspector)));
    expect(JSON.stringify(t.sentCards().at(-1))).to.include('2026-31 – ').and.include('2025-40 – ');
    // Sent back for a mistake, dated next year: next year's plan (none) and this year's, no longer 2025's.
    const back = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...VALID_FORM, formId: freshFormId(), startDate: '2027-02-03', endDate: '2027-02-01' })));
    expect(back).to.include('2026-31 – ').and.not.include('2025-40 – ');
    const linked = await schedule(t, PEOPLE.esInspector, { actionRef: '2025-40' });
    expect(getInspection(t.app.db, linked.ref)!.action).to.deep.include({ ref: '2025-40' });
  });
});

/** A plan for 2026 (or the year given) with one action, by default a joint inspection led by ES-ITSS. */
function insertPlanAction(t: TestApp, action: { year?: number; ref?: string; title?: string; type?: string; lead?: string; status?: string } = {}): void {
  const { year = 2026, ref = '2026-31', title = 'ES–PT joint inspections in road transport', type = 'joint_inspection', lead = 'ES-ITSS', status = 'planned' } = action;
  const now = `${year}-01-10T09:00:00.000Z`;
  // The demo data may hold an illustrative plan for the year already (numbered from 01): add to it.
  t.app.db.prepare("INSERT OR IGNORE INTO plans (year, status, created_at) VALUES (?, 'agreed', ?)").run(year, now);
  t.app.db
    .prepare(
      `INSERT INTO actions (plan_year, ref, title, type, scope, lead_state, lead_authority_id, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'bilateral', ?, ?, ?, ?, ?)`,
    )
    .run(year, ref, title, type, lead.slice(0, 2), lead, status, now, now);
}

describe('the inspection card in the channel', () => {
  let t: TestApp;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock('2026-03-02T09:00:00Z');
    t = await startTestApp({ clock });
    await install(t);
  });
  afterEach(() => t.stop());

  it('shows who joins per state on the same channel message for everyone; a second click changes the answer', async () => {
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector);
    await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.rsvp', { ref, answer: 'join' }, 'pt-PT');
    await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.rsvp', { ref, answer: 'join' });
    const last = invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.rsvp', { ref, answer: 'decline' }));
    const updates = t.connector.updates().filter((call) => call.activityId === messageId);
    expect(updates).to.have.length(3);
    const finalCard = cardsOf(updates[2].body)[0] as any;
    assertValidCard(finalCard);
    // One line per state: the state in bold, then who joins or declines, as plain text runs.
    const participants = finalCard.body.find((e: any) => e.type === 'Container' && JSON.stringify(e).includes(en('inspections.card.participantsHeader')));
    const rows = participants.items.filter((e: any) => e.type === 'RichTextBlock').map((e: any) => e.inlines.map((run: any) => run.text));
    expect(rows).to.deep.equal([
      ['Spain: ', en('inspections.card.declining', { count: 1, names: 'ES-ITSS (ITSS)' })],
      ['Portugal: ', en('inspections.card.joining', { count: 1, names: 'PT-ACT (ACT)' })],
    ]);
    // The channel card stays in the shared language whoever clicks.
    expect(JSON.stringify(cardsOf(updates[0].body)[0])).to.include(en('inspections.card.participantsHeader'));
    expect(JSON.stringify(last)).to.equal(JSON.stringify(finalCard));
    expect(getInspection(t.app.db, ref)!.participants.map((p) => [p.authority.id, p.answer])).to.deep.equal([
      ['ES-ITSS', 'decline'],
      ['PT-ACT', 'join'],
    ]);
    expect(listAudit(t.app.db, { action: 'inspection.rsvp' }).map((e) => e.details)).to.deep.equal([
      { answer: 'join', previous: null },
      { answer: 'join', previous: null },
      { answer: 'decline', previous: 'join' },
    ]);
  });

  it('tells a member of a state that does not take part that they cannot join', async () => {
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector);
    const message = invokeMessage(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'cji.rsvp', { ref, answer: 'join' }));
    expect(message).to.equal(en('inspections.errors.stateNotTakingPart', { ref, states: 'ES, PT' }));
    expect(getInspection(t.app.db, ref)!.participants).to.deep.equal([]);
  });

  it('moves along the lifecycle from the card and refuses a wrong move, naming the status and the next steps', async () => {
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector);
    const wrong = invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'closed' }));
    expect(wrong).to.equal(en('inspections.errors.transitionNotAllowed', { ref, status: 'Proposed', to: 'Closed', allowed: 'Agreed, Postponed, Cancelled' }));
    const french = invokeMessage(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'report_shared' }, 'fr-FR'));
    const fr = translator('fr');
    expect(french).to.equal(fr('inspections.errors.transitionNotAllowed', { ref, status: fr('inspections.status.proposed'), to: fr('inspections.status.report_shared'), allowed: ['agreed', 'postponed', 'cancelled'].map((s) => fr(`inspections.status.${s}`)).join(', ') }));
    const outsider = invokeMessage(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'cji.status', { ref, to: 'agreed' }));
    expect(outsider).to.equal(en('inspections.errors.notParticipating', { ref, authorities: 'ITSS, ACT' }));

    const agreed = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'agreed' })));
    expect(agreed).to.include(en('inspections.status.agreed')).and.include('"to":"carried_out"').and.not.include('"to":"agreed"');
    const early = invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'carried_out' }));
    expect(early).to.equal(en('inspections.errors.notStartedYet', { ref, date: formatDate('2026-03-16', 'en') }));
    clock.set('2026-03-17T10:00:00Z');
    const carried = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'carried_out' })));
    expect(carried).to.include(en('inspections.status.carried_out')).and.include('"verb":"cji.reportForm"').and.not.include('"verb":"cji.rsvp"');
    const late = invokeMessage(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.rsvp', { ref, answer: 'join' }));
    expect(late).to.equal(en('inspections.errors.rsvpClosed', { ref, status: 'Carried out' }));
    expect(t.connector.updates().filter((call) => call.activityId === messageId)).to.have.length(2);
    expect(listAudit(t.app.db, { action: 'inspection.status_changed' }).map((e) => [e.authorityId, e.details?.from, e.details?.to])).to.deep.equal([
      ['PT-ACT', 'proposed', 'agreed'],
      ['ES-ITSS', 'agreed', 'carried_out'],
    ]);
  });

  it('postpones to new dates and is agreed again; only the lead authority or a coordinator cancels, with a reason', async () => {
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector);
    const noDates = invokeMessage(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'postponed' }));
    expect(noDates).to.include(`${en('inspections.card.postponeStart')}: ${en('inspections.errors.required')}`);
    const postponed = JSON.stringify(
      invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'postponed', postponeStart: '2026-04-13', postponeEnd: '2026-04-15', postponeReason: 'Port strike in Lisbon.' })),
    );
    expect(postponed).to.include(en('inspections.status.postponed')).and.include('Port strike in Lisbon.').and.include(datesText('2026-04-13', '2026-04-15', 'en'));
    expect(getInspection(t.app.db, ref)).to.deep.include({ status: 'postponed', startDate: '2026-04-13', endDate: '2026-04-15' });
    // Postponed, it can be agreed again, postponed once more or cancelled: the card offers the three.
    const offered = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.show', { ref }));
    const moves: string[] = [];
    JSON.stringify(offered, (_key, value) => (value?.verb === 'cji.status' && moves.push(value.data.to), value));
    expect(moves, JSON.stringify(offered.actions)).to.include.members(['agreed', 'postponed', 'cancelled']);
    const again = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'postponed', postponeStart: '2026-04-20', postponeEnd: '2026-04-22', postponeReason: '' }));
    expect(JSON.stringify(again)).to.include(datesText('2026-04-20', '2026-04-22', 'en'));
    invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'agreed' }));

    const notLead = invokeMessage(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'cancelled', cancelReason: 'Not needed.' }));
    expect(notLead).to.equal(en('inspections.errors.leadOnly', { ref, authority: 'ITSS', to: 'Cancelled' }));
    const noReason = invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'cancelled', cancelReason: '  ' }));
    expect(noReason).to.equal(`${en('inspections.card.cancelReason')}: ${en('inspections.errors.reasonRequired')}`);
    await t.post(personalMessage('/cji list', from(PEOPLE.itInspector)));
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PEOPLE.itInspector.aadObjectId);
    const cancelled = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.itInspector, messageId, 'cji.status', { ref, to: 'cancelled', cancelReason: 'The company ceased trading.' })));
    expect(cancelled).to.include(en('inspections.card.cancelledLine', { reason: 'The company ceased trading.' })).and.not.include('"verb":"cji.status"');
    const over = invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'agreed' }));
    expect(over).to.equal(en('inspections.errors.lifecycleOver', { ref, status: 'Cancelled' }));
    expect(listAudit(t.app.db, { action: 'inspection.status_changed' }).at(-1)).to.deep.include({ authorityId: 'IT-INL', details: { from: 'agreed', to: 'cancelled', reason: 'The company ceased trading.' } });
  });

  it('cancels a postponed inspection: the lead authority with a reason, in French; another authority is told who decides', async () => {
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector, { city: 'Cáceres' });
    invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'postponed', postponeStart: '2026-05-04', postponeEnd: '2026-05-06', postponeReason: '' }));
    const fr = translator('fr');
    const refused = invokeMessage(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'cancelled', cancelReason: 'Plus utile.' }, 'fr-FR'));
    expect(refused).to.equal(fr('inspections.errors.leadOnly', { ref, authority: 'ITSS', to: fr('inspections.status.cancelled') }));
    expect(getInspection(t.app.db, ref)).to.deep.include({ status: 'postponed' });
    const cancelled = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'cancelled', cancelReason: 'La société a cessé son activité.' }, 'fr-FR')));
    expect(cancelled).to.include(fr('inspections.card.cancelledLine', { reason: 'La société a cessé son activité.' })).and.not.include('"verb":"cji.status"');
    expect(listAudit(t.app.db, { action: 'inspection.status_changed' }).at(-1)).to.deep.include({ authorityId: 'ES-ITSS', details: { from: 'postponed', to: 'cancelled', reason: 'La société a cessé son activité.' } });
  });

  it('records a carried-out inspection on its plan action\'s timeline and offers the lead to move the action on, one step at a time', async () => {
    insertPlanAction(t);
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector, { actionRef: '2026-31' });
    invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'agreed' }));
    clock.set('2026-03-18T16:00:00Z');
    const card = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.status', { ref, to: 'carried_out' }));
    const timeline = t.app.db.prepare("SELECT a.ref, u.note, u.status_from AS statusFrom, u.status_to AS statusTo, u.authority_id AS authorityId FROM action_updates u JOIN actions a ON a.id = u.action_id WHERE a.ref = '2026-31'").all();
    expect(timeline).to.deep.equal([
      { ref: '2026-31', note: en('inspections.timeline.carriedOut', { kind: en('inspections.kind.joint'), ref, dates: datesText('2026-03-16', '2026-03-18', 'en'), place: 'Badajoz, Extremadura, Spain' }), statusFrom: null, statusTo: null, authorityId: 'PT-ACT' },
    ]);
    expect((t.app.db.prepare("SELECT status FROM actions WHERE ref = '2026-31'").get() as { status: string }).status).to.equal('planned');
    expect(listAudit(t.app.db, { action: 'action.inspection_recorded' })[0]).to.include({ subjectRef: '2026-31', authorityId: 'PT-ACT' });
    // The action is still planned: the plan moves planned -> initiated -> implemented.
    const offer = card.actions.find((action: any) => action.verb === 'action.status');
    expect(offer.data).to.deep.equal({ ref: '2026-31', status: 'initiated', version: getInspection(t.app.db, ref)!.action!.version });
    expect(offer.title).to.equal(en('inspections.card.markInitiated', { ref: '2026-31' }));
    expect(JSON.stringify(card)).to.include(en('inspections.card.actionOffer', { ref: '2026-31', lead: 'ITSS' }));
    await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'action.status', offer.data);
    expect((t.app.db.prepare("SELECT status FROM actions WHERE ref = '2026-31'").get() as { status: string }).status).to.equal('initiated');
    const refreshed = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.show', { ref }));
    const next = refreshed.actions.find((action: any) => action.verb === 'action.status');
    expect(next.data).to.include({ ref: '2026-31', status: 'implemented' });
    expect(next.title).to.equal(en('inspections.card.markImplemented', { ref: '2026-31' }));
  });

  it('updates the channel card when the inspection is changed from a copy in personal chat', async () => {
    const { ref, messageId } = await schedule(t, PEOPLE.esInspector);
    t.connector.clear();
    await t.post(personalMessage(`/cji ${ref.toLowerCase()}`, from(PEOPLE.ptInspector)));
    const copy = t.sentCards()[0] as any;
    expect(JSON.stringify(copy)).to.include(ref);
    invokeCard(await t.post(invoke(PEOPLE.ptInspector, 'cji.rsvp', { ref, answer: 'join' }, { replyToId: 'activity-copy' })));
    await t.app.outbox.idle();
    const channelUpdates = t.connector.updates().filter((call) => call.activityId === messageId);
    expect(channelUpdates).to.have.length(1);
    expect(JSON.stringify(channelUpdates[0].body)).to.include('PT-ACT (ACT)');
  });
});

describe('/cji report', () => {
  let t: TestApp;
  let clock: ReturnType<typeof manualClock>;
  const OUTCOME = {
    companiesInspected: '6',
    workersChecked: ' 41 ',
    infringement_fraudulent_posting: '3',
    infringement_undeclared_work: '2',
    infringement_letterbox_company: '',
    followUp: 'IMI requests to PT on two companies; contribution claims by TGSS.',
    reportReference: 'ITSS-CJI/2026/07',
  };
  beforeEach(async () => {
    clock = manualClock('2026-03-02T09:00:00Z');
    t = await startTestApp({ clock });
    await install(t);
  });
  afterEach(() => t.stop());

  async function carriedOut() {
    const scheduled = await schedule(t, PEOPLE.esInspector);
    invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, scheduled.messageId, 'cji.status', { ref: scheduled.ref, to: 'agreed' }));
    clock.set('2026-03-18T16:00:00Z');
    invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, scheduled.messageId, 'cji.status', { ref: scheduled.ref, to: 'carried_out' }));
    t.connector.clear();
    return scheduled;
  }

  it('says why the outcome cannot be shared before the inspection was carried out', async () => {
    const { ref } = await schedule(t, PEOPLE.esInspector);
    t.connector.clear();
    await t.post(personalMessage(`/cji report ${ref}`, from(PEOPLE.esInspector)));
    expect(t.connector.sentActivities()[0].body.text).to.equal(en('inspections.errors.transitionNotAllowed', { ref, status: 'Proposed', to: 'Report shared', allowed: 'Agreed, Postponed, Cancelled' }));
    t.connector.clear();
    await t.post(personalMessage('/cji report', from(PEOPLE.esInspector)));
    expect(t.connector.sentActivities()[0].body.text).to.equal(en('inspections.report.usage'));
  });

  it('re-shows the outcome form in Italian with messages at the wrong fields and the typed values kept', async () => {
    const { ref } = await carriedOut();
    await t.post(personalMessage(`/cji report ${ref}`, { ...from(PEOPLE.ptInspector), locale: 'it-IT' }));
    const form = t.sentCards()[0] as any;
    const it = translator('it');
    expect(JSON.stringify(form)).to.include(it('inspections.report.title', { ref })).and.include(it('alerts.fraudType.fraudulent_posting'));
    const formId = form.actions[0].data.formId;
    const typed = { ...OUTCOME, formId, ref, workersChecked: 'forty', followUp: '', infringement_undeclared_work: '-2' };
    const again = JSON.stringify(invokeCard(await t.post(invoke(PEOPLE.ptInspector, 'cji.report', typed, { locale: 'it-IT' }))));
    expect(again).to.include(it('inspections.report.fixErrors')).and.include(it('inspections.errors.badCount', { max: 1_000_000 })).and.include(it('inspections.errors.required'));
    for (const value of ['6', 'forty', '-2', 'ITSS-CJI/2026/07']) expect(again).to.include(`"value":"${value}"`);
    expect(getInspection(t.app.db, ref)!.status).to.equal('carried_out');
  });

  it('shares the outcome: the inspection moves to "report shared" and the channel card shows it', async () => {
    const { ref, messageId } = await carriedOut();
    const form = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.reportForm', { ref }));
    const formId = form.actions[0].data.formId;
    expect(t.connector.updates()).to.have.length(0);
    const shared = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.report', { ...OUTCOME, formId, ref }));
    const text = JSON.stringify(shared);
    expect(text).to.include(en('inspections.status.report_shared')).and.include(`${en('alerts.fraudType.fraudulent_posting')}: 3`).and.include('ITSS-CJI/2026/07').and.include('"to":"closed"');
    const [update] = t.connector.updates().filter((call) => call.activityId === messageId);
    expect(JSON.stringify(cardsOf(update.body)[0])).to.equal(text);
    expect(getInspection(t.app.db, ref)!.outcome).to.deep.include({ companiesInspected: 6, workersChecked: 41, infringements: { fraudulent_posting: 3, undeclared_work: 2 }, reportedByAuthorityId: 'PT-ACT' });
    const resent = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.report', { ...OUTCOME, formId, ref }));
    expect(JSON.stringify(resent)).to.equal(text);
    expect(listAudit(t.app.db, { action: 'inspection.report_shared' })).to.have.length(1);
    const closed = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'cji.status', { ref, to: 'closed' })));
    expect(closed).to.include(en('inspections.status.closed')).and.not.include('"verb":"cji.');
  });
});

describe('/cji list and /cji <ref>', () => {
  let t: TestApp;
  before(async () => {
    // Not installed in a channel: eleven channel posts would only slow the test down.
    t = await startTestApp({ clock: manualClock('2026-03-02T09:00:00Z') });
    registerPeople(t.connector);
    const places = ['Badajoz', 'Elvas', 'Vilar Formoso', 'Irun', 'Hendaye', 'Menton', 'Ventimiglia', 'Bastia', 'Ajaccio', 'Puigcerdà', 'Bourg-Madame'];
    for (let i = 0; i < places.length; i++) {
      const day = String(5 + i * 2).padStart(2, '0');
      const italian = i >= 5 && i <= 8;
      await submitForm(t, PEOPLE.esInspector, {
        ...VALID_FORM,
        formId: freshFormId(),
        kind: 'concerted',
        states: italian ? 'FR,IT' : 'PT',
        authorities: italian ? 'FR-URSSAF,IT-INL' : 'PT-ACT',
        hostState: italian ? 'FR' : 'ES',
        placeState: italian ? 'FR' : 'ES',
        leadAuthority: italian ? 'FR-URSSAF' : 'ES-ITSS',
        sector: i % 2 ? '41' : '49',
        city: places[i],
        startDate: `2026-0${i < 5 ? 2 : 3}-${day}`,
        endDate: `2026-0${i < 5 ? 2 : 3}-${day}`,
        ...NO_COMPANIES,
      });
    }
    await t.app.outbox.idle();
  });
  after(() => t.stop());

  it('lists upcoming inspections soonest first, paged under the card size limit, and past ones latest first', async () => {
    t.connector.clear();
    await t.post(personalMessage('/cji list', from(PEOPLE.frInspector)));
    const card = t.sentCards()[0] as any;
    const text = JSON.stringify(card);
    expect(text).to.include(en('inspections.list.titleUpcoming')).and.include('CJI-2026-006 · Menton (FR)').and.include('CJI-2026-011').and.not.include('CJI-2026-005');
    t.connector.clear();
    await t.post(personalMessage('/cji list past', from(PEOPLE.frInspector)));
    const past = JSON.stringify(t.sentCards()[0]);
    expect(past.indexOf('CJI-2026-005')).to.be.lessThan(past.indexOf('CJI-2026-001'));
    expect(past).to.not.include('CJI-2026-006');
  });

  it('filters by a participating state and a sector, in English or in the reader\'s language', async () => {
    t.connector.clear();
    await t.post(personalMessage('/cji list IT', from(PEOPLE.itInspector)));
    const italian = JSON.stringify(t.sentCards()[0]);
    for (const ref of ['CJI-2026-006', 'CJI-2026-007', 'CJI-2026-008', 'CJI-2026-009']) expect(italian).to.include(ref);
    expect(italian).not.to.include('CJI-2026-010');
    t.connector.clear();
    await t.post(personalMessage(`/cji list ${translator('es')('inspections.list.pastWord')} PT 41`, { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    const spanish = JSON.stringify(t.sentCards()[0]);
    expect(spanish).to.include('CJI-2026-002').and.include('CJI-2026-004').and.not.include('CJI-2026-001');
    t.connector.clear();
    await t.post(personalMessage('/cji list soon', from(PEOPLE.esInspector)));
    expect(literalTexts(t.sentCards()[0])).to.deep.equal([en('inspections.list.badFilter', { text: 'soon' })]);
  });

  it('shows one inspection by its reference, and says so when there is none', async () => {
    t.connector.clear();
    await t.post(personalMessage('/cji CJI-2026-7', { ...from(PEOPLE.itInspector), locale: 'it-IT' }));
    expect(JSON.stringify(t.sentCards()[0])).to.include('CJI-2026-007').and.include(translator('it')('inspections.card.participantsHeader'));
    t.connector.clear();
    await t.post(personalMessage('/cji CJI-2026-099', from(PEOPLE.itInspector)));
    expect(t.connector.sentActivities()[0].body.text).to.equal(en('inspections.errors.notFound', { ref: 'CJI-2026-099' }));
    t.connector.clear();
    await t.post(personalMessage('/cji', from(PEOPLE.itInspector)));
    expect(t.connector.sentActivities()[0].body.text).to.equal(en('inspections.usage'));
  });

  it('pages with the filters kept', async () => {
    t.app.db.prepare("UPDATE inspections SET end_date = '2026-12-31', start_date = '2026-12-01' WHERE ref <= 'CJI-2026-005'").run();
    t.connector.clear();
    await t.post(personalMessage('/cji list upcoming', from(PEOPLE.frInspector)));
    const card = t.sentCards()[0] as any;
    expect(card.body.filter((e: any) => e.selectAction?.verb === 'cji.show')).to.have.length(8);
    const next = card.actions.find((action: any) => action.verb === 'cji.page');
    const page2 = JSON.stringify(invokeCard(await t.post(invoke(PEOPLE.frInspector, 'cji.page', next.data))));
    expect(page2).to.include('CJI-2026-003').and.include(en('inspections.list.page', { page: 2 }));
  });
});

describe('scheduling an inspection from a fraud alert', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ clock: manualClock('2026-03-02T09:00:00Z') });
    await install(t);
  });
  afterEach(() => t.stop());

  it('opens the form from the alert card with the company\'s identifiers, keeps the alert card for the others, and lists the inspection in the dossier', async () => {
    const alert = await t.post(
      invoke(PEOPLE.ptInspector, 'alert.submit', {
        formId: freshFormId(),
        companyName: 'Construções Atlântico Demo, Lda (fictional)',
        identifierType0: 'pt_nipc',
        identifierValue0: '599 004 002',
        registrationCountry: 'PT',
        countriesConcerned: 'ES',
        sector: '43',
        fraudTypes: 'fraudulent_posting',
        summary: 'Posted workers on two sites in Badajoz without PD A1.',
        imiRequestNumber: 'IMI-2026-4411',
      }),
    );
    expect(alert.status).to.equal(200);
    await t.app.outbox.idle();
    const [post] = t.connector.sentActivities().filter((call) => call.conversationId === CHANNEL);
    const alertCard = cardsOf(post.body)[0] as any;
    const button = alertCard.body.flatMap((e: any) => e.actions ?? []).find((action: any) => action.verb === 'cji.new');
    expect(button.title).to.equal(en('alerts.card.scheduleInspection'));
    const alertMessageId = (t.app.db.prepare("SELECT sent_activity_id AS id FROM outbox WHERE dedupe_key LIKE 'alert:%:posted'").get() as { id: string }).id;
    t.connector.clear();

    const form = invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, alertMessageId, 'cji.new', button.data));
    const text = JSON.stringify(form);
    expect(text).to.include(en('inspections.form.fromAlert', { ref: button.data.ref })).and.include('"value":"599004002"').and.include('"value":"pt_nipc"');
    expect(form.actions[0].data).to.deep.include({ alertRef: button.data.ref });
    expect(form.body.find((e: any) => e.id === 'states').value).to.equal('ES,PT');
    expect(form.body.find((e: any) => e.id === 'imiRequestNumber').value, 'the alert\'s IMI request').to.equal('IMI-2026-4411');
    const companyFields = Object.fromEntries(Object.entries(VALID_FORM).filter(([key]) => !key.startsWith('company')));
    const done = invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, alertMessageId, 'cji.submit', { ...companyFields, formId: form.actions[0].data.formId, alertRef: button.data.ref, companyValue0: '599004002', companyType0: 'pt_nipc' }));
    expect(done.actions.map((action: any) => action.verb)).to.deep.equal(['cji.show', 'alert.show']);
    expect(t.connector.updates().filter((call) => call.activityId === alertMessageId)).to.have.length(0);
    const companyId = getInspection(t.app.db, 'CJI-2026-001')!.companies[0].id;
    expect(getInspection(t.app.db, 'CJI-2026-001')!.companies[0].alertRefs).to.deep.equal([button.data.ref]);
    const dossier = JSON.stringify(invokeCard(await t.post(invoke(PEOPLE.esInspector, 'company.dossier', { companyId: String(companyId) }))));
    expect(dossier).to.include('CJI-2026-001').and.include(en('inspections.status.proposed'));
  });
});

describe('/help', () => {
  it('lists /cji with its sub-commands', async () => {
    const t = await startTestApp();
    try {
      await t.post(personalMessage('/help'));
      expect(JSON.stringify(t.sentCards()[0])).to.include(en('help.commands.cji.usage')).and.include('/cji new');
    } finally {
      await t.stop();
    }
  });
});

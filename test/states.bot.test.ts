import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { activity, personalMessage } from './helpers/activities';
import { PEOPLE, from, type Person } from './helpers/people';
import { startAppInChannel, invokeCard } from './helpers/teamsActions';
import { translator } from '../src/i18n/translate';
import { countryName } from '../src/reference/countries';
import { listAudit } from '../src/audit/audit';
import { systemClock } from '../src/clock';
import { resolveMember } from '../src/identity/members';
import { listAuthorities, listMemberStates, loadParticipants, syncParticipants } from '../src/reference/participants';
import { createAction } from '../src/plans/createAction';
import { validateActionDraft } from '../src/plans/actionInput';
import { getPlanHeader, listPlanYears } from '../src/plans/planQueries';
import { participatingStates } from '../src/plans/endorsement';

const en = translator('en');
const fr = translator('fr');
const text = (card: unknown) => JSON.stringify(card);

/** A person of the Belgian labour inspectorate, as the Bot Connector's roster reports them. */
const BELGIAN = { id: '29:1be-spf-inspector-0009', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000009', email: 'inspecteur@emploi.belgique.be', authority: 'BE-SPFETCS' } as const;

const VALID_BELGIUM = {
  country: 'BE',
  shortName: 'SPF ETCS',
  nameLocal: 'Service public fédéral Emploi, Travail et Concertation sociale',
  nameEn: 'Federal Public Service Employment, Labour and Social Dialogue',
  type: 'labour_inspectorate',
  emailDomains: 'emploi.belgique.be',
  tenantIds: '',
};

function click(t: TestApp, person: { id: string; aadObjectId: string; authority: string }, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
  return t.post(activity('invoke.cardAction.personal', { from: { id: person.id, aadObjectId: person.aadObjectId, name: person.authority }, locale, value: { action: { type: 'Action.Execute', verb, data } } }));
}

function choiceValues(card: any, id: string): string[] {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Input.ChoiceSet' && node.id === id) found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  expect(found, `choice set ${id}`).to.have.length(1);
  return found[0].choices.map((choice: any) => choice.value);
}

function inputValue(card: any, id: string): unknown {
  let value: unknown;
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id === id) value = node.value;
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return value;
}

describe('a state joins the cooperation: /state and /authority in Teams', () => {
  let t: TestApp;

  function lastText(): string {
    const sent = t.connector.sentActivities();
    return sent[sent.length - 1].body.text as string;
  }

  async function makeCoordinator(person: Person): Promise<void> {
    await t.post(personalMessage('/help', from(person)));
    const state = person.authority.slice(0, 2);
    t.app.db.prepare('INSERT OR IGNORE INTO coordinators (aad_object_id, member_state) VALUES (?, ?)').run(person.aadObjectId, state);
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(person.aadObjectId);
    t.connector.clear();
  }

  /** The Portuguese coordinator opens /state new and submits Belgium. */
  async function admitBelgium(locale = 'en-GB'): Promise<any> {
    await t.post(personalMessage('/state new', { ...from(PEOPLE.ptInspector), locale }));
    const form = t.sentCards()[0] as any;
    const button = form.actions.find((action: any) => action.verb === 'state.create');
    t.connector.clear();
    return invokeCard(await click(t, PEOPLE.ptInspector, 'state.create', { ...button.data, ...VALID_BELGIUM }, locale));
  }

  beforeEach(async () => {
    t = await startAppInChannel();
    t.connector.addMember({ id: BELGIAN.id, aadObjectId: BELGIAN.aadObjectId, email: BELGIAN.email, userPrincipalName: BELGIAN.email, name: 'BE' });
  });
  afterEach(() => t.stop());

  it('refuses members who are not coordinators, politely and before any form', async () => {
    await t.post(personalMessage('/state new', from(PEOPLE.esInspector)));
    expect(lastText()).to.equal(en('states.coordinatorsOnlyForm'));
    await t.post(personalMessage('/authority new', { ...from(PEOPLE.esInspector), locale: 'fr-FR' }));
    expect(lastText()).to.equal(fr('states.coordinatorsOnlyForm'));
    await t.post(personalMessage('/state FR deactivate', from(PEOPLE.esInspector)));
    expect(lastText()).to.equal(en('states.errors.coordinatorsOnly'));
    // A form submitted by a member anyway (an old card) changes nothing.
    const refused = invokeCard(await click(t, PEOPLE.esInspector, 'state.create', { formId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', ...VALID_BELGIUM }));
    expect(text(refused)).to.include(en('states.errors.coordinatorsOnly'));
    expect(listMemberStates(t.app.db).map((state) => state.code)).to.not.include('BE');
    expect(listAudit(t.app.db, { action: 'member_state.admitted' })).to.have.length(0);
  });

  it('keeps every typed value when the form is wrong, in the reader\'s language, and stores nothing', async () => {
    await makeCoordinator(PEOPLE.ptInspector);
    await t.post(personalMessage('/state nouveau', { ...from(PEOPLE.ptInspector), locale: 'fr-FR' }));
    const form = t.sentCards()[0] as any;
    expect(text(form)).to.include(fr('states.form.titleState'));
    const countries = choiceValues(form, 'country');
    expect(countries).to.include('BE').and.include('DE').and.not.include('PT');
    expect(countries, 'EU member states only').to.not.include('CH');
    const button = form.actions.find((action: any) => action.verb === 'state.create');
    const typed = { ...VALID_BELGIUM, emailDomains: 'emploi.belgique.be, emploi', tenantIds: 'not-a-guid', nameEn: ' ' };
    const again = invokeCard(await click(t, PEOPLE.ptInspector, 'state.create', { ...button.data, ...typed }, 'fr-FR'));
    expect(text(again)).to.include(fr('states.form.fixErrors'));
    expect(text(again)).to.include(fr('states.errors.domainInvalid', { domain: 'emploi' }));
    expect(text(again)).to.include(fr('states.errors.tenantInvalid', { tenant: 'not-a-guid' }));
    expect(text(again)).to.include(fr('states.errors.required'));
    expect(inputValue(again, 'emailDomains')).to.equal('emploi.belgique.be, emploi');
    expect(inputValue(again, 'nameLocal')).to.equal(VALID_BELGIUM.nameLocal);
    expect(inputValue(again, 'country')).to.equal('BE');

    // A domain another authority has is refused at submission, named.
    const taken = invokeCard(await click(t, PEOPLE.ptInspector, 'state.create', { ...button.data, ...VALID_BELGIUM, emailDomains: 'act.gov.pt' }));
    expect(text(taken)).to.include(en('states.errors.domainTaken', { domain: 'act.gov.pt', authority: 'PT-ACT' }));
    const broad = invokeCard(await click(t, PEOPLE.ptInspector, 'state.create', { ...button.data, ...VALID_BELGIUM, emailDomains: 'gov.pt' }));
    expect(text(broad)).to.include(en('states.errors.domainTooBroad', { domain: 'gov.pt', other: 'act.gov.pt', authority: 'PT-ACT' }));
    // A state already in.
    const already = invokeCard(await click(t, PEOPLE.ptInspector, 'state.create', { ...button.data, ...VALID_BELGIUM, country: 'ES', emailDomains: 'example.es' }));
    expect(text(already)).to.include(en('states.errors.alreadyMember', { country: countryName('ES', 'en') }));
    expect(listMemberStates(t.app.db).map((state) => state.code)).to.deep.equal(['ES', 'FR', 'IT', 'PT']);
    expect(listAudit(t.app.db, { action: 'authority.added' })).to.have.length(0);
  });

  it('adds Belgium with its authority at once: audited, its people mapped, in the forms, in the endorsement; the plan is agreed only when BE endorses', async () => {
    for (const person of [PEOPLE.ptInspector, PEOPLE.esInspector, PEOPLE.frInspector, PEOPLE.itInspector]) await makeCoordinator(person);
    const year = Math.max(...listPlanYears(t.app.db), new Date().getUTCFullYear()) + 1;
    const fra = resolveMember(t.app.db, systemClock, { aadObjectId: PEOPLE.frInspector.aadObjectId, tenantId: null, email: PEOPLE.frInspector.email })!;
    const checked = validateActionDraft(
      { year: String(year), type: 'joint_inspection', title: 'Road transport week', states: ['ES', 'FR', 'IT', 'PT'], leadState: 'PT', scope: 'multilateral' },
      { memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(t.app.db), thisYear: year - 1 },
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    createAction(t.app.db, systemClock, fra, checked.input, { formId: 'draft-0' });

    // Before: the Belgian is nobody (local mode gives them the demo authority, marked as such).
    const listed = await admitBelgium();
    expect(text(listed)).to.include(en('states.admitted', { country: countryName('BE', 'en'), authority: 'BE-SPFETCS' }));
    expect(text(listed)).to.include(en('states.list.state', { country: countryName('BE', 'en'), code: 'BE', year: new Date().getUTCFullYear() }));
    expect(listAudit(t.app.db, { action: 'member_state.admitted' }).map((row) => row.subjectRef)).to.deep.equal(['BE']);
    expect(listAudit(t.app.db, { action: 'authority.added' }).map((row) => row.subjectRef)).to.deep.equal(['BE-SPFETCS']);

    // The Belgian inspector is mapped by the new domain from their first message.
    await t.post(personalMessage('/help', { from: { id: BELGIAN.id, aadObjectId: BELGIAN.aadObjectId, name: 'BE' } }));
    const user = t.app.db.prepare('SELECT authority_id AS authorityId FROM users WHERE aad_object_id = ?').get(BELGIAN.aadObjectId) as { authorityId: string };
    expect(user.authorityId).to.equal('BE-SPFETCS');
    expect(listAudit(t.app.db, { action: 'user.mapped', subjectRef: 'BE-SPFETCS' })).to.have.length(1);

    // Every form's state choices have Belgium now, without a restart.
    t.connector.clear();
    await t.post(personalMessage('/cji new', from(PEOPLE.esInspector)));
    const cji = t.sentCards()[0];
    expect(choiceValues(cji, 'states')).to.include('BE');
    expect(choiceValues(cji, 'authorities')).to.include('BE-SPFETCS');
    t.connector.clear();
    await t.post(personalMessage('/action new', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    expect(choiceValues(t.sentCards()[0], 'leadState')).to.include('BE');
    t.connector.clear();
    await t.post(personalMessage('/alert', from(PEOPLE.esInspector)));
    expect(choiceValues(t.sentCards()[0], 'countriesConcerned')).to.include('BE');

    // The endorsement needs Belgium too: four endorsements leave the plan a draft.
    for (const person of [PEOPLE.esInspector, PEOPLE.frInspector, PEOPLE.itInspector, PEOPLE.ptInspector]) invokeCard(await click(t, person, 'plan.endorse', { year: String(year), place: '' }));
    expect(getPlanHeader(t.app.db, year)!.status).to.equal('draft');
    t.connector.clear();
    await t.post(personalMessage(`/plan ${year} approbation`, { ...from(PEOPLE.itInspector), locale: 'fr-FR' }));
    const status = text(t.sentCards()[0]);
    expect(status).to.include(countryName('BE', 'fr')).and.include(fr('cycle.endorsement.progress', { done: 4, count: 5 }));

    // Belgium's coordinator endorses, and the plan is agreed.
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(BELGIAN.aadObjectId);
    const agreed = invokeCard(await click(t, BELGIAN, 'plan.endorse', { year: String(year), place: 'Bruxelles' }));
    expect(text(agreed)).to.include(en('cycle.endorsement.progress', { done: 5, count: 5 }));
    expect(getPlanHeader(t.app.db, year)).to.include({ status: 'agreed', agreedPlace: 'Bruxelles' });
  });

  it('answers a resent form with what the first did, and adds a second authority with /authority new', async () => {
    await makeCoordinator(PEOPLE.ptInspector);
    await t.post(personalMessage('/state new', from(PEOPLE.ptInspector)));
    const button = (t.sentCards()[0] as any).actions.find((action: any) => action.verb === 'state.create');
    invokeCard(await click(t, PEOPLE.ptInspector, 'state.create', { ...button.data, ...VALID_BELGIUM }));
    const resent = invokeCard(await click(t, PEOPLE.ptInspector, 'state.create', { ...button.data, ...VALID_BELGIUM }));
    expect(text(resent)).to.include(en('states.alreadyDone', { authority: 'BE-SPFETCS', country: countryName('BE', 'en') }));
    expect(listAudit(t.app.db, { action: 'member_state.admitted' })).to.have.length(1);

    t.connector.clear();
    await t.post(personalMessage('/authority new BE', { ...from(PEOPLE.ptInspector), locale: 'fr-FR' }));
    const form = t.sentCards()[0] as any;
    expect(text(form)).to.include(fr('states.form.titleAuthority'));
    expect(choiceValues(form, 'country')).to.deep.equal(['BE', 'ES', 'FR', 'IT', 'PT'].sort((a, b) => countryName(a, 'fr').localeCompare(countryName(b, 'fr'), 'fr')));
    expect(inputValue(form, 'country')).to.equal('BE');
    const add = form.actions.find((action: any) => action.verb === 'authority.create');
    const done = invokeCard(
      await click(
        t,
        PEOPLE.ptInspector,
        'authority.create',
        { ...add.data, country: 'BE', shortName: 'ONSS', nameLocal: 'Office national de sécurité sociale', nameEn: 'National Social Security Office', type: 'social_security', emailDomains: 'onss.fgov.be\nrsz.fgov.be', tenantIds: '' },
        'fr-FR',
      ),
    );
    expect(text(done)).to.include(fr('states.added', { authority: 'BE-ONSS', country: countryName('BE', 'fr') }));
    expect(listAuthorities(t.app.db).filter((authority) => authority.memberState === 'BE').map((authority) => authority.id)).to.deep.equal(['BE-ONSS', 'BE-SPFETCS']);
  });

  it('deactivates a state: history stays, it leaves the choices and the endorsement, its people are refused politely; a restart keeps it so', async () => {
    await makeCoordinator(PEOPLE.ptInspector);
    await admitBelgium();
    await t.post(personalMessage('/help', { from: { id: BELGIAN.id, aadObjectId: BELGIAN.aadObjectId, name: 'BE' } }));
    t.connector.clear();

    await t.post(personalMessage('/state BE désactiver', { ...from(PEOPLE.ptInspector), locale: 'fr-FR' }));
    const card = text(t.sentCards()[0]);
    expect(card).to.include(fr('states.deactivated', { country: countryName('BE', 'fr'), authorities: 'BE-SPFETCS' }));
    expect(card).to.include(fr('states.list.stateInactive', { country: countryName('BE', 'fr'), code: 'BE', year: new Date().getUTCFullYear() }));
    expect(listAudit(t.app.db, { action: 'member_state.deactivated' }).map((row) => row.subjectRef)).to.deep.equal(['BE']);
    expect(participatingStates(t.app.db), 'the endorsement of plans not yet agreed').to.deep.equal(['ES', 'FR', 'IT', 'PT']);

    // Its person is refused, in their language, and nothing about the turn is stored.
    t.connector.clear();
    await t.post(personalMessage('/alerts', { from: { id: BELGIAN.id, aadObjectId: BELGIAN.aadObjectId, name: 'BE' }, locale: 'fr-BE' }));
    expect(lastText()).to.equal(fr('states.refused.inactiveAuthority', { authority: 'SPF ETCS (BE)' }));

    t.connector.clear();
    await t.post(personalMessage('/cji new', from(PEOPLE.esInspector)));
    expect(choiceValues(t.sentCards()[0], 'states')).to.not.include('BE');
    // The history stays: the state and its authority are rows still, only inactive.
    expect(t.app.db.prepare('SELECT active FROM member_states WHERE code = ?').get('BE')).to.deep.equal({ active: 0 });

    // Twice, and one's own state, are refused.
    await t.post(personalMessage('/state BE deactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('states.errors.alreadyInactive', { country: countryName('BE', 'en') }));
    await t.post(personalMessage('/state PT deactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('states.errors.ownState', { country: countryName('PT', 'en') }));

    // participants.json applied again (as at every start) neither revives BE nor forgets it.
    syncParticipants(t.app.db, loadParticipants());
    expect(t.app.db.prepare('SELECT active FROM member_states WHERE code = ?').get('BE')).to.deep.equal({ active: 0 });
    expect(listMemberStates(t.app.db).map((state) => state.code)).to.deep.equal(['ES', 'FR', 'IT', 'PT']);
  });

  it('agrees a draft that waited only for the state that leaves, and posts the agreement', async () => {
    for (const person of [PEOPLE.ptInspector, PEOPLE.esInspector, PEOPLE.frInspector, PEOPLE.itInspector]) await makeCoordinator(person);
    await admitBelgium();
    const year = Math.max(...listPlanYears(t.app.db), new Date().getUTCFullYear()) + 1;
    t.app.db.prepare("INSERT INTO plans (year, status, created_at) VALUES (?, 'draft', ?)").run(year, new Date().toISOString());
    for (const person of [PEOPLE.esInspector, PEOPLE.frInspector, PEOPLE.itInspector, PEOPLE.ptInspector]) invokeCard(await click(t, person, 'plan.endorse', { year: String(year), place: 'Porto' }));
    expect(getPlanHeader(t.app.db, year)!.status, 'Belgium has not endorsed').to.equal('draft');
    await t.post(personalMessage('/state BE deactivate', from(PEOPLE.frInspector)));
    expect(getPlanHeader(t.app.db, year)).to.include({ status: 'agreed', agreedPlace: 'Porto' });
    expect(listAudit(t.app.db, { action: 'plan.agreed', subjectRef: String(year) })).to.have.length(1);
    await t.app.outbox.idle();
    const posted = t.connector.sentActivities().filter((call) => call.replyToId === null && JSON.stringify(call.body).includes(en('cycle.endorsement.agreedTitle', { year })));
    expect(posted).to.have.length(1);
  });

  it('keeps a state added in the app and its domains when participants.json is applied again, and FR deactivated in the app stays so', async () => {
    await makeCoordinator(PEOPLE.ptInspector);
    await admitBelgium();
    await t.post(personalMessage('/state FR deactivate', from(PEOPLE.ptInspector)));
    syncParticipants(t.app.db, loadParticipants());
    expect(listMemberStates(t.app.db).map((state) => state.code)).to.deep.equal(['BE', 'ES', 'IT', 'PT']);
    expect(listAuthorities(t.app.db).some((authority) => authority.memberState === 'FR')).to.equal(false);
    await t.post(personalMessage('/help', { from: { id: BELGIAN.id, aadObjectId: BELGIAN.aadObjectId, name: 'BE' } }));
    expect((t.app.db.prepare('SELECT authority_id AS id FROM users WHERE aad_object_id = ?').get(BELGIAN.aadObjectId) as { id: string }).id).to.equal('BE-SPFETCS');
  });
});

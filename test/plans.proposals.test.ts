import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from './helpers/testApp';
import { activity, personalMessage, channelMessage } from './helpers/activities';
import { PEOPLE, from, manualClock, type Person } from './helpers/people';
import { startAppInChannel, invokeCard } from './helpers/teamsActions';
import { tempDbPath } from './helpers/testApp';
import { errorKeys } from './helpers/domainSamples';
import { translator } from '../src/i18n/translate';
import { countryName } from '../src/reference/countries';
import { openDatabase, type Db } from '../src/store/database';
import { listAuthorities, loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { resolveMember, type Member } from '../src/identity/members';
import { listAudit } from '../src/audit/audit';
import { validateActionDraft } from '../src/plans/actionInput';
import { getActionDetail } from '../src/plans/actionQueries';
import { getPlanHeader } from '../src/plans/planQueries';
import { forgetDemoCycle } from './helpers/demoCycle';
import { proposalRefusal } from './helpers/proposalCards';
import { acceptProposal, createProposal, declineProposal, getProposal, joinProposal, listProposals, supportProposal } from '../src/plans/proposals';

const en = translator('en');
const es = translator('es');
const text = (card: unknown) => JSON.stringify(card);


describe('proposals for next year: domain', () => {
  let db: Db;
  let dir: string;
  const clock = manualClock('2026-10-01T09:00:00Z');
  let pt: Member;
  let es_: Member;
  let italian: Member;
  let coordinator: Member;
  const member = (person: Person) => resolveMember(db, clock, { aadObjectId: person.aadObjectId, tenantId: null, email: person.email })!;
  const input = () => {
    const checked = validateActionDraft({ year: '2027', title: 'Posting of drivers', type: 'concerted_inspection', scope: 'bilateral', states: ['PT', 'ES'], leadState: 'PT', topics: ['posting_of_workers'] }, {
      memberStates: ['ES', 'FR', 'IT', 'PT'],
      authorities: listAuthorities(db),
      thisYear: 2026,
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return checked.input;
  };

  beforeEach(() => {
    const file = tempDbPath();
    dir = path.dirname(file);
    db = openDatabase(file);
    syncParticipants(db, loadParticipants());
    loadDemoData(db, clock);
    // The demo's illustrative proposals for 2027 are left out: these tests number their own from P2027-01.
    forgetDemoCycle(db);
    pt = member(PEOPLE.ptInspector);
    es_ = member(PEOPLE.esInspector);
    italian = member(PEOPLE.itInspector);
    member(PEOPLE.frInspector);
    db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PEOPLE.frInspector.aadObjectId);
    coordinator = member(PEOPLE.frInspector);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is created once per form, joined by another state, supported once per authority, and accepted as a linked action of the draft', () => {
    const first = createProposal(db, clock, pt, { input: input(), rationale: 'Drivers posted through letterbox firms.' }, { formId: 'f1' });
    expect(first.kind).to.equal('created');
    expect(createProposal(db, clock, pt, { input: input(), rationale: 'x' }, { formId: 'f1' }).kind).to.equal('already_submitted');
    const ref = first.proposal.ref;
    expect(ref).to.equal('P2027-01');
    expect(first.proposal).to.deep.include({ status: 'open', states: ['ES', 'PT'], priorities: [], actionRef: null });

    expect(joinProposal(db, clock, italian, { ref }).states).to.deep.equal(['ES', 'IT', 'PT']);
    expect(errorKeys(() => joinProposal(db, clock, es_, { ref }))).to.deep.equal(['cycle.errors.alreadyJoined']);
    expect(supportProposal(db, clock, es_, { ref }).supporters.map((s) => s.shortName)).to.deep.equal(['ITSS']);
    expect(errorKeys(() => supportProposal(db, clock, es_, { ref }))).to.deep.equal(['cycle.errors.alreadySupported']);

    expect(errorKeys(() => acceptProposal(db, clock, pt, { ref }))).to.deep.equal(['plan.errors.coordinatorsOnly']);
    const accepted = acceptProposal(db, clock, coordinator, { ref });
    expect(accepted.status).to.equal('accepted');
    const action = getActionDetail(db, accepted.actionRef!)!;
    expect(action).to.deep.include({ year: 2027, title: 'Posting of drivers', status: 'planned', scope: 'multilateral', leadState: 'PT' });
    expect(action.states).to.have.members(['ES', 'IT', 'PT']);
    expect(db.prepare('SELECT a.ref FROM proposals p JOIN actions a ON a.id = p.action_id WHERE p.ref = ?').get(ref)).to.deep.equal({ ref: action.ref });
    expect(getPlanHeader(db, 2027)?.status).to.equal('draft');
    expect(errorKeys(() => acceptProposal(db, clock, coordinator, { ref }))).to.deep.equal(['cycle.errors.proposalAccepted']);
    expect(errorKeys(() => joinProposal(db, clock, coordinator, { ref }))).to.deep.equal(['cycle.errors.proposalAccepted']);
    expect(listAudit(db, { subjectRef: ref }).map((e) => e.action)).to.deep.equal(['proposal.created', 'proposal.joined', 'proposal.supported', 'proposal.accepted']);
  });

  it('is declined with a reason only, and then no longer changes', () => {
    const { proposal } = createProposal(db, clock, es_, { input: input(), rationale: 'Why' }, { formId: 'f2' });
    expect(errorKeys(() => declineProposal(db, clock, coordinator, { ref: proposal.ref, reason: '  ' }))).to.deep.equal(['cycle.errors.reasonRequired']);
    expect(errorKeys(() => declineProposal(db, clock, es_, { ref: proposal.ref, reason: 'No' }))).to.deep.equal(['plan.errors.coordinatorsOnly']);
    const declined = declineProposal(db, clock, coordinator, { ref: proposal.ref, reason: 'Covered by 2027-01.' });
    expect(declined).to.deep.include({ status: 'declined', decisionReason: 'Covered by 2027-01.' });
    expect(errorKeys(() => supportProposal(db, clock, italian, { ref: proposal.ref }))).to.deep.equal(['cycle.errors.proposalDeclined']);
    expect(listProposals(db, 2027).map((p) => p.status)).to.deep.equal(['declined']);
    expect(getProposal(db, 'P2099-01')).to.equal(null);
  });
});

describe('proposals for next year in Teams', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startAppInChannel({ clock: manualClock('2026-10-01T09:00:00Z') });
    forgetDemoCycle(t.app.db);
  });
  afterEach(() => t.stop());

  function click(person: Person, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
    return t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb, data } } }));
  }

  it('proposes from the form (errors and values kept), lists, joins and supports in place for everyone, then a coordinator accepts or declines', async () => {
    await t.post(personalMessage('/proposal new', from(PEOPLE.ptInspector)));
    const form = t.sentCards()[0] as any;
    expect(text(form)).to.include(en('cycle.proposal.form.title')).and.include(en('cycle.proposal.form.rationale'));
    const submit = form.actions.find((a: any) => a.verb === 'proposal.create');
    const values = { year: '2027', actionTitle: 'Posting of drivers', type: 'concerted_inspection', scope: 'bilateral', states: 'PT,ES', leadState: 'PT', description: '', rationale: '' };

    const refused = invokeCard(await click(PEOPLE.ptInspector, 'proposal.create', { ...submit.data, ...values }));
    expect(text(refused)).to.include(en('plan.errors.required')).and.include('Posting of drivers');
    expect(t.app.db.prepare('SELECT count(*) AS n FROM proposals').get()).to.deep.equal({ n: 0 });

    const created = invokeCard(await click(PEOPLE.ptInspector, 'proposal.create', { ...submit.data, ...values, rationale: 'Letterbox firms.' }));
    expect(text(created)).to.include(en('cycle.proposal.created', { ref: 'P2027-01', year: 2027 })).and.include('P2027-01 · Posting of drivers');

    await t.post(channelMessage('/plan 2027 propuestas', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    const list = t.sentCards().at(-1);
    expect(text(list)).to.include(es('cycle.proposal.list.title', { year: 2027, count: 1 })).and.include('P2027-01 · Posting of drivers');

    // Clicked on the card posted in the channel: the post itself is updated, for everyone.
    const joined = await t.post(
      activity('invoke.cardAction.channel', { ...from(PEOPLE.itInspector), locale: 'es-ES', replyToId: 'proposal-post-1', value: { action: { type: 'Action.Execute', verb: 'proposal.join', data: { ref: 'P2027-01' } } } }),
    );
    const joinedCard = invokeCard(joined);
    const update = t.connector.updates().find((call) => call.activityId === 'proposal-post-1');
    expect(update, 'the card is replaced for everyone who sees it').to.not.equal(undefined);
    // Everyone's card holds nobody's buttons; the Italian inspector's own view says Italy takes part, and no longer offers joining.
    expect(text(update!.body)).to.include(countryName('IT', 'en')).and.not.include('"verb":"proposal.join"');
    expect(text(joinedCard)).to.include(es('proposalRoles.card.takesPart', { state: 'IT' })).and.include(countryName('IT', 'es')).and.not.include('"verb":"proposal.join"');
    const supported = invokeCard(await click(PEOPLE.esInspector, 'proposal.support', { ref: 'P2027-01' }, 'es-ES'));
    expect(text(supported)).to.include('ITSS (ES)');
    expect(proposalRefusal(await click(PEOPLE.esInspector, 'proposal.support', { ref: 'P2027-01' }))).to.equal(en('cycle.errors.alreadySupported', { authority: 'ITSS', ref: 'P2027-01' }));

    expect(proposalRefusal(await click(PEOPLE.esInspector, 'proposal.accept', { ref: 'P2027-01' }))).to.equal(en('plan.errors.coordinatorsOnly'));
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PEOPLE.frInspector.aadObjectId);
    await t.post(personalMessage('/help', from(PEOPLE.frInspector)));
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PEOPLE.frInspector.aadObjectId);
    const accepted = invokeCard(await click(PEOPLE.frInspector, 'proposal.accept', { ref: 'P2027-01' }));
    const action = getProposal(t.app.db, 'P2027-01')!.actionRef!;
    expect(text(accepted)).to.include(en('cycle.proposal.card.acceptedAs', { ref: action })).and.not.include('"verb":"proposal.join"');
    expect(getActionDetail(t.app.db, action)).to.deep.include({ title: 'Posting of drivers', status: 'planned' });

    // A second proposal, declined: without a reason it comes back with the message.
    await t.post(personalMessage('/proposal new', from(PEOPLE.esInspector)));
    const second = t.sentCards().at(-1) as any;
    invokeCard(await click(PEOPLE.esInspector, 'proposal.create', { ...second.actions[0].data, ...values, actionTitle: 'Second', rationale: 'Why' }));
    const noReason = invokeCard(await click(PEOPLE.frInspector, 'proposal.decline', { ref: 'P2027-02', reason: '' }));
    expect(text(noReason)).to.include(en('cycle.errors.reasonRequired'));
    const declined = invokeCard(await click(PEOPLE.frInspector, 'proposal.decline', { ref: 'P2027-02', reason: 'Covered by the first.' }));
    expect(text(declined)).to.include(en('cycle.proposal.card.declined', { reason: 'Covered by the first.' }));
  });

  it('answers /proposal with its usage, and an unknown proposal in the reader language', async () => {
    await t.post(personalMessage('/proposal', from(PEOPLE.ptInspector)));
    expect(t.connector.sentActivities()[0].body.text).to.equal(en('cycle.proposal.bot.usage'));
    t.connector.clear();
    await t.post(personalMessage('/proposal P2099-09', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    expect(t.connector.sentActivities()[0].body.text).to.include(es('cycle.errors.proposalNotFound', { ref: 'P2099-09' }));
  });
});

import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { activity, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, type Person } from './helpers/people';
import { startAppInChannel, clickOnChannelCard, invokeCard, invokeMessage, postedMessageId } from './helpers/teamsActions';
import { literalTexts } from './helpers/cardText';
import { translator } from '../src/i18n/translate';
import { naceLabel } from '../src/reference/nace';
import { countryName } from '../src/reference/countries';
import { listAudit } from '../src/audit/audit';
import { resolveMember } from '../src/identity/members';
import { listAuthorities } from '../src/reference/participants';
import { validateActionDraft } from '../src/plans/actionInput';
import { createAction } from '../src/plans/createAction';
import { carryOverPlan } from '../src/plans/carryOver';
import { getActionDetail } from '../src/plans/actionQueries';
import { draftPlan } from '../src/plans/draftPlan';
import { listPriorities } from '../src/plans/priorities';
import { planAssessment } from '../src/plans/planSummary';
import { assessPlan } from '../src/plans/frozenAssessment';
import { endorsePlan } from '../src/plans/endorsement';
import { updateActionStatus } from '../src/plans/updateActionStatus';
import { getProposal, listProposalComments } from '../src/plans/proposals';
import { forgetDemoCycle } from './helpers/demoCycle';
import { proposalRefusal } from './helpers/proposalCards';
import { READER_VIEW_VERB } from '../bot/cards/readerViews';

const en = translator('en');
const fr = translator('fr');
const es = translator('es');
const pt = translator('pt');
const text = (card: unknown) => JSON.stringify(card);

let formCounter = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++formCounter).padStart(12, '0')}`;

const STATES: Array<[string, Person]> = [
  ['ES', PEOPLE.esInspector],
  ['FR', PEOPLE.frInspector],
  ['IT', PEOPLE.itInspector],
  ['PT', PEOPLE.ptInspector],
];

describe('priorities, proposals and the draft of next year in Teams', () => {
  let t: TestApp;
  const clock = manualClock('2026-10-01T09:00:00Z');

  beforeEach(async () => {
    clock.set('2026-10-01T09:00:00Z');
    t = await startAppInChannel({ clock });
    forgetDemoCycle(t.app.db);
  });
  afterEach(() => t.stop());

  function click(person: Person, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
    return t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb, data } } }));
  }

  function makeCoordinator(person: Person): void {
    t.app.db.prepare('INSERT OR IGNORE INTO coordinators (aad_object_id, member_state) VALUES (?, ?)').run(person.aadObjectId, STATES.find(([, p]) => p === person)![0]);
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(person.aadObjectId);
  }

  /** The French inspector is a coordinator; they set construction, third-country nationals and road transport + posting. */
  async function setPriorities() {
    await t.post(personalMessage('/help', from(PEOPLE.frInspector)));
    makeCoordinator(PEOPLE.frInspector);
    t.connector.clear();
    await t.post(personalMessage('/plan 2027 priorities', from(PEOPLE.frInspector)));
    const form = t.sentCards()[0] as any;
    assertValidCard(form);
    const submit = form.actions.find((a: any) => a.verb === 'plan.priorities');
    const saved = invokeCard(await click(PEOPLE.frInspector, 'plan.priorities', { ...submit.data, sector1: '41', topic1: '', sector2: '', topic2: 'third_country_nationals', sector3: '49', topic3: 'posting_of_workers' }));
    expect(text(saved)).to.include(en('priorities.card.saved', { year: 2027, count: 3 }));
    return listPriorities(t.app.db, 2027);
  }

  async function propose(person: Person, title: string, extra: Record<string, string> = {}, locale = 'en-GB') {
    const values = { formId: freshFormId(), year: '2027', actionTitle: title, type: 'concerted_inspection', scope: 'bilateral', states: 'PT,ES', leadState: 'PT', rationale: 'Letterbox firms.', ...extra };
    const card = invokeCard(await click(person, 'proposal.create', values, locale));
    const ref = /P2027-\d\d/.exec(text(card))![0];
    await t.app.outbox.idle();
    return { ref, card };
  }

  it('lets a coordinator set the year\'s priorities in a form (errors and values kept, stale forms refused), named in each reader\'s language', async () => {
    // A member sees the list, not the form, and cannot send one.
    await t.post(personalMessage('/plan 2027 prioridades', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    const list = t.sentCards()[0] as any;
    assertValidCard(list);
    expect(text(list)).to.include(es('priorities.card.title', { year: 2027 })).and.include(es('priorities.noneSetYet', { year: 2027 })).and.not.include('plan.priorities');
    expect(invokeMessage(await click(PEOPLE.esInspector, 'plan.priorities', { year: '2027', version: '0', sector1: '41' }, 'es-ES'))).to.equal(es('priorities.errors.coordinatorsOnly'));

    const priorities = await setPriorities();
    expect(priorities.map((p) => [p.sector, p.topic])).to.deep.equal([['41', null], [null, 'third_country_nationals'], ['49', 'posting_of_workers']]);

    // A wrong sector comes back at its field, with every row as typed; nothing is saved.
    t.connector.clear();
    await t.post(personalMessage('/plan 2027 priorités', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    const form = t.sentCards()[0] as any;
    expect(text(form)).to.include(`41 – ${naceLabel('41', 'fr')}`).and.include(fr('plan.topic.third_country_nationals'));
    const submit = form.actions[0];
    const refused = invokeCard(await click(PEOPLE.frInspector, 'plan.priorities', { ...submit.data, keep: submit.data && form.body.find((b: any) => b.id === 'keep').value, sector1: '99x', topic2: 'osh_accidents' }, 'fr-FR'));
    expect(text(refused)).to.include(fr('priorities.errors.unknownSector', { value: '99x' }));
    const topic2 = JSON.stringify(refused).match(/"id":"topic2"[^}]*?"value":"([^"]*)"/)!;
    expect(topic2[1]).to.equal('osh_accidents');
    expect(listPriorities(t.app.db, 2027)).to.have.length(3);

    // Remove construction (untick it) and add occupational safety: construction still names what it tagged.
    const kept = priorities.slice(1).map((p) => p.id).join(',');
    const saved = invokeCard(await click(PEOPLE.frInspector, 'plan.priorities', { ...submit.data, keep: kept, topic1: 'osh_accidents' }, 'fr-FR'));
    expect(text(saved)).to.include(fr('priorities.card.saved', { year: 2027, count: 3 }));
    expect(listPriorities(t.app.db, 2027).map((p) => p.topic)).to.deep.equal(['third_country_nationals', 'posting_of_workers', 'osh_accidents']);
    expect(listPriorities(t.app.db, 2027, { includeRemoved: true }).find((p) => p.sector === '41')?.removed).to.equal(true);
    // The same (now stale) form again: refused, the list shown as it is now.
    const stale = invokeCard(await click(PEOPLE.frInspector, 'plan.priorities', { ...submit.data, keep: kept, topic1: 'free_movement' }, 'fr-FR'));
    expect(text(stale)).to.include(fr('priorities.errors.stale', { year: 2027 }));
    expect(listPriorities(t.app.db, 2027)).to.have.length(3);
    expect(listAudit(t.app.db, { subjectRef: '2027' }).filter((e) => e.action === 'plan.priorities_set')).to.have.length(2);
  });

  it('posts each new proposal in the channel with the priorities it serves, each reader seeing it in their language, and updates the post in place', async () => {
    const priorities = await setPriorities();
    // The form offers the year's priorities; none chosen is refused with the values kept.
    t.connector.clear();
    await t.post(personalMessage('/proposal new', { ...from(PEOPLE.ptInspector), locale: 'pt-PT' }));
    const form = t.sentCards()[0] as any;
    assertValidCard(form);
    expect(text(form)).to.include(`41 – ${naceLabel('41', 'pt')}`).and.include(pt('plan.topic.third_country_nationals'));
    const refused = invokeCard(await click(PEOPLE.ptInspector, 'proposal.create', { ...form.actions[0].data, year: '2027', actionTitle: 'Obras', type: 'concerted_inspection', scope: 'bilateral', states: 'PT,ES', leadState: 'PT', rationale: 'R' }, 'pt-PT'));
    expect(text(refused)).to.include(pt('priorities.errors.chooseOne')).and.include('Obras');
    expect(t.app.db.prepare('SELECT count(*) AS n FROM proposals').get()).to.deep.equal({ n: 0 });

    const { ref } = await propose(PEOPLE.ptInspector, 'Construction sites and posted drivers', { priorities: `${priorities[0].id},${priorities[2].id}` }, 'pt-PT');
    const messageId = postedMessageId(t, `proposal:${ref}:posted`);
    const post = t.connector.sentActivities().find((call) => call.path.endsWith('/activities') && text(call.body).includes(ref))!;
    const card = cardsOf(post.body)[0] as any;
    assertValidCard(card);
    // Posted in the deployment's language, with its refresh and the "Show in my language" button.
    expect(card.refresh.action).to.deep.include({ verb: READER_VIEW_VERB, data: { kind: 'proposal', subject: ref } });
    expect(text(card)).to.include(en('cards.showInMyLanguage')).and.include(`41 – ${naceLabel('41', 'en')}`).and.include(en('plan.topic.posting_of_workers'));

    // Each reader's view: the priorities, the states and the buttons in their language.
    for (const [locale, tr, language] of [['es-ES', es, 'es'], ['fr-FR', fr, 'fr']] as const) {
      const view = invokeCard(await t.post(activity('invoke.cardAction.channel', { ...from(PEOPLE.esInspector), locale, replyToId: messageId, value: { action: { type: 'Action.Execute', verb: READER_VIEW_VERB, data: { kind: 'proposal', subject: ref } }, trigger: 'automatic' } })));
      expect(text(view)).to.include(`41 – ${naceLabel('41', language)}`).and.include(tr('plan.topic.posting_of_workers')).and.include(countryName('ES', language));
      // Spain is in the proposal already: its reader supports or comments, and is told its state takes part.
      expect(text(view.actions)).to.include(tr('cycle.proposal.card.support')).and.include(tr('proposals.card.comment')).and.not.include(tr('cycle.proposal.card.join'));
      expect(text(view.body)).to.include(tr('proposalRoles.card.takesPart', { state: 'ES' }));
      // Their view keeps refreshing, without the button they no longer need.
      expect(text(view.body)).not.to.include(tr('cards.showInMyLanguage'));
    }

    // Joined on the post itself: the post is updated for everyone, with the new state, and nothing else is queued.
    t.connector.clear();
    invokeCard(await clickOnChannelCard(t, PEOPLE.itInspector, messageId, 'proposal.join', { ref }, 'it-IT'));
    const update = t.connector.updates().find((call) => call.activityId === messageId)!;
    const everyone = cardsOf(update.body)[0] as any;
    assertValidCard(everyone);
    expect(text(everyone)).to.include(countryName('IT', 'en')).and.include(en('cards.showInMyLanguage'));
    await t.app.outbox.idle();
    // Supported from a copy in personal chat: the channel's post follows through its event.
    t.connector.clear();
    invokeCard(await click(PEOPLE.esInspector, 'proposal.support', { ref }, 'es-ES'));
    await t.app.outbox.idle();
    const followed = t.connector.updates().find((call) => call.activityId === messageId);
    expect(followed, 'the channel post is updated after a change made elsewhere').to.not.equal(undefined);
    expect(text(cardsOf(followed!.body)[0])).to.include('ITSS (ES)');
  });

  it('keeps a proposal made before priorities were a choice readable: its typed priority shown as written', async () => {
    const { ref } = await propose(PEOPLE.ptInspector, 'Old style');
    t.app.db.prepare('UPDATE proposals SET priority = ? WHERE ref = ?').run('transporte rodoviário', ref);
    await setPriorities();
    t.connector.clear();
    await t.post(personalMessage(`/proposal ${ref}`, { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    const card = t.sentCards()[0];
    assertValidCard(card);
    expect(literalTexts(card)).to.include('transporte rodoviário');
    expect(text(card)).to.include(es('cycle.proposal.card.priority'));
  });

  it('takes short comments on the card, the last few shown with the language they were written in', async () => {
    const { ref } = await propose(PEOPLE.ptInspector, 'Comment me');
    const messageId = postedMessageId(t, `proposal:${ref}:posted`);
    const version = String(getProposal(t.app.db, ref)!.version);
    // Empty, then too long: back on the card with the message, nothing stored.
    const empty = invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'proposal.comment', { ref, version, comment: '  ' }, 'es-ES'));
    expect(text(empty)).to.include(es('proposals.errors.commentRequired'));
    const long = invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'proposal.comment', { ref, version, comment: 'x'.repeat(501) }, 'es-ES'));
    expect(text(long)).to.include(es('plan.errors.tooLong', { max: 500 }));
    expect(listProposalComments(t.app.db, ref)).to.have.length(0);

    t.connector.clear();
    const commented = invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'proposal.comment', { ref, version, comment: 'Podemos aportar dos inspectores.' }, 'es-ES'));
    // The same invoke resent by Teams adds it once.
    await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'proposal.comment', { ref, version, comment: 'Podemos aportar dos inspectores.' }, 'es-ES');
    expect(listProposalComments(t.app.db, ref).map((c) => [c.body, c.language])).to.deep.equal([['Podemos aportar dos inspectores.', 'es']]);
    // The Spanish author's own view: no mark; the post everyone sees (English): marked as Spanish.
    expect(literalTexts(commented).join('\n')).to.include('Podemos aportar dos inspectores.');
    expect(text(commented)).not.to.include(es('cards.writtenIn', { language: es('languageName.es') }));
    const everyone = cardsOf(t.connector.updates().find((call) => call.activityId === messageId)!.body)[0];
    expect(text(everyone)).to.include(en('cards.writtenIn', { language: en('languageName.es') })).and.include(en('proposals.card.commentsHeading', { count: 1 }));

    // Four more: the card shows the last three and says how many came before.
    for (const [index, person] of [PEOPLE.frInspector, PEOPLE.itInspector, PEOPLE.ptInspector, PEOPLE.frInspector].entries()) {
      await click(person, 'proposal.comment', { ref, version: `x${index}`, comment: `Comment ${index}` }, 'fr-FR');
    }
    const shown = invokeCard(await click(PEOPLE.itInspector, 'proposal.show', { ref }, 'it-IT'));
    expect(text(shown)).to.include('Comment 3').and.include('Comment 1').and.include(translator('it')('proposals.card.moreComments', { count: 2 }));
    expect(text(shown)).not.to.include('Comment 0');
  });

  it('lets the proposer edit (a stale form changes nothing) and withdraw until the plan is agreed, and nobody else', async () => {
    const { ref } = await propose(PEOPLE.ptInspector, 'First title');
    // Another authority cannot.
    expect(proposalRefusal(await click(PEOPLE.esInspector, 'proposal.edit', { ref }, 'es-ES'))).to.equal(es('proposals.errors.proposerOnly', { ref, authority: 'ACT' }));
    const form = invokeCard(await click(PEOPLE.ptInspector, 'proposal.edit', { ref }, 'pt-PT'));
    expect(text(form)).to.include(pt('proposals.edit.title', { ref })).and.include('First title');
    const submit = form.actions.find((a: any) => a.verb === 'proposal.update');
    const values = { year: '2027', actionTitle: 'Second title', type: 'concerted_inspection', scope: 'bilateral', states: 'PT,ES', leadState: 'PT', rationale: 'Better reason.' };
    // A field wrong: back with the message and what was typed.
    const wrong = invokeCard(await click(PEOPLE.ptInspector, 'proposal.update', { ...submit.data, ...values, rationale: '' }, 'pt-PT'));
    expect(text(wrong)).to.include(pt('plan.errors.required')).and.include('Second title');
    // Someone joins meanwhile: the form's version is stale.
    invokeCard(await click(PEOPLE.itInspector, 'proposal.join', { ref }));
    const stale = invokeCard(await click(PEOPLE.ptInspector, 'proposal.update', { ...submit.data, ...values }, 'pt-PT'));
    expect(text(stale)).to.include(pt('proposals.errors.stale', { ref })).and.include('First title');
    expect(getProposal(t.app.db, ref)!.input.title).to.equal('First title');
    const fresh = invokeCard(await click(PEOPLE.ptInspector, 'proposal.edit', { ref }, 'pt-PT'));
    const edited = invokeCard(await click(PEOPLE.ptInspector, 'proposal.update', { ...fresh.actions.find((a: any) => a.verb === 'proposal.update').data, ...values }, 'pt-PT'));
    expect(text(edited)).to.include(pt('proposals.card.edited', { ref })).and.include('Second title');
    expect(getProposal(t.app.db, ref)).to.deep.include({ rationale: 'Better reason.', states: ['ES', 'IT', 'PT'] });

    // Withdraw: others refused; the proposer's stale card refused; then withdrawn, and it no longer changes.
    expect(proposalRefusal(await click(PEOPLE.frInspector, 'proposal.withdraw', { ref, version: String(getProposal(t.app.db, ref)!.version) }))).to.equal(en('proposals.errors.proposerOnly', { ref, authority: 'ACT' }));
    const staleWithdraw = invokeCard(await click(PEOPLE.ptInspector, 'proposal.withdraw', { ref, version: '1' }, 'pt-PT'));
    expect(text(staleWithdraw)).to.include(pt('proposals.errors.stale', { ref }));
    const withdrawn = invokeCard(await click(PEOPLE.ptInspector, 'proposal.withdraw', { ref, version: String(getProposal(t.app.db, ref)!.version) }, 'pt-PT'));
    expect(text(withdrawn)).to.include(pt('proposals.status.withdrawn')).and.include(pt('proposals.card.withdrawnLine')).and.not.include('"verb":"proposal.join"');
    expect(proposalRefusal(await click(PEOPLE.esInspector, 'proposal.support', { ref }, 'es-ES'))).to.equal(es('proposals.errors.withdrawn', { ref }));
    expect(listAudit(t.app.db, { subjectRef: ref }).map((e) => e.action)).to.include.members(['proposal.edited', 'proposal.withdrawn']);

    // Once the plan is agreed, the proposer's next proposal no longer changes.
    const second = await propose(PEOPLE.ptInspector, 'Late one');
    t.app.db.prepare("INSERT INTO plans (year, status, created_at) VALUES (2027, 'agreed', '2026-11-20T10:00:00Z') ON CONFLICT(year) DO UPDATE SET status = 'agreed'").run();
    const version = String(getProposal(t.app.db, second.ref)!.version);
    expect(proposalRefusal(await click(PEOPLE.ptInspector, 'proposal.withdraw', { ref: second.ref, version }, 'es-ES'))).to.equal(es('proposals.errors.planAgreed', { year: 2027, planStatus: es('tab.planStatus.agreed') }));
  });

  it('lets a coordinator merge a proposal into another: it says where it went, its states and supporters carried over', async () => {
    const target = await propose(PEOPLE.ptInspector, 'Posted drivers');
    const source = await propose(PEOPLE.esInspector, 'Drivers in transit', { states: 'ES,FR', leadState: 'ES' });
    invokeCard(await click(PEOPLE.itInspector, 'proposal.join', { ref: source.ref }));
    invokeCard(await click(PEOPLE.frInspector, 'proposal.support', { ref: source.ref }));
    const sourcePost = postedMessageId(t, `proposal:${source.ref}:posted`);
    const targetPost = postedMessageId(t, `proposal:${target.ref}:posted`);

    expect(proposalRefusal(await clickOnChannelCard(t, PEOPLE.esInspector, sourcePost, 'proposal.merge', { ref: source.ref, into: target.ref }))).to.equal(en('plan.errors.coordinatorsOnly'));
    await t.post(personalMessage('/help', from(PEOPLE.frInspector)));
    makeCoordinator(PEOPLE.frInspector);
    // The card offers the year's other open proposals; merging into itself comes back at the field.
    const shown = invokeCard(await click(PEOPLE.frInspector, 'proposal.show', { ref: source.ref }, 'fr-FR'));
    expect(text(shown)).to.include(`${target.ref} · Posted drivers`).and.include(fr('proposals.card.mergeInto'));
    const itself = invokeCard(await click(PEOPLE.frInspector, 'proposal.merge', { ref: source.ref, into: source.ref }, 'fr-FR'));
    expect(text(itself)).to.include(fr('proposals.errors.mergeIntoItself', { ref: source.ref }));

    t.connector.clear();
    const merged = invokeCard(await clickOnChannelCard(t, PEOPLE.frInspector, sourcePost, 'proposal.merge', { ref: source.ref, into: target.ref }, 'fr-FR'));
    expect(text(merged)).to.include(fr('proposals.card.mergedInto', { ref: target.ref })).and.not.include('"verb":"proposal.join"');
    const after = getProposal(t.app.db, target.ref)!;
    expect(after.states).to.deep.equal(['ES', 'FR', 'IT', 'PT']);
    expect(after.supporters.map((s) => s.shortName)).to.deep.equal(['URSSAF']);
    expect(after.mergedFrom).to.deep.equal([source.ref]);
    // Both posts follow: the merged one on the click, the target through its event.
    await t.app.outbox.idle();
    expect(t.connector.updates().map((call) => call.activityId)).to.include.members([sourcePost, targetPost]);
    const targetCard = cardsOf(t.connector.updates().filter((call) => call.activityId === targetPost).at(-1)!.body)[0];
    expect(text(targetCard)).to.include(en('proposals.card.mergedFrom')).and.include(source.ref);
    expect(proposalRefusal(await click(PEOPLE.itInspector, 'proposal.support', { ref: source.ref }))).to.equal(en('proposals.errors.merged', { ref: source.ref, into: target.ref }));
    // The list says where it went.
    t.connector.clear();
    await t.post(personalMessage('/plan 2027 propuestas', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    expect(text(t.sentCards()[0])).to.include(es('proposals.card.mergedInto', { ref: target.ref }));
  });

  it('shows the draft of next year: carried-over actions and accepted proposals together, by origin, tagged with the priorities', async () => {
    const priorities = await setPriorities();
    const coordinator = resolveMember(t.app.db, clock, { aadObjectId: PEOPLE.frInspector.aadObjectId, tenantId: null, email: PEOPLE.frInspector.email })!;
    // A 2026 action not implemented, carried over into the 2027 draft.
    const checked = validateActionDraft({ year: '2026', title: 'Seasonal agriculture', type: 'joint_inspection', scope: 'bilateral', states: ['ES', 'PT'], leadState: 'ES' }, { memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(t.app.db), thisYear: 2026 });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const old = createAction(t.app.db, clock, coordinator, checked.input, { formId: 'old-1' }).action;
    carryOverPlan(t.app.db, clock, coordinator, { fromYear: 2026, toYear: 2027 });
    const { ref } = await propose(PEOPLE.ptInspector, 'Posted drivers', { priorities: String(priorities[2].id) });
    invokeCard(await click(PEOPLE.frInspector, 'proposal.accept', { ref }));
    const accepted = getProposal(t.app.db, ref)!.actionRef!;
    expect(getActionDetail(t.app.db, accepted)!.priorities!.map((p) => p.id)).to.deep.equal([priorities[2].id]);

    const draft = draftPlan(t.app.db, 2027);
    const carried = draft.actions.find((entry) => entry.originRef === old.ref)!;
    expect(carried.origin).to.equal('carried_over');
    expect(draft.actions.find((entry) => entry.action.ref === accepted)).to.deep.include({ origin: 'proposal', originRef: ref });

    for (const [locale, tr, command] of [['es-ES', es, `/plan 2027 ${es('priorities.words.draft').split(',')[0]}`], ['en-GB', en, '/plan draft']] as const) {
      t.connector.clear();
      // Without a year: next year's, the plan being prepared.
      await t.post(personalMessage(command, { ...from(PEOPLE.esInspector), locale }));
      const card = t.sentCards()[0];
      assertValidCard(card);
      expect(text(card)).to.include(tr('priorities.draft.title', { year: 2027 }));
      expect(text(card)).to.include(tr('priorities.draft.from.carried_over', { ref: old.ref })).and.include(tr('priorities.draft.from.proposal', { ref }));
      expect(text(card)).to.include(`${accepted} · Posted drivers`).and.include(tr('plan.topic.posting_of_workers'));
      expect(text(card)).to.include(tr('priorities.draft.origin.carried_over')).and.include(tr('priorities.draft.origin.proposal'));
    }
  });

  it('reports the assessment by priority, and keeps the priorities\' figures once frozen', async () => {
    const priorities = await setPriorities();
    const coordinator = resolveMember(t.app.db, clock, { aadObjectId: PEOPLE.frInspector.aadObjectId, tenantId: null, email: PEOPLE.frInspector.email })!;
    const reference = { memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(t.app.db), thisYear: 2026 };
    const refs: string[] = [];
    for (const [index, [title, tags]] of ([['Sites', [priorities[0].id]], ['Drivers', [priorities[2].id, priorities[0].id]], ['Untagged', []]] as const).entries()) {
      const checked = validateActionDraft({ year: '2027', title, type: 'joint_inspection', scope: 'multilateral', states: ['ES', 'FR', 'IT', 'PT'], leadState: 'PT' }, reference);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      refs.push(createAction(t.app.db, clock, coordinator, checked.input, { formId: `p-${index}`, priorities: tags.map(String) }).action.ref);
    }
    for (const [state, person] of STATES) {
      makeCoordinator(person);
      const member = resolveMember(t.app.db, clock, { aadObjectId: person.aadObjectId, tenantId: null, email: person.email })!;
      endorsePlan(t.app.db, clock, { ...member, role: 'coordinator' }, { year: 2027, place: state === 'PT' ? 'Porto' : '' });
    }
    const implement = (ref: string) => {
      updateActionStatus(t.app.db, clock, coordinator, { ref, status: 'initiated', expectedVersion: getActionDetail(t.app.db, ref)!.version });
      updateActionStatus(t.app.db, clock, coordinator, { ref, status: 'implemented', expectedVersion: getActionDetail(t.app.db, ref)!.version });
    };
    implement(refs[0]);
    const live = planAssessment(t.app.db, 2027);
    const construction = live.byPriority!.find((group) => group.key === String(priorities[0].id))!;
    expect(construction).to.deep.include({ total: 2, implementedRate: 0.5 });
    expect(live.byPriority!.find((group) => group.key === String(priorities[1].id))!.total).to.equal(0);
    // The actions tagged with none (the "Untagged" one, and any the plan already had) come last.
    expect(live.byPriority!.at(-1)).to.deep.include({ key: '', total: live.total - 2 });

    for (const [locale, tr, language] of [['fr-FR', fr, 'fr'], ['pt-PT', pt, 'pt']] as const) {
      t.connector.clear();
      await t.post(personalMessage('/plan 2027 report', { ...from(PEOPLE.frInspector), locale }));
      const card = t.sentCards()[0];
      assertValidCard(card);
      expect(text(card)).to.include(tr('priorities.report.heading')).and.include(`41 – ${naceLabel('41', language)}`).and.include(tr('priorities.report.untagged'));
    }
    // The printable page too.
    const html = (await (await fetch(`${t.app.url}/report/2027?locale=pt`)).text()).replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(html).to.include(pt('priorities.report.heading')).and.include(`41 – ${naceLabel('41', 'pt')}`).and.include(pt('priorities.report.column'));
    // And the assessment's CSV, one row per priority.
    const csv = await (await fetch(`${t.app.url}/api/plans/2027/assessment.csv?locale=en`)).text();
    expect(csv).to.include(`${en('priorities.report.column')},${priorities[0].id},41 – ${naceLabel('41', 'en')},2,`);
    // Frozen: a later edit does not move the figures by priority.
    assessPlan(t.app.db, clock, coordinator, { year: 2027 });
    implement(refs[1]);
    expect(planAssessment(t.app.db, 2027).byPriority!.find((group) => group.key === String(priorities[0].id))).to.deep.include({ total: 2, implementedRate: 0.5 });
  });
});

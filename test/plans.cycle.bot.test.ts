import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, type Person } from './helpers/people';
import { startAppInChannel, invokeCard, invokeMessage, postedMessageId } from './helpers/teamsActions';
import { translator } from '../src/i18n/translate';
import { countryName } from '../src/reference/countries';
import { listAudit } from '../src/audit/audit';
import { systemClock } from '../src/clock';
import { resolveMember } from '../src/identity/members';
import { listAuthorities } from '../src/reference/participants';
import { createAction } from '../src/plans/createAction';
import { validateActionDraft } from '../src/plans/actionInput';
import { getActionDetail } from '../src/plans/actionQueries';
import { getPlanHeader, listPlanYears } from '../src/plans/planQueries';
import { updateActionStatus } from '../src/plans/updateActionStatus';
import { READER_VIEW_VERB } from '../bot/cards/readerViews';

const en = translator('en');
const fr = translator('fr');

const text = (card: unknown) => JSON.stringify(card);
const CHANNEL = '19:cooperation-general@thread.tacv2';

function click(t: TestApp, person: Person, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
  return t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb, data } } }));
}

function replyText(t: TestApp): string {
  return t.connector.sentActivities()[0].body.text as string;
}

describe('the annual cycle in Teams: /plan <year> endorse, endorsement, agree, assess', () => {
  let t: TestApp;
  let year: number;
  const STATES: Array<[string, Person]> = [
    ['ES', PEOPLE.esInspector],
    ['FR', PEOPLE.frInspector],
    ['IT', PEOPLE.itInspector],
    ['PT', PEOPLE.ptInspector],
  ];

  function makeCoordinator(person: Person): void {
    t.app.db.prepare('INSERT OR IGNORE INTO coordinators (aad_object_id, member_state) VALUES (?, ?)').run(person.aadObjectId, STATES.find(([, p]) => p === person)![0]);
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(person.aadObjectId);
  }

  /** A draft for next year beyond every demo plan: one multilateral action and one ES–PT. */
  function draftPlan(): void {
    year = Math.max(...listPlanYears(t.app.db), new Date().getUTCFullYear()) + 1;
    const coordinator = resolveMember(t.app.db, systemClock, { aadObjectId: PEOPLE.frInspector.aadObjectId, tenantId: null, email: PEOPLE.frInspector.email })!;
    const reference = { memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(t.app.db), thisYear: year - 1 };
    for (const [index, draft] of [
      { title: 'Road transport week', states: ['ES', 'FR', 'IT', 'PT'], leadState: 'PT', scope: 'multilateral' },
      { title: 'ES–PT construction sites', states: ['ES', 'PT'], leadState: 'ES', scope: 'bilateral' },
    ].entries()) {
      const checked = validateActionDraft({ year: String(year), type: 'joint_inspection', ...draft }, reference);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      createAction(t.app.db, systemClock, { ...coordinator, role: 'coordinator' }, checked.input, { formId: `draft-${index}` });
    }
  }

  beforeEach(async () => {
    t = await startAppInChannel();
    draftPlan();
  });
  afterEach(() => t.stop());

  it('refuses a member, shows a coordinator the actions of their state, endorses once per state, and says who has', async () => {
    await t.post(personalMessage(`/plan ${year} endorse`, from(PEOPLE.esInspector)));
    expect(replyText(t)).to.equal(en('cycle.bot.coordinatorsOnly'));
    for (const [, person] of STATES) makeCoordinator(person);
    t.connector.clear();

    await t.post(personalMessage(`/plan ${year} endorse`, from(PEOPLE.esInspector)));
    const form = t.sentCards()[0] as any;
    const spain = countryName('ES', 'en');
    expect(text(form)).to.include(en('cycle.endorse.title', { year, state: spain })).and.include(en('cycle.endorse.intro', { count: 2, state: spain }));
    expect(text(form)).to.include(`${year}-01 · Road transport week`).and.include(`${year}-02 · ES–PT construction sites`);
    const button = form.actions.find((a: any) => a.verb === 'plan.endorse');
    expect(button.data).to.deep.equal({ year: String(year) });

    const done = await click(t, PEOPLE.esInspector, 'plan.endorse', { ...button.data, place: '' });
    expect(done.status).to.equal(200);
    const status = invokeCard(done);
    expect(text(status)).to.include(en('cycle.bot.endorsed', { state: 'ES', year })).and.include(en('cycle.endorsement.progress', { done: 1, count: 4 }));
    expect(text(status)).to.include(en('cycle.endorsement.pending'));

    expect(invokeMessage(await click(t, PEOPLE.esInspector, 'plan.endorse', { ...button.data, place: '' }))).to.include(en('cycle.errors.alreadyEndorsed', { state: 'ES', year, at: '' }).split(',')[0]);
    expect(listAudit(t.app.db, { action: 'plan.endorsed' })).to.have.length(1);

    // The Italian coordinator, in French, sees the endorsement so far.
    t.connector.clear();
    await t.post(channelMessage(`/plan ${year} approbation`, { ...from(PEOPLE.itInspector), locale: 'fr-FR' }));
    const listing = text(t.sentCards()[0]);
    expect(listing).to.include(fr('cycle.endorsement.title', { year })).and.include(fr('cycle.endorsement.progress', { done: 1, count: 4 }));
    expect(listing).to.include(countryName('ES', 'fr')).and.include(fr('cycle.endorsement.pending'));
  });

  it('keeps a refused place in the form, then agrees the plan when the fourth state endorses and posts it, each reader in their language', async () => {
    for (const [, person] of STATES) makeCoordinator(person);
    for (const [, person] of STATES.slice(0, 3)) invokeCard(await click(t, person, 'plan.endorse', { year: String(year), place: '' }));
    expect(getPlanHeader(t.app.db, year)!.status).to.equal('draft');

    await t.post(personalMessage(`/plan ${year} approuver`, { ...from(PEOPLE.ptInspector), locale: 'fr-FR' }));
    expect(text(t.sentCards()[0])).to.include(fr('cycle.endorse.title', { year, state: countryName('PT', 'fr') }));
    const long = 'Porto '.repeat(30);
    const again = invokeCard(await click(t, PEOPLE.ptInspector, 'plan.endorse', { year: String(year), place: long }, 'fr-FR'));
    expect(text(again)).to.include(fr('cycle.errors.placeTooLong', { max: 100 })).and.include(long.trim().slice(0, 20));
    expect(getPlanHeader(t.app.db, year)!.status, 'nothing endorsed').to.equal('draft');

    const agreed = invokeCard(await click(t, PEOPLE.ptInspector, 'plan.endorse', { year: String(year), place: 'Porto' }, 'fr-FR'));
    expect(text(agreed)).to.include(fr('cycle.endorsement.progress', { done: 4, count: 4 }));
    expect(getPlanHeader(t.app.db, year)).to.include({ status: 'agreed', agreedPlace: 'Porto', agreedActionCount: 2 });

    await t.app.outbox.idle();
    const posts = t.connector.sentActivities().filter((call) => call.conversationId === CHANNEL && call.replyToId === null).flatMap((call) => cardsOf(call.body)) as any[];
    expect(posts).to.have.length(1);
    assertValidCard(posts[0]);
    expect(text(posts[0])).to.include(en('cycle.endorsement.agreedTitle', { year })).and.include('Porto');
    expect(posts[0].refresh.action.data).to.deep.equal({ kind: 'plan-agreed', subject: String(year) });
    const messageId = postedMessageId(t, `plan:${year}:agreed`);
    const view = invokeCard(
      await t.post(
        activity('invoke.cardAction.channel', { ...from(PEOPLE.esInspector), locale: 'fr-FR', replyToId: messageId, value: { action: { type: 'Action.Execute', verb: READER_VIEW_VERB, data: posts[0].refresh.action.data }, trigger: 'automatic' } }),
      ),
    );
    expect(text(view)).to.include(fr('cycle.endorsement.agreedTitle', { year })).and.include('Porto');
    expect(listAudit(t.app.db, { action: 'plan.agreed' })).to.have.length(1);

    // Endorsing an agreed plan is refused.
    t.connector.clear();
    await t.post(personalMessage(`/plan ${year} endorse`, from(PEOPLE.esInspector)));
    expect(replyText(t)).to.equal(en('cycle.errors.notDraft', { year, planStatus: en('tab.planStatus.agreed') }));
  });

  it('records the meeting place from a coordinator form, and lists amendments after the agreement in the report', async () => {
    for (const [, person] of STATES) makeCoordinator(person);
    await t.post(personalMessage(`/plan ${year} agree`, from(PEOPLE.frInspector)));
    const form = t.sentCards()[0] as any;
    expect(text(form)).to.include(en('cycle.agree.title', { year }));
    const refused = invokeCard(await click(t, PEOPLE.frInspector, 'plan.agree', { year: String(year), place: ' ' }));
    expect(text(refused)).to.include(en('cycle.errors.placeRequired')).and.include(en('cycle.agree.title', { year }));
    invokeCard(await click(t, PEOPLE.frInspector, 'plan.agree', { year: String(year), place: 'Lisboa' }));
    for (const [, person] of STATES) invokeCard(await click(t, person, 'plan.endorse', { year: String(year), place: '' }));
    expect(getPlanHeader(t.app.db, year)).to.include({ status: 'agreed', agreedPlace: 'Lisboa' });

    const es = resolveMember(t.app.db, systemClock, { aadObjectId: PEOPLE.esInspector.aadObjectId, tenantId: null, email: PEOPLE.esInspector.email })!;
    const action = getActionDetail(t.app.db, `${year}-02`)!;
    updateActionStatus(t.app.db, systemClock, es, { ref: action.ref, status: 'cancelled', note: 'No site found.', expectedVersion: action.version });
    // The channel's post of the agreement goes out first.
    await t.app.outbox.idle();
    t.connector.clear();
    await t.post(personalMessage(`/plan ${year} report`, from(PEOPLE.esInspector)));
    const report = text(t.sentCards()[0]);
    expect(report).to.include(en('cycle.report.amendmentsHeading', { count: 1 })).and.include(`${year}-02 · ES–PT construction sites`);
  });

  it('freezes the assessment for coordinators only: the report keeps the figures and shows what changed since, in French', async () => {
    await t.post(personalMessage('/plan 2024 assess', from(PEOPLE.esInspector)));
    expect(replyText(t)).to.equal(en('cycle.bot.coordinatorsOnly'));
    makeCoordinator(PEOPLE.esInspector);
    t.connector.clear();
    await t.post(personalMessage(`/plan ${year} assess`, from(PEOPLE.esInspector)));
    expect(replyText(t)).to.equal(en('cycle.errors.assessDraft', { year }));
    t.connector.clear();

    await t.post(personalMessage('/plan 2024 evaluer', { ...from(PEOPLE.esInspector), locale: 'fr-FR' }));
    const frozen = text(t.sentCards()[0]);
    expect(frozen).to.include(fr('plan.report.headline', { count: 7, implemented: 6, percent: new Intl.NumberFormat('fr', { style: 'percent' }).format(6 / 7) }));
    expect(frozen).to.include(fr('cycle.report.noChanges'));
    expect(getPlanHeader(t.app.db, 2024)!.status).to.equal('assessed');

    const es = resolveMember(t.app.db, systemClock, { aadObjectId: PEOPLE.esInspector.aadObjectId, tenantId: null, email: PEOPLE.esInspector.email })!;
    const open = t.app.db.prepare("SELECT ref FROM actions WHERE plan_year = 2024 AND status <> 'implemented' LIMIT 1").get() as { ref: string };
    const action = getActionDetail(t.app.db, open.ref)!;
    updateActionStatus(t.app.db, systemClock, es, { ref: open.ref, status: 'implemented', expectedVersion: action.version });
    t.connector.clear();
    await t.post(personalMessage('/plan 2024 rapport', { ...from(PEOPLE.esInspector), locale: 'fr-FR' }));
    const after = text(t.sentCards()[0]);
    expect(after, 'the frozen figures').to.include(fr('plan.report.headline', { count: 7, implemented: 6, percent: new Intl.NumberFormat('fr', { style: 'percent' }).format(6 / 7) }));
    expect(after).to.include(fr('cycle.report.changesHeading')).and.include(fr('cycle.report.change', { figure: fr('plan.status.implemented'), frozen: 6, now: 7 }));

    t.connector.clear();
    await t.post(personalMessage('/plan 2024 assess', from(PEOPLE.esInspector)));
    expect(replyText(t)).to.equal(en('cycle.errors.alreadyAssessed', { year: 2024 }));
  });
});

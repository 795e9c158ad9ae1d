import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { listAuthorities, loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { resolveMember, type Member } from '../src/identity/members';
import { listAudit } from '../src/audit/audit';
import { DomainError } from '../src/errors';
import { createAction } from '../src/plans/createAction';
import { validateActionDraft } from '../src/plans/actionInput';
import { updateActionStatus } from '../src/plans/updateActionStatus';
import { getActionDetail } from '../src/plans/actionQueries';
import { getPlanHeader } from '../src/plans/planQueries';
import { planAssessment } from '../src/plans/planSummary';
import { endorsePlan, endorsementStatus, actionsForState, setMeetingPlace } from '../src/plans/endorsement';
import { assessPlan, planCycleReport } from '../src/plans/frozenAssessment';
import { listAmendments } from '../src/plans/amendments';
import { planErrorText } from '../src/plans/planErrors';
import { translator } from '../src/i18n/translate';
import { manualClock, PEOPLE } from './helpers/people';
import { tempDbPath } from './helpers/testApp';
import { errorKeys } from './helpers/domainSamples';

describe('the annual cycle: endorsement, agreement, amendments, frozen assessment', () => {
  let db: Db;
  let dir: string;
  const clock = manualClock('2025-11-20T09:00:00Z');
  const coordinators: Record<'PT' | 'ES' | 'FR' | 'IT', Member> = {} as never;
  let ptMember: Member;

  const member = (person: (typeof PEOPLE)[keyof typeof PEOPLE]) =>
    resolveMember(db, clock, { aadObjectId: person.aadObjectId, tenantId: null, email: person.email, displayName: person.authority })!;
  const reference = () => ({ memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(db), thisYear: 2025 });

  function addAction(year: number, title: string, states: string[], leadState: string, formId: string) {
    const checked = validateActionDraft({ year: String(year), title, type: 'joint_inspection', scope: states.length === 2 ? 'bilateral' : 'multilateral', states, leadState }, reference());
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return createAction(db, clock, coordinators.FR, checked.input, { formId }).action;
  }

  /** A 2027 draft: one multilateral action, one ES–PT and one FR–IT. */
  function draft2027() {
    addAction(2027, 'Road transport week', ['ES', 'FR', 'IT', 'PT'], 'PT', 'f1');
    addAction(2027, 'ES–PT construction sites', ['ES', 'PT'], 'ES', 'f2');
    addAction(2027, 'FR–IT seasonal agriculture', ['FR', 'IT'], 'IT', 'f3');
  }

  beforeEach(() => {
    clock.set('2025-11-20T09:00:00Z');
    const file = tempDbPath();
    dir = path.dirname(file);
    db = openDatabase(file);
    syncParticipants(db, loadParticipants());
    loadDemoData(db, clock);
    const people = { PT: PEOPLE.ptInspector, ES: PEOPLE.esInspector, FR: PEOPLE.frInspector, IT: PEOPLE.itInspector } as const;
    for (const [state, person] of Object.entries(people)) {
      member(person);
      db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(person.aadObjectId);
      coordinators[state as keyof typeof people] = member(person);
    }
    // Someone of ACT who is no coordinator.
    ptMember = { ...coordinators.PT, role: 'member' };
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lists for each state's coordinator the draft's actions involving that state", () => {
    draft2027();
    expect(actionsForState(db, 2027, 'ES').map((a) => a.title)).to.deep.equal(['Road transport week', 'ES–PT construction sites']);
    expect(actionsForState(db, 2027, 'IT').map((a) => a.title)).to.deep.equal(['Road transport week', 'FR–IT seasonal agriculture']);
  });

  it('is agreed when each of the four states has endorsed, with date, place and the number of actions', () => {
    draft2027();
    const order = ['ES', 'IT', 'FR', 'PT'] as const;
    for (const [index, state] of order.entries()) {
      clock.set(`2025-11-2${index}T10:00:00Z`);
      const result = endorsePlan(db, clock, coordinators[state], { year: 2027, place: state === 'PT' ? '  Porto ' : '' });
      expect(result.state).to.equal(state);
      expect(result.agreed, `agreed after ${state}`).to.equal(index === order.length - 1);
      expect(getPlanHeader(db, 2027)!.status).to.equal(index === order.length - 1 ? 'agreed' : 'draft');
    }
    expect(getPlanHeader(db, 2027)).to.deep.equal({ year: 2027, status: 'agreed', agreedActionCount: 3, agreedAt: '2025-11-23T10:00:00.000Z', agreedPlace: 'Porto' });
    const status = endorsementStatus(db, 2027);
    expect(status.states.map((s) => [s.state, s.endorsedAt, s.authorityShortName])).to.deep.equal([
      ['ES', '2025-11-20T10:00:00.000Z', 'ITSS'],
      ['FR', '2025-11-22T10:00:00.000Z', 'URSSAF'],
      ['IT', '2025-11-21T10:00:00.000Z', 'INL'],
      ['PT', '2025-11-23T10:00:00.000Z', 'ACT'],
    ]);
    expect(listAudit(db, { action: 'plan.endorsed' }).map((entry) => entry.details)).to.deep.equal(order.map((state) => ({ state })));
    expect(listAudit(db, { action: 'plan.agreed' })).to.have.length(1);
    const events = db.prepare("SELECT type, subject_ref AS ref FROM domain_events WHERE type LIKE 'plan.%' ORDER BY id").all();
    expect(events).to.deep.equal([...order.map(() => ({ type: 'plan.endorsed', ref: '2027' })), { type: 'plan.agreed', ref: '2027' }]);
  });

  it("takes the place a coordinator recorded beforehand when the last endorser gives none", () => {
    draft2027();
    setMeetingPlace(db, clock, coordinators.FR, { year: 2027, place: 'Lisboa' });
    for (const state of ['ES', 'FR', 'IT', 'PT'] as const) endorsePlan(db, clock, coordinators[state], { year: 2027 });
    expect(getPlanHeader(db, 2027)).to.include({ status: 'agreed', agreedPlace: 'Lisboa' });
    expect(errorKeys(() => setMeetingPlace(db, clock, ptMember, { year: 2027, place: 'Porto' }))).to.deep.equal(['plan.errors.coordinatorsOnly']);
    expect(errorKeys(() => setMeetingPlace(db, clock, coordinators.PT, { year: 2027, place: '   ' }))).to.deep.equal(['cycle.errors.placeRequired']);
  });

  it('refuses wrong moves with their own messages, changing nothing', () => {
    draft2027();
    expect(errorKeys(() => endorsePlan(db, clock, ptMember, { year: 2027 }))).to.deep.equal(['plan.errors.coordinatorsOnly']);
    endorsePlan(db, clock, coordinators.ES, { year: 2027 });
    expect(errorKeys(() => endorsePlan(db, clock, coordinators.ES, { year: 2027 }))).to.deep.equal(['cycle.errors.alreadyEndorsed']);
    expect(errorKeys(() => endorsePlan(db, clock, coordinators.IT, { year: 2027, place: 'x'.repeat(101) }))).to.deep.equal(['cycle.errors.placeTooLong']);
    expect(errorKeys(() => endorsePlan(db, clock, coordinators.IT, { year: 1999 }))).to.deep.equal(['plan.errors.planNotFound']);
    expect(errorKeys(() => assessPlan(db, clock, coordinators.IT, { year: 2027 }))).to.deep.equal(['cycle.errors.assessDraft']);
    // 2024 is agreed in the demo data: no endorsement any more.
    expect(errorKeys(() => endorsePlan(db, clock, coordinators.IT, { year: 2024 }))).to.deep.equal(['cycle.errors.notDraft']);
    expect(endorsementStatus(db, 2027).states.filter((s) => s.endorsedAt).map((s) => s.state)).to.deep.equal(['ES']);
    try {
      endorsePlan(db, clock, coordinators.ES, { year: 2027 });
    } catch (error) {
      const fr = planErrorText(translator('fr'), 'fr', (error as DomainError).details[0]);
      expect(fr, fr).to.include('ES').and.include('2027').and.include('20 nov. 2025');
    }
    try {
      endorsePlan(db, clock, coordinators.IT, { year: 2024 });
    } catch (error) {
      expect(planErrorText(translator('it'), 'it', (error as DomainError).details[0])).to.include(translator('it')('tab.planStatus.agreed'));
    }
  });

  it('records an action added or cancelled after the agreement as an amendment, and none before', () => {
    draft2027();
    const cancelledInDraft = getActionDetail(db, '2027-03')!;
    updateActionStatus(db, clock, coordinators.FR, { ref: '2027-03', status: 'cancelled', note: 'Merged into 2027-01.', expectedVersion: cancelledInDraft.version });
    expect(listAmendments(db, 2027)).to.deep.equal([]);
    for (const state of ['ES', 'FR', 'IT', 'PT'] as const) endorsePlan(db, clock, coordinators[state], { year: 2027, place: 'Porto' });
    expect(getPlanHeader(db, 2027)!.agreedActionCount, 'the cancelled draft action is not agreed').to.equal(2);
    clock.set('2026-02-03T08:00:00Z');
    addAction(2027, 'IT–PT posting of workers', ['IT', 'PT'], 'PT', 'f4');
    const second = getActionDetail(db, '2027-02')!;
    updateActionStatus(db, clock, coordinators.ES, { ref: '2027-02', status: 'cancelled', note: 'No site found.', expectedVersion: second.version });
    expect(listAmendments(db, 2027)).to.deep.equal([
      { ref: '2027-04', title: 'IT–PT posting of workers', kind: 'added', at: '2026-02-03T08:00:00.000Z', authorityShortName: 'URSSAF' },
      { ref: '2027-02', title: 'ES–PT construction sites', kind: 'cancelled', at: '2026-02-03T08:00:00.000Z', authorityShortName: 'ITSS' },
    ]);
    expect(planCycleReport(db, 2027).amendments).to.have.length(2);
  });

  it('freezes the assessment: the published figures do not move after an edit, and the report shows the difference', () => {
    // 2024 in the demo: agreed, 7 actions, 6 implemented.
    expect(errorKeys(() => assessPlan(db, clock, ptMember, { year: 2024 }))).to.deep.equal(['plan.errors.coordinatorsOnly']);
    const before = planAssessment(db, 2024);
    const report = assessPlan(db, clock, coordinators.IT, { year: 2024 });
    expect(report).to.deep.equal({ frozenAt: '2025-11-20T09:00:00.000Z', changes: [], amendments: [] });
    expect(getPlanHeader(db, 2024)!.status).to.equal('assessed');
    expect(errorKeys(() => assessPlan(db, clock, coordinators.IT, { year: 2024 }))).to.deep.equal(['cycle.errors.alreadyAssessed']);

    // The demo's 2024 plan has one action still initiated: it is implemented after the assessment.
    const open = before.notImplemented.find((item) => item.status === 'initiated')!;
    const action = getActionDetail(db, open.ref)!;
    updateActionStatus(db, clock, coordinators.ES, { ref: open.ref, status: 'implemented', expectedVersion: action.version });
    const after = planAssessment(db, 2024);
    expect(after.counts, 'the frozen figures').to.deep.equal(before.counts);
    expect(after.notImplemented).to.deep.equal(before.notImplemented);
    expect(after.status).to.equal('assessed');
    expect(planCycleReport(db, 2024).changes).to.deep.equal([
      { figure: 'initiated', frozen: before.counts.initiated, now: before.counts.initiated - 1 },
      { figure: 'implemented', frozen: before.counts.implemented, now: before.counts.implemented + 1 },
    ]);
    expect(listAudit(db, { action: 'plan.assessed' })).to.have.length(1);
  });
});

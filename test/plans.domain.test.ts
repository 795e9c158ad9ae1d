import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { resolveMember, type Member } from '../src/identity/members';
import { listAudit } from '../src/audit/audit';
import { DomainError } from '../src/errors';
import { getActionDetail, listActions } from '../src/plans/actionQueries';
import { updateActionStatus } from '../src/plans/updateActionStatus';
import { addActionNote } from '../src/plans/addActionNote';
import { StaleActionError, planErrorText } from '../src/plans/planErrors';
import { carryOverPlan, previewCarryOver } from '../src/plans/carryOver';
import { createAction } from '../src/plans/createAction';
import { validateActionDraft } from '../src/plans/actionInput';
import { loadCoordinators, syncCoordinators } from '../src/plans/coordinators';
import { getPlanHeader } from '../src/plans/planQueries';
import { translator } from '../src/i18n/translate';
import { listAuthorities } from '../src/reference/participants';
import { manualClock, PEOPLE } from './helpers/people';
import { tempDbPath } from './helpers/testApp';
import { errorKeys } from './helpers/domainSamples';
import { postActionUpdate } from '../src/plans/postActionUpdate';

type Status = 'planned' | 'initiated' | 'implemented' | 'postponed' | 'cancelled';
const STATUSES: Status[] = ['planned', 'initiated', 'implemented', 'postponed', 'cancelled'];

/** The spec's life of an action, written out independently of src/plans/transitions.ts. */
const ALLOWED: Record<Status, Status[]> = {
  planned: ['initiated', 'postponed', 'cancelled'],
  initiated: ['implemented', 'postponed', 'cancelled'],
  postponed: ['planned', 'initiated', 'cancelled'],
  implemented: [],
  cancelled: [],
};

describe('the annual plan domain', () => {
  let db: Db;
  let dir: string;
  const clock = manualClock('2024-11-20T09:00:00Z');
  let pt: Member;
  let es: Member;
  let italian: Member;
  let coordinator: Member;

  const member = (person: (typeof PEOPLE)[keyof typeof PEOPLE]) =>
    resolveMember(db, clock, { aadObjectId: person.aadObjectId, tenantId: null, email: person.email, displayName: person.authority })!;

  /** Puts an action straight into a status, as a test fixture (bypassing the rules under test). */
  function force(ref: string, status: Status): number {
    db.prepare('UPDATE actions SET status = ?, version = version + 1 WHERE ref = ?').run(status, ref);
    return getActionDetail(db, ref)!.version;
  }

  beforeEach(() => {
    const file = tempDbPath();
    dir = path.dirname(file);
    db = openDatabase(file);
    syncParticipants(db, loadParticipants());
    loadDemoData(db, clock);
    pt = member(PEOPLE.ptInspector);
    es = member(PEOPLE.esInspector);
    italian = member(PEOPLE.itInspector);
    member(PEOPLE.frInspector);
    // A role set by hand in the store, as a national contact point may do.
    db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PEOPLE.frInspector.aadObjectId);
    coordinator = member(PEOPLE.frInspector);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('status transitions', () => {
    // 2024-03 is a bilateral ES–PT action: the Spanish inspector takes part in it.
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const allowed = ALLOWED[from].includes(to);
        it(`${allowed ? 'allows' : 'refuses'} ${from} -> ${to}`, () => {
          const version = force('2024-03', from);
          const request = { ref: '2024-03', status: to, note: 'Agreed at the meeting of 12 November.', expectedVersion: version };
          if (allowed) {
            const action = updateActionStatus(db, clock, es, request);
            expect(action).to.include({ status: to, version: version + 1 });
            expect(action.timeline[0]).to.include({ kind: 'status', statusFrom: from, statusTo: to, note: 'Agreed at the meeting of 12 November.', version: version + 1 });
          } else {
            const expected = from === to ? 'plan.errors.alreadyInStatus' : ALLOWED[from].length === 0 ? 'plan.errors.finalStatus' : 'plan.errors.transitionNotAllowed';
            expect(errorKeys(() => updateActionStatus(db, clock, es, request))).to.deep.equal([expected]);
            expect(getActionDetail(db, '2024-03')).to.include({ status: from, version });
          }
        });
      }
    }

    it('names the current status and the allowed steps in the refusal, in the reader language', () => {
      const version = force('2024-03', 'planned');
      try {
        updateActionStatus(db, clock, es, { ref: '2024-03', status: 'implemented', expectedVersion: version });
        expect.fail('should refuse');
      } catch (error) {
        const fr = planErrorText(translator('fr'), 'fr', (error as DomainError).details[0]);
        expect(fr).to.include(translator('fr')('plan.status.planned')).and.include(translator('fr')('plan.status.implemented'));
        expect(fr).to.include(`${translator('fr')('plan.status.initiated')}, ${translator('fr')('plan.status.postponed')} ou ${translator('fr')('plan.status.cancelled')}`);
      }
    });

    it('requires a reason to cancel, and keeps it as the status reason', () => {
      const version = force('2024-03', 'initiated');
      expect(errorKeys(() => updateActionStatus(db, clock, es, { ref: '2024-03', status: 'cancelled', note: '  ', expectedVersion: version }))).to.deep.equal(['plan.errors.reasonRequired']);
      const action = updateActionStatus(db, clock, es, { ref: '2024-03', status: 'cancelled', note: 'No inspectors available in June.', expectedVersion: version });
      expect(action).to.include({ status: 'cancelled', statusReason: 'No inspectors available in June.' });
    });

    it('reports every problem of a request at once: unknown status, note too long, no version', () => {
      try {
        updateActionStatus(db, clock, es, { ref: '2024-03', status: 'finished-ish', note: 'x'.repeat(1001), expectedVersion: undefined });
        expect.fail('should refuse');
      } catch (error) {
        expect((error as DomainError).details.map((d) => [d.field, d.key])).to.deep.equal([
          ['status', 'plan.errors.unknownStatus'],
          ['note', 'plan.errors.noteTooLong'],
          ['version', 'plan.errors.versionRequired'],
        ]);
      }
    });
  });

  describe('concurrent updates', () => {
    it('refuses an update made on a stale view, with the newer state, and writes nothing', () => {
      force('2024-03', 'initiated');
      const seen = getActionDetail(db, '2024-03')!; // both the ES and the PT inspector look at version N
      updateActionStatus(db, clock, pt, { ref: '2024-03', status: 'postponed', note: 'Moved to 2025.', expectedVersion: seen.version });
      const auditBefore = listAudit(db).length;
      try {
        updateActionStatus(db, clock, es, { ref: '2024-03', status: 'cancelled', note: 'Not needed.', expectedVersion: seen.version });
        expect.fail('a stale update must be refused');
      } catch (error) {
        expect(error).to.be.instanceOf(StaleActionError);
        const current = (error as StaleActionError).current;
        expect(current).to.include({ status: 'postponed', version: seen.version + 1 });
        expect(current.timeline[0]).to.include({ note: 'Moved to 2025.', statusTo: 'postponed' });
        const text = planErrorText(translator('en'), 'en', (error as StaleActionError).details[0]);
        expect(text).to.include('ACT (PT)').and.include(translator('en')('plan.status.postponed'));
      }
      expect(getActionDetail(db, '2024-03')).to.include({ status: 'postponed', version: seen.version + 1 });
      expect(listAudit(db).length).to.equal(auditBefore);
    });

    it('lets a note through without a version, and makes older views stale', () => {
      const seen = getActionDetail(db, '2024-03')!; // implemented: final, but notes still welcome
      const noted = addActionNote(db, clock, pt, { ref: '2024-03', note: 'Site list exchanged.' });
      expect(noted).to.include({ status: seen.status, version: seen.version + 1 });
      expect(noted.timeline[0]).to.include({ kind: 'note', note: 'Site list exchanged.', statusFrom: null });
      expect(() => updateActionStatus(db, clock, es, { ref: '2024-03', status: 'cancelled', note: 'x', expectedVersion: seen.version })).to.throw(StaleActionError);
    });
    it('refuses the second of two people moving an action to the same status from the same view, instead of keeping it as a note', () => {
      force('2024-03', 'initiated');
      const seen = getActionDetail(db, '2024-03')!;
      const first = postActionUpdate(db, clock, pt, { ref: '2024-03', status: 'postponed', note: 'Moved to 2025 (PT).', expectedVersion: seen.version });
      expect(first.kind).to.equal('status');
      expect(() => postActionUpdate(db, clock, es, { ref: '2024-03', status: 'postponed', note: 'Moved to 2025 (ES).', expectedVersion: seen.version })).to.throw(StaleActionError);
      const after = getActionDetail(db, '2024-03')!;
      expect(after.version).to.equal(seen.version + 1);
      expect(after.timeline.map((entry) => entry.note)).not.to.include('Moved to 2025 (ES).');
    });

    it('keeps a note on the status a person saw, even when notes were added since', () => {
      const seen = getActionDetail(db, '2024-03')!;
      addActionNote(db, clock, pt, { ref: '2024-03', note: 'Site list exchanged.' });
      const posted = postActionUpdate(db, clock, es, { ref: '2024-03', status: seen.status, note: 'Report translated.', expectedVersion: seen.version });
      expect(posted.kind).to.equal('note');
    });
  });

  describe('who may update', () => {
    it('refuses a member whose state takes no part, and lets a coordinator of any state', () => {
      const version = force('2024-03', 'initiated'); // ES–PT
      expect(errorKeys(() => updateActionStatus(db, clock, italian, { ref: '2024-03', status: 'postponed', expectedVersion: version }))).to.deep.equal(['plan.errors.notInvolved']);
      expect(updateActionStatus(db, clock, coordinator, { ref: '2024-03', status: 'postponed', expectedVersion: version }).status).to.equal('postponed');
    });

    it('audits every write with the acting authority', () => {
      const version = force('2024-03', 'initiated');
      updateActionStatus(db, clock, es, { ref: '2024-03', status: 'postponed', expectedVersion: version, correlationId: 'c-1' });
      addActionNote(db, clock, pt, { ref: '2024-03', note: 'n' });
      expect(listAudit(db, { subjectRef: '2024-03' }).map((a) => [a.action, a.authorityId])).to.deep.equal([
        ['action.status_changed', 'ES-ITSS'],
        ['action.note_added', 'PT-ACT'],
      ]);
    });
  });

  describe('creating actions', () => {
    const reference = () => ({ memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(db), thisYear: 2024 });

    it('checks the whole form and reports every wrong field at once', () => {
      const result = validateActionDraft({ year: '1999', title: '', type: 'party', scope: 'bilateral', states: ['PT', 'ES', 'FR'], leadState: 'IT', leadAuthority: 'ES-ITSS', period: '2025-13' }, reference());
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.errors.map((e) => [e.field, e.key])).to.deep.equal([
          ['year', 'plan.errors.yearOutOfRange'],
          ['title', 'plan.errors.required'],
          ['type', 'plan.errors.unknownChoice'],
          ['states', 'plan.errors.bilateralTwoStates'],
          ['leadState', 'plan.errors.leadNotAmongStates'],
          ['leadAuthority', 'plan.errors.authorityNotOfLeadState'],
          ['period', 'plan.errors.periodFormat'],
        ]);
      }
    });

    it('lets coordinators add an action after the highest reference, once per form', () => {
      const checked = validateActionDraft({ year: '2024', title: 'FR–IT seminar on posting in agriculture', type: 'seminar', scope: 'bilateral', states: ['IT', 'FR'], leadState: 'IT', leadAuthority: 'IT-INL', sectors: ['01'], topics: ['posting_of_workers'], period: '2024-q4', funding: ['ela'] }, reference());
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      expect(errorKeys(() => createAction(db, clock, es, checked.input, { formId: 'form-0' }))).to.deep.equal(['plan.errors.coordinatorsOnly']);
      const first = createAction(db, clock, coordinator, checked.input, { formId: 'form-1' });
      const again = createAction(db, clock, coordinator, checked.input, { formId: 'form-1' });
      expect(first.kind).to.equal('created');
      expect(first.action).to.include({ ref: '2024-08', status: 'planned', period: '2024-Q4', leadState: 'IT', version: 1 });
      expect(first.action.timeline.map((e) => e.kind)).to.deep.equal(['created']);
      expect(again).to.deep.include({ kind: 'already_submitted' });
      expect(again.action.ref).to.equal('2024-08');
      expect(listAudit(db, { action: 'action.created' })).to.have.length(1);
    });

    it('creates the plan of a new year as a draft', () => {
      const checked = validateActionDraft({ year: '2026', title: 'Joint training', type: 'training', scope: 'multilateral', states: ['IT', 'FR', 'PT'], leadState: 'PT' }, reference());
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      expect(createAction(db, clock, coordinator, checked.input, { formId: 'form-2' }).action.ref).to.equal('2026-01');
      expect(getPlanHeader(db, 2026)).to.include({ status: 'draft' });
    });
  });

  describe('carrying over into the next plan', () => {
    it('previews, then copies the actions not implemented with new references and origin links, never twice', () => {
      // 2024 in the demo: one initiated action. Make another postponed and one cancelled.
      force('2024-02', 'postponed');
      force('2024-03', 'cancelled');
      const initiated = listActions(db, { year: 2024, status: 'initiated' }).items.map((a) => a.ref);
      const expected = [...initiated, '2024-02'].sort();

      const preview = previewCarryOver(db, 2024, 2025);
      expect(preview.toCopy.map((item) => item.fromRef).sort()).to.deep.equal(expected);
      expect(preview).to.include({ targetStatus: null, cancelled: 1 });
      expect(getPlanHeader(db, 2025), 'a preview writes nothing').to.equal(null);

      expect(errorKeys(() => carryOverPlan(db, clock, es, { fromYear: 2024, toYear: 2025 }))).to.deep.equal(['plan.errors.coordinatorsOnly']);
      const result = carryOverPlan(db, clock, coordinator, { fromYear: 2024, toYear: 2025 });
      expect(result.copied.map((item) => item.fromRef)).to.deep.equal(expected);
      expect(result.copied.map((item) => item.toRef)).to.deep.equal(expected.map((_, i) => `2025-0${i + 1}`));
      expect(getPlanHeader(db, 2025)).to.include({ status: 'draft' });
      for (const item of result.copied) {
        const copy = getActionDetail(db, item.toRef!)!;
        const origin = getActionDetail(db, item.fromRef)!;
        expect(copy).to.include({ originRef: item.fromRef, status: 'planned', period: '2025', title: origin.title, type: origin.type, leadState: origin.leadState });
        expect(copy.states).to.deep.equal(origin.states);
        expect(copy.timeline[0]).to.include({ kind: 'carried_over', statusFrom: origin.status, statusTo: 'planned' });
        expect(origin.carriedToRef).to.equal(item.toRef);
      }

      const second = carryOverPlan(db, clock, coordinator, { fromYear: 2024, toYear: 2025 });
      expect(second.copied).to.deep.equal([]);
      expect(second.alreadyCarried.map((item) => item.fromRef).sort()).to.deep.equal(expected);
      expect(listActions(db, { year: 2025 }).total).to.equal(expected.length);
      expect(listAudit(db, { action: 'plan.carried_over' })).to.have.length(1);
    });

    it('never copies an action twice, even when two coordinators confirm the same card', () => {
      const first = carryOverPlan(db, clock, coordinator, { fromYear: 2024, toYear: 2025 });
      const second = carryOverPlan(db, clock, coordinator, { fromYear: 2024, toYear: 2025 });
      expect(first.copied.length + second.copied.length).to.equal(first.copied.length);
      expect(() => db.prepare('UPDATE actions SET origin_action_id = (SELECT origin_action_id FROM actions WHERE ref = ?) WHERE ref = ?').run('2025-01', '2024-01')).to.throw(/UNIQUE/);
    });

    it('refuses to carry over into an agreed plan or a year that does not follow', () => {
      expect(errorKeys(() => carryOverPlan(db, clock, coordinator, { fromYear: 2023, toYear: 2024 }))).to.deep.equal(['plan.errors.targetNotDraft']);
      expect(errorKeys(() => previewCarryOver(db, 2023, 2025))).to.deep.equal(['plan.errors.carryOverNextYear']);
      expect(errorKeys(() => previewCarryOver(db, 2019, 2020))).to.deep.equal(['plan.errors.planNotFound']);
    });
  });

  describe('listing actions', () => {
    it('filters by year, state (lead or participant), pair, type, sector and accent-insensitive text', () => {
      const refs = (filter: Parameters<typeof listActions>[1]) => listActions(db, filter, { limit: 200 }).items.map((a) => a.ref);
      expect(refs({ year: 2024, pair: 'pt-es' })).to.deep.equal(['2024-03', '2024-05', '2024-06', '2024-07']);
      expect(refs({ year: 2023, state: 'IT', type: 'staff_exchange' })).to.deep.equal(['2023-12']);
      expect(refs({ sector: '86' })).to.deep.equal(['2023-09']);
      expect(refs({ text: 'PUIGCERDA' })).to.deep.equal(['2023-09']);
      expect(refs({ year: 2024, text: 'merida' })).to.deep.equal(['2024-06']);
      const page = listActions(db, { year: 2023 }, { offset: 10, limit: 4 });
      expect(page).to.include({ total: 15, offset: 10, hasMore: true });
      expect(page.items.map((a) => a.ref)).to.deep.equal(['2023-11', '2023-12', '2023-13', '2023-14']);
    });
  });

  describe('coordinators as data', () => {
    const LISTED = '0a4d2f1e-1111-4a6b-9c0d-0000000000c1';

    it('makes listed people coordinators, at once or at their first visit, and members again when removed', () => {
      syncCoordinators(db, clock, loadCoordinators({ coordinators: [{ aadObjectId: PEOPLE.itInspector.aadObjectId, memberState: 'IT' }, { aadObjectId: LISTED, memberState: 'PT' }] }, ['PT', 'ES', 'FR', 'IT']));
      expect(member(PEOPLE.itInspector).role).to.equal('coordinator');
      const newcomer = resolveMember(db, clock, { aadObjectId: LISTED, tenantId: null, email: 'coordinator@act.gov.pt' })!;
      expect(newcomer.role).to.equal('coordinator');
      syncCoordinators(db, clock, []);
      expect(member(PEOPLE.itInspector).role).to.equal('member');
      expect(member(PEOPLE.frInspector).role, 'a role set by hand stays').to.equal('coordinator');
      expect(listAudit(db).filter((a) => a.action.startsWith('user.coordinator_')).map((a) => a.action)).to.deep.equal([
        'user.coordinator_granted',
        'user.coordinator_revoked',
        'user.coordinator_revoked',
      ]);
    });

    it('refuses a list with a malformed object id or an unknown state', () => {
      expect(() => loadCoordinators({ coordinators: [{ aadObjectId: 'someone@act.gov.pt', memberState: 'PT' }] })).to.throw(/object id/);
      expect(() => loadCoordinators({ coordinators: [{ aadObjectId: LISTED, memberState: 'DE' }] }, ['PT', 'ES', 'FR', 'IT'])).to.throw(/unknown member state/);
    });

    it('ships an empty list', () => {
      expect(loadCoordinators()).to.deep.equal([]);
    });
  });
});

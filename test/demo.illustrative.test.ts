import { expect } from 'chai';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { getPlanView, listPlanYears } from '../src/plans/planQueries';
import { getActionDetail } from '../src/plans/actionQueries';
import { updateActionStatus } from '../src/plans/updateActionStatus';
import { allowedNextStatuses } from '../src/plans/transitions';
import { ACTION_STATUSES } from '../src/plans/vocabulary';
import { resolveMember } from '../src/identity/members';
import { manualClock } from './helpers/people';
import { listProposals } from '../src/plans/proposals';
import { endorsementStatus, endorsePlan } from '../src/plans/endorsement';

function demoStore(at: string): { db: Db; clock: ReturnType<typeof manualClock> } {
  const db = openDatabase(':memory:');
  syncParticipants(db, loadParticipants());
  const clock = manualClock(at);
  loadDemoData(db, clock);
  return { db, clock };
}

describe('demo data: the illustrative plans of the current and next year', () => {
  for (const at of ['2031-06-15T10:00:00Z', '2031-01-01T00:30:00Z', '2031-12-31T22:00:00Z']) {
    describe(`loaded on ${at}`, () => {
      const { db } = demoStore(at);
      const today = new Date(at);
      const current = getPlanView(db, 2031)!;
      const draft = getPlanView(db, 2032)!;

      it('adds the current year as an agreed plan with actions in every status, and next year as a draft', () => {
        expect(listPlanYears(db)).to.deep.equal([2023, 2024, 2031, 2032]);
        expect(current).to.include({ status: 'agreed', agreedActionCount: current.actions.length, agreedAt: '2030-11' });
        expect(new Set(current.actions.map((a) => a.status))).to.deep.equal(new Set(ACTION_STATUSES));
        expect(draft.status).to.equal('draft');
        expect(draft.actions.length).to.be.greaterThan(0);
        expect(draft.actions.every((a) => a.status === 'planned' && /^2032-Q[1-4]$/.test(a.period ?? ''))).to.equal(true);
      });

      it('marks every illustrative action as such, in its title and its source note', () => {
        for (const action of [...current.actions, ...draft.actions]) {
          expect(action.title, action.ref).to.match(/^Illustrative: /);
          expect(getActionDetail(db, action.ref)!.sourceNote, action.ref).to.match(/illustrative/i);
        }
      });

      it('dates everything inside the year: updates and past events before today, what is planned after it', () => {
        for (const summary of current.actions) {
          const action = getActionDetail(db, summary.ref)!;
          for (const date of [action.startDate, action.endDate]) if (date) expect(date.slice(0, 4), action.ref).to.equal('2031');
          if (action.startDate && action.endDate) expect(action.startDate <= action.endDate, action.ref).to.equal(true);
          if (action.status === 'planned' && action.startDate) expect(action.startDate >= at.slice(0, 10), action.ref).to.equal(true);
          for (const entry of action.timeline) {
            expect(entry.at >= '2031-01-01' && new Date(entry.at) <= today, `${action.ref} ${entry.at}`).to.equal(true);
            expect(entry.by.authority, action.ref).not.to.equal(null);
          }
        }
      });

      it('gives each action a timeline that leads to its status, its version and, when postponed or cancelled, the reason', () => {
        for (const summary of current.actions.filter((a) => a.status !== 'planned')) {
          const action = getActionDetail(db, summary.ref)!;
          const statusChanges = action.timeline.filter((entry) => entry.kind === 'status');
          expect(statusChanges[0]?.statusTo, action.ref).to.equal(action.status);
          expect(action.version, action.ref).to.equal(action.timeline.length + 1);
          expect(action.timeline[0]!.version, action.ref).to.equal(action.version);
          if (action.status === 'postponed' || action.status === 'cancelled') expect(action.statusReason, action.ref).to.equal(statusChanges[0]!.note);
        }
      });
    });
  }

  it('lets the demo authority move an illustrative action on, as it would a real one', () => {
    const { db, clock } = demoStore('2031-06-15T10:00:00Z');
    const member = resolveMember(db, clock, { aadObjectId: 'illustrative-demo', tenantId: null, email: 'x@act.gov.pt', displayName: 'ACT' });
    const initiated = getPlanView(db, 2031)!.actions.find((a) => a.status === 'initiated' && a.states.includes('PT'))!;
    expect(allowedNextStatuses(initiated.status)).to.include('implemented');
    const updated = updateActionStatus(db, clock, member!, { ref: initiated.ref, status: 'implemented', note: 'Done.', expectedVersion: initiated.version });
    expect(updated).to.include({ status: 'implemented', version: initiated.version + 1 });
  });

  it('adds nothing when the clock is inside the seed years, whose plans are then the current ones', () => {
    const { db } = demoStore('2024-11-20T09:00:00Z');
    expect(listPlanYears(db)).to.deep.equal([2023, 2024]);
  });

  describe('the preparation of next year\'s plan', () => {
    it('shows proposals with the states that joined and the authorities that support them, each a valid proposal of the draft\'s year', () => {
      const { db } = demoStore('2031-06-15T10:00:00Z');
      const proposals = listProposals(db, 2032);
      expect(proposals.map((p) => p.ref)).to.deep.equal(['P2032-01', 'P2032-02', 'P2032-03']);
      for (const proposal of proposals) {
        expect(proposal.status, proposal.ref).to.equal('open');
        expect(proposal.input.title, proposal.ref).to.match(/^Illustrative: /);
        expect(proposal.input.year, proposal.ref).to.equal(2032);
        expect(proposal.createdAt < '2031-06-15', proposal.ref).to.equal(true);
      }
      expect(proposals[0]!.states).to.deep.equal(['ES', 'FR', 'IT', 'PT']);
      expect(proposals[0]!.supporters.map((s) => s.shortName)).to.deep.equal(['URSSAF', 'TGSS']);
      expect(proposals[1]!.joined.map((j) => j.state)).to.deep.equal(['PT']);
      expect(proposals.every((p) => p.supporters.length > 0)).to.equal(true);
    });

    it('has the draft endorsed by two of four states, and agreed once the other two endorse', () => {
      const { db, clock } = demoStore('2031-06-15T10:00:00Z');
      const status = endorsementStatus(db, 2032);
      expect(status.plan.status).to.equal('draft');
      expect(status.states.filter((s) => s.endorsedAt !== null).map((s) => s.state)).to.deep.equal(['ES', 'PT']);
      for (const [aadObjectId, email] of [
        ['demo-fr', 'x@urssaf.fr'],
        ['demo-it', 'x@ispettorato.gov.it'],
      ]) {
        const member = resolveMember(db, clock, { aadObjectId, tenantId: null, email })!;
        endorsePlan(db, clock, { ...member, role: 'coordinator' }, { year: 2032, place: 'Roma' });
      }
      expect(endorsementStatus(db, 2032).plan.status).to.equal('agreed');
    });
  });
});

import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { PEOPLE, manualClock, type Person } from './helpers/people';
import { tempDbPath } from './helpers/testApp';
import { errorKeys } from './helpers/domainSamples';
import { openDatabase, type Db } from '../src/store/database';
import { listAuthorities, loadParticipants, syncParticipants } from '../src/reference/participants';
import { resolveMember, type Member } from '../src/identity/members';
import { validateActionDraft } from '../src/plans/actionInput';
import { checkPriorityDrafts, listPriorities, prioritiesVersion, setPriorities } from '../src/plans/priorities';
import { commentOnProposal, createProposal, declineProposal, getProposal, mergeProposal, supportProposal, withdrawProposal } from '../src/plans/proposals';

describe('priorities and proposal changes: domain', () => {
  let db: Db;
  let dir: string;
  const clock = manualClock('2026-10-01T09:00:00Z');
  let pt: Member;
  let es: Member;
  let coordinator: Member;
  const member = (person: Person) => resolveMember(db, clock, { aadObjectId: person.aadObjectId, tenantId: null, email: person.email })!;
  const input = (year: number, states = ['PT', 'ES'], leadState = 'PT') => {
    const checked = validateActionDraft({ year: String(year), title: 'Drivers', type: 'concerted_inspection', scope: 'bilateral', states, leadState }, { memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(db), thisYear: 2026 });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return checked.input;
  };
  let forms = 0;
  const propose = (by: Member, year = 2027, priorities: string[] = [], states?: string[], lead?: string) =>
    createProposal(db, clock, by, { input: input(year, states, lead), rationale: 'Why', priorities }, { formId: `f${++forms}` }).proposal;
  const events = () => db.prepare('SELECT type, subject_ref AS ref, payload_json AS payload FROM domain_events ORDER BY id').all() as Array<{ type: string; ref: string; payload: string }>;

  beforeEach(() => {
    const file = tempDbPath();
    dir = path.dirname(file);
    db = openDatabase(file);
    syncParticipants(db, loadParticipants());
    pt = member(PEOPLE.ptInspector);
    es = member(PEOPLE.esInspector);
    member(PEOPLE.frInspector);
    db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PEOPLE.frInspector.aadObjectId);
    coordinator = member(PEOPLE.frInspector);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks each priority row at its field, refuses members, stale versions and too many, and brings a removed priority back as it was', () => {
    const checked = checkPriorityDrafts([{ sector: '41' }, {}, { sector: '00', topic: 'nope' }]);
    expect(checked.ok).to.equal(false);
    if (!checked.ok) expect(checked.errors.map((e) => e.field)).to.deep.equal(['sector3', 'topic3']);
    expect(errorKeys(() => setPriorities(db, clock, pt, { year: 2027, keep: [], add: [{ sector: '41', topic: null }], expectedVersion: 0 }))).to.deep.equal(['plan.errors.coordinatorsOnly']);
    const first = setPriorities(db, clock, coordinator, { year: 2027, keep: [], add: [{ sector: '41', topic: null }, { sector: null, topic: 'third_country_nationals' }, { sector: '41', topic: null }], expectedVersion: 0 });
    expect(first.map((p) => [p.sector, p.topic])).to.deep.equal([['41', null], [null, 'third_country_nationals']]);
    expect(errorKeys(() => setPriorities(db, clock, coordinator, { year: 2027, keep: [], add: [], expectedVersion: 0 }))).to.deep.equal(['priorities.errors.stale']);
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ sector: String(41 + (i % 3)), topic: (['posting_of_workers', 'free_movement', 'osh_accidents', 'temporary_agency_work'] as const)[i % 4] }));
    expect(errorKeys(() => setPriorities(db, clock, coordinator, { year: 2027, keep: first.map((p) => p.id), add: tooMany, expectedVersion: 1 }))).to.deep.equal(['priorities.errors.tooMany']);

    // A proposal tagged with construction; construction removed, then added again: the same priority, the tag intact.
    const proposal = propose(pt, 2027, [String(first[0].id)]);
    setPriorities(db, clock, coordinator, { year: 2027, keep: [first[1].id], add: [], expectedVersion: 1 });
    expect(getProposal(db, proposal.ref)!.priorities).to.deep.include({ ...first[0], removed: true });
    expect(errorKeys(() => propose(es, 2027, [String(first[0].id)]))).to.deep.equal(['priorities.errors.notOfYear']);
    const again = setPriorities(db, clock, coordinator, { year: 2027, keep: [first[1].id], add: [{ sector: '41', topic: null }], expectedVersion: 2 });
    expect(again.map((p) => p.id)).to.deep.equal([first[1].id, first[0].id]);
    expect(getProposal(db, proposal.ref)!.priorities.map((p) => [p.id, p.removed])).to.deep.equal([[first[0].id, false]]);
    expect(prioritiesVersion(db, 2027)).to.equal(3);
    // Another year's priorities are not this year's, and a year with priorities needs one chosen.
    expect(listPriorities(db, 2028)).to.deep.equal([]);
    expect(errorKeys(() => propose(es, 2027))).to.deep.equal(['priorities.errors.chooseOne']);
    expect(propose(es, 2028).priorities).to.deep.equal([]);
  });

  it('merges only into an open proposal of the same year, carrying states, supporters and priorities; records the events the channel follows', () => {
    const [priority] = setPriorities(db, clock, coordinator, { year: 2027, keep: [], add: [{ sector: '49', topic: 'posting_of_workers' }], expectedVersion: 0 });
    const target = propose(pt, 2027, [String(priority.id)]);
    const source = propose(es, 2027, [String(priority.id)], ['ES', 'IT'], 'ES');
    const otherYear = propose(es, 2028, [], ['ES', 'FR'], 'ES');
    supportProposal(db, clock, coordinator, { ref: source.ref });
    expect(errorKeys(() => mergeProposal(db, clock, coordinator, { ref: source.ref, into: otherYear.ref }))).to.deep.equal(['proposals.errors.mergeOtherYear']);
    const closed = propose(es, 2027, [String(priority.id)]);
    declineProposal(db, clock, coordinator, { ref: closed.ref, reason: 'No' });
    expect(errorKeys(() => mergeProposal(db, clock, coordinator, { ref: source.ref, into: closed.ref }))).to.deep.equal(['proposals.errors.targetClosed']);
    expect(errorKeys(() => mergeProposal(db, clock, coordinator, { ref: source.ref, into: 'P2027-99' }))).to.deep.equal(['cycle.errors.proposalNotFound']);
    expect(errorKeys(() => mergeProposal(db, clock, coordinator, { ref: source.ref, into: ' ' }))).to.deep.equal(['proposals.errors.chooseTarget']);

    const { merged, target: after } = mergeProposal(db, clock, coordinator, { ref: source.ref, into: target.ref.toLowerCase(), onChannelPost: true });
    expect(merged).to.deep.include({ status: 'merged', mergedInto: target.ref });
    expect(after.states).to.deep.equal(['ES', 'IT', 'PT']);
    expect(after.supporters.map((s) => s.shortName)).to.deep.equal(['URSSAF']);
    expect(after.priorities.map((p) => p.id)).to.deep.equal([priority.id]);
    expect(errorKeys(() => commentOnProposal(db, clock, pt, { ref: source.ref, body: 'Late', seenVersion: 1 }))).to.deep.equal(['proposals.errors.merged']);
    expect(errorKeys(() => withdrawProposal(db, clock, es, { ref: source.ref, expectedVersion: merged.version }))).to.deep.equal(['proposals.errors.merged']);
    const changes = events().filter((e) => e.type === 'proposal.changed').slice(-2);
    // The merged one was clicked on its post (updated by that turn); the target's post follows by its event.
    expect(changes.map((e) => [e.ref, JSON.parse(e.payload).onChannelPost])).to.deep.equal([[source.ref, true], [target.ref, false]]);
    expect(events().filter((e) => e.type === 'proposal.created').map((e) => e.ref)).to.deep.equal([target.ref, source.ref, otherYear.ref, closed.ref]);
  });
});

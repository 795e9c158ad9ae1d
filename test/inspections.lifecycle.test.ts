import { expect } from 'chai';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { resolveMember, type Member } from '../src/identity/members';
import { isDomainError, type DomainErrorDetail } from '../src/errors';
import { validateInspectionDraft, type InspectionDraft, type InspectionInput } from '../src/inspections/inspectionInput';
import { inspectionReference, scheduleInspection } from '../src/inspections/scheduleInspection';
import { changeInspectionStatus } from '../src/inspections/inspectionLifecycle';
import { recordInspectionOutcome } from '../src/inspections/inspectionOutcome';
import { answerInvitation } from '../src/inspections/inspectionRsvp';
import { getInspection, overlappingInspections, samePlaceName } from '../src/inspections/inspectionQueries';
import { writeCalendar } from '../src/inspections/icalendar';
import { listAudit } from '../src/audit/audit';
import { insertCompany } from '../src/companies/companyStore';
import { hasKey } from '../src/i18n/translate';
import { manualClock, PEOPLE } from './helpers/people';
import fs from 'node:fs';
import path from 'node:path';
import { INSPECTION_DRAFT as DRAFT } from './helpers/domainSamples';

const STATUSES = ['proposed', 'agreed', 'carried_out', 'report_shared', 'closed', 'postponed', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/** ELA's process as the issue states it, written out here rather than imported, so the code is checked against it. */
const ALLOWED: Record<Status, Status[]> = {
  proposed: ['agreed', 'postponed', 'cancelled'],
  agreed: ['carried_out', 'postponed', 'cancelled'],
  postponed: ['agreed', 'postponed', 'cancelled'],
  carried_out: ['report_shared'],
  report_shared: ['closed'],
  closed: [],
  cancelled: [],
};

const OUTCOME = { companiesInspected: 4, workersChecked: 30, infringements: { undeclared_work: 2 }, followUp: 'IMI requests.', reportReference: 'ITSS/2026/1' };

function errorOf(run: () => unknown): DomainErrorDetail[] {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error.details;
    throw error;
  }
  throw new Error('expected a domain error');
}

describe('the inspection lifecycle (domain)', () => {
  let db: Db;
  const clock = manualClock('2026-03-02T09:00:00Z');
  const people: Record<'lead' | 'participant' | 'outsider' | 'coordinator', Member> = {} as never;
  let counter = 0;

  function checked(draft: InspectionDraft = DRAFT): InspectionInput {
    const result = validateInspectionDraft(draft, inspectionReference(db));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.input;
  }

  /** A new inspection, put straight into `status` (as if it had got there). */
  function inspectionIn(status: Status): string {
    clock.set('2026-03-02T09:00:00Z');
    const result = scheduleInspection(db, clock, people.lead, checked(), { formId: `form-${++counter}`, overlapConfirmed: true });
    if (result.kind !== 'created') throw new Error(result.kind);
    db.prepare('UPDATE inspections SET status = ? WHERE ref = ?').run(status, result.inspection.ref);
    return result.inspection.ref;
  }

  /** Everything a move needs: new dates to postpone, a reason to cancel, a day after the start to report it carried out. */
  function move(member: Member, ref: string, to: Status) {
    clock.set('2026-03-17T09:00:00Z');
    if (to === 'report_shared') return recordInspectionOutcome(db, clock, member, { ref, outcome: OUTCOME, formId: `form-${++counter}` }).inspection;
    return changeInspectionStatus(db, clock, member, { ref, to, startDate: '2026-05-04', endDate: '2026-05-06', reason: 'Strike at the border post.' });
  }

  before(() => {
    db = openDatabase(':memory:');
    syncParticipants(db, loadParticipants());
    const map = (person: { aadObjectId: string; email: string }) => resolveMember(db, clock, { aadObjectId: person.aadObjectId, tenantId: null, email: person.email })!;
    people.lead = map(PEOPLE.esInspector);
    people.participant = map(PEOPLE.ptInspector);
    people.outsider = map(PEOPLE.frInspector);
    const coordinator = map(PEOPLE.itInspector);
    db.prepare("UPDATE users SET role = 'coordinator' WHERE id = ?").run(coordinator.userId);
    people.coordinator = { ...coordinator, role: 'coordinator' };
  });
  after(() => db.close());

  describe('every move from every status', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const allowed = ALLOWED[from].includes(to);
        it(`${from} -> ${to}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const ref = inspectionIn(from);
          if (allowed) {
            expect(move(people.lead, ref, to).status).to.equal(to);
            expect(listAudit(db, { subjectRef: ref }).at(-1)).to.deep.include({ action: to === 'report_shared' ? 'inspection.report_shared' : 'inspection.status_changed' });
            return;
          }
          const [error] = errorOf(() => move(people.lead, ref, to));
          if (from === to) expect(error).to.deep.equal({ key: 'inspections.errors.alreadyInStatus', vars: { ref, status: to } });
          else if (ALLOWED[from].length === 0) expect(error).to.deep.equal({ key: 'inspections.errors.lifecycleOver', vars: { ref, status: from } });
          else expect(error).to.deep.equal({ key: 'inspections.errors.transitionNotAllowed', vars: { ref, status: from, to, allowed: ALLOWED[from].join(',') } });
          expect(getInspection(db, ref)!.status).to.equal(from);
        });
      }
    }

    it('reaches "report shared" only through the outcome form', () => {
      const ref = inspectionIn('carried_out');
      expect(errorOf(() => changeInspectionStatus(db, clock, people.lead, { ref, to: 'report_shared' }))).to.deep.equal([{ key: 'inspections.errors.reportThroughForm', vars: { ref } }]);
    });
  });

  describe('who may move an inspection', () => {
    const EXPECTED: Array<[Status, Status, Record<keyof typeof people, string | null>]> = [
      ['proposed', 'agreed', { lead: null, participant: null, outsider: 'inspections.errors.notParticipating', coordinator: null }],
      ['agreed', 'postponed', { lead: null, participant: null, outsider: 'inspections.errors.notParticipating', coordinator: null }],
      ['agreed', 'carried_out', { lead: null, participant: null, outsider: 'inspections.errors.notParticipating', coordinator: null }],
      ['carried_out', 'report_shared', { lead: null, participant: null, outsider: 'inspections.errors.notParticipating', coordinator: null }],
      ['agreed', 'cancelled', { lead: null, participant: 'inspections.errors.leadOnly', outsider: 'inspections.errors.notParticipating', coordinator: null }],
      ['report_shared', 'closed', { lead: null, participant: 'inspections.errors.leadOnly', outsider: 'inspections.errors.notParticipating', coordinator: null }],
    ];
    for (const [from, to, expected] of EXPECTED) {
      for (const [who, key] of Object.entries(expected) as Array<[keyof typeof people, string | null]>) {
        it(`${from} -> ${to} by ${who}: ${key ?? 'allowed'}`, () => {
          const ref = inspectionIn(from);
          if (key === null) expect(move(people[who], ref, to).status).to.equal(to);
          else expect(errorOf(() => move(people[who], ref, to))[0].key).to.equal(key);
        });
      }
    }
  });

  describe('the conditions of a move', () => {
    it('postpones only to new dates, not in the past, end not before start', () => {
      const ref = inspectionIn('agreed');
      clock.set('2026-03-10T09:00:00Z');
      const postpone = (startDate: string | null, endDate: string | null) => errorOf(() => changeInspectionStatus(db, clock, people.lead, { ref, to: 'postponed', startDate, endDate }));
      expect(postpone(null, null).map((e) => [e.field, e.key])).to.deep.equal([['startDate', 'inspections.errors.required'], ['endDate', 'inspections.errors.required']]);
      expect(postpone('2026-03-09', '2026-03-11')[0].key).to.equal('inspections.errors.postponeToPast');
      expect(postpone('2026-03-16', '2026-03-18')[0].key).to.equal('inspections.errors.sameDates');
      expect(postpone('2026-04-02', '2026-04-01')[0].key).to.equal('inspections.errors.endBeforeStart');
      expect(postpone('2026-02-30', '2026-03-01')[0].key).to.equal('inspections.errors.badDate');
      const postponed = changeInspectionStatus(db, clock, people.participant, { ref, to: 'postponed', startDate: '2026-03-10', endDate: '2026-03-12' });
      expect(postponed).to.deep.include({ status: 'postponed', startDate: '2026-03-10', endDate: '2026-03-12', statusReason: null });
      expect(listAudit(db, { subjectRef: ref }).at(-1)!.details).to.deep.equal({ from: 'agreed', to: 'postponed', previousDates: ['2026-03-16', '2026-03-18'], newDates: ['2026-03-10', '2026-03-12'] });
    });

    it('cancels only with a reason, which the card then shows', () => {
      const ref = inspectionIn('proposed');
      expect(errorOf(() => changeInspectionStatus(db, clock, people.lead, { ref, to: 'cancelled', reason: ' ' }))).to.deep.equal([{ field: 'reason', key: 'inspections.errors.reasonRequired' }]);
      expect(changeInspectionStatus(db, clock, people.lead, { ref, to: 'cancelled', reason: 'Company closed.' })).to.deep.include({ status: 'cancelled', statusReason: 'Company closed.' });
    });

    it('is reported carried out from its first day on, not before', () => {
      const ref = inspectionIn('agreed');
      clock.set('2026-03-15T23:59:00Z');
      expect(errorOf(() => changeInspectionStatus(db, clock, people.lead, { ref, to: 'carried_out' }))).to.deep.equal([{ key: 'inspections.errors.notStartedYet', vars: { ref, date: '2026-03-16' } }]);
      clock.set('2026-03-16T00:00:00Z');
      expect(changeInspectionStatus(db, clock, people.lead, { ref, to: 'carried_out' }).status).to.equal('carried_out');
    });

    it('takes answers from people of the participating states until it has taken place', () => {
      const ref = inspectionIn('proposed');
      expect(answerInvitation(db, clock, people.participant, { ref, answer: 'join' }).participants.map((p) => p.answer)).to.deep.equal(['join']);
      expect(errorOf(() => answerInvitation(db, clock, people.outsider, { ref, answer: 'join' }))[0].key).to.equal('inspections.errors.stateNotTakingPart');
      const before = listAudit(db, { action: 'inspection.rsvp' }).length;
      answerInvitation(db, clock, people.participant, { ref, answer: 'join' });
      expect(listAudit(db, { action: 'inspection.rsvp' })).to.have.length(before);
      db.prepare("UPDATE inspections SET status = 'carried_out' WHERE ref = ?").run(ref);
      expect(errorOf(() => answerInvitation(db, clock, people.participant, { ref, answer: 'decline' }))[0]).to.deep.equal({ key: 'inspections.errors.rsvpClosed', vars: { ref, status: 'carried_out' } });
    });
  });

  describe('checking the form', () => {
    const errorsOf = (draft: Partial<InspectionDraft>) => {
      const result = validateInspectionDraft({ ...DRAFT, ...draft }, inspectionReference(db));
      return result.ok ? [] : result.errors.map((e) => [e.field, e.key]);
    };

    it('adds the host state to the states and the lead authority to the authorities', () => {
      expect(checked()).to.deep.include({ states: ['ES', 'PT'], authorityIds: ['ES-ITSS', 'PT-ACT'] });
    });

    it('wants two states, an authority for each, a lead among them, and a place where the inspection can happen', () => {
      expect(errorsOf({ states: [], authorities: [] })).to.deep.equal([['states', 'inspections.errors.atLeastTwoStates']]);
      expect(errorsOf({ states: [] })).to.deep.equal([['states', 'inspections.errors.atLeastTwoStates'], ['authorities', 'inspections.errors.authorityOutsideStates']]);
      expect(errorsOf({ authorities: [] })).to.deep.equal([['authorities', 'inspections.errors.stateWithoutAuthority']]);
      expect(errorsOf({ authorities: ['FR-DGT'] })).to.deep.equal([['authorities', 'inspections.errors.authorityOutsideStates']]);
      expect(errorsOf({ leadAuthority: 'IT-INL', authorities: ['PT-ACT', 'ES-TGSS'] })).to.deep.equal([['leadAuthority', 'inspections.errors.leadOutsideStates']]);
      expect(errorsOf({ leadAuthority: 'EU-ELA', authorities: ['PT-ACT', 'ES-TGSS'] })).to.deep.equal([['leadAuthority', 'inspections.errors.unknownChoice']]);
      expect(errorsOf({ placeState: 'PT' })).to.deep.equal([['placeState', 'inspections.errors.jointInHostState']]);
      expect(errorsOf({ kind: 'concerted', placeState: 'PT' })).to.deep.equal([]);
      expect(errorsOf({ kind: 'concerted', placeState: 'FR' })).to.deep.equal([['placeState', 'inspections.errors.placeOutsideStates']]);
      expect(errorsOf({ kind: 'inspection' })).to.deep.equal([['kind', 'inspections.errors.unknownChoice']]);
    });

    it('wants real dates, the last not before the first, within 90 days', () => {
      expect(errorsOf({ startDate: '2026-02-29' })).to.deep.equal([['startDate', 'inspections.errors.badDate']]);
      expect(errorsOf({ startDate: '16/03/2026' })).to.deep.equal([['startDate', 'inspections.errors.badDate']]);
      expect(errorsOf({ endDate: '2026-03-15' })).to.deep.equal([['endDate', 'inspections.errors.endBeforeStart']]);
      expect(errorsOf({ endDate: '2027-03-18' })).to.deep.equal([['endDate', 'inspections.errors.spanTooLong']]);
      expect(errorsOf({ endDate: '2026-03-16' })).to.deep.equal([]);
    });

    it('recognises and normalises company identifiers, and wants a name only for an unknown company', () => {
      insertCompany(db, clock, { name: 'Construcciones Demo Ficticia, S.L.', country: 'ES', naceCode: '41', identifiers: [{ type: 'es_cif', country: 'ES', value: 'B49990013' }] });
      const result = validateInspectionDraft({ ...DRAFT, companies: [{ value: 'pt 599.004.002', name: 'Nova Demo, Lda' }, { value: 'B49990013', type: 'es_cif' }] }, inspectionReference(db));
      expect(result.ok && result.input.companies.map((c) => [c.identifier.type, c.identifier.value, c.name])).to.deep.equal([
        ['eu_vat', 'PT599004002', 'Nova Demo, Lda'],
        ['es_cif', 'B49990013', null],
      ]);
      expect(errorsOf({ companies: [{ value: '599004002', type: 'pt_nipc' }] })).to.deep.equal([['companies.0', 'inspections.errors.companyNameNeeded']]);
      expect(errorsOf({ companies: [{ value: '599004002', type: 'pt_nipc', name: 'X' }, { value: '599 004 002', type: 'pt_nipc', name: 'X' }] })).to.deep.equal([['companies.1', 'inspections.errors.identifierRepeated']]);
      expect(errorsOf({ companies: [{ value: '', name: 'Only a name' }] })).to.deep.equal([['companies.0', 'inspections.errors.identifierMissing']]);
      expect(errorsOf({ companies: [{ value: '123', type: 'other' }] })).to.deep.equal([['companies.0', 'inspections.errors.unknownChoice']]);
    });

    it('refuses an unknown or cancelled plan action', () => {
      db.prepare("INSERT OR IGNORE INTO plans (year, status, created_at) VALUES (2026, 'agreed', '2026-01-01')").run();
      db.prepare("INSERT INTO actions (plan_year, ref, title, type, scope, status, created_at, updated_at) VALUES (2026, '2026-09', 'Dropped', 'joint_inspection', 'bilateral', 'cancelled', '2026-01-01', '2026-01-01')").run();
      expect(errorsOf({ actionRef: '2026-09' })).to.deep.equal([['actionRef', 'inspections.errors.actionCancelled']]);
      expect(errorsOf({ actionRef: '2026-10' })).to.deep.equal([['actionRef', 'inspections.errors.unknownAction']]);
    });

    it('has every message it can give in the catalogue', () => {
      const dir = path.join(__dirname, '..', 'src', 'inspections');
      const keys = new Set<string>();
      for (const file of fs.readdirSync(dir)) for (const match of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/'(inspections\.errors\.\w+)'/g)) keys.add(match[1]);
      expect(keys.size).to.be.greaterThan(25);
      expect([...keys].filter((key) => !hasKey('en', key))).to.deep.equal([]);
    });
  });

  describe('places and dates that overlap', () => {
    it('treats the same city of the same state alike whatever the case, spaces or accents', () => {
      expect(samePlaceName('Badajoz', ' BADAJÓZ ')).to.equal(true);
      expect(samePlaceName('Puigcerdà', 'puigcerda')).to.equal(true);
      expect(samePlaceName('Irun', 'Irún de Arriba')).to.equal(false);
    });

    it('overlaps when the days touch, not when they only follow each other', () => {
      const ref = inspectionIn('agreed');
      const at = (startDate: string, endDate: string) => overlappingInspections(db, { city: 'badajoz', placeState: 'ES', startDate, endDate }).map((o) => o.ref);
      expect(at('2026-03-18', '2026-03-20')).to.include(ref);
      expect(at('2026-03-10', '2026-03-16')).to.include(ref);
      expect(at('2026-03-19', '2026-03-20')).not.to.include(ref);
      expect(overlappingInspections(db, { city: 'Badajoz', placeState: 'PT', startDate: '2026-03-16', endDate: '2026-03-16' })).to.deep.equal([]);
    });
  });
});

describe('the iCalendar writer', () => {
  const event = { uid: 'u1', lastModified: '2026-03-02T09:00:00.123Z', startDate: '2026-03-30', endDate: '2026-03-31', summary: 'S', location: null, description: null, status: 'CONFIRMED' as const, sequence: 2, categories: [] };
  const feed = (summary: string) => writeCalendar({ product: { company: 'Test', product: 'T' }, name: 'N', description: 'D', refreshMinutes: 60, events: [{ ...event, summary }] });
  /** The SUMMARY content line, unfolded parts kept apart. */
  const summaryLines = (text: string) => {
    const lines = text.split('\r\n');
    const first = lines.findIndex((line) => line.startsWith('SUMMARY:'));
    let last = first + 1;
    while (lines[last]!.startsWith(' ')) last += 1;
    return lines.slice(first, last);
  };

  it('escapes backslashes, semicolons, commas and line breaks in text, and drops other control characters', () => {
    expect(summaryLines(feed('a\\b;c,d\r\ne\nf\u0001'))).to.deep.equal(['SUMMARY:a\\\\b\\;c\\,d\\ne\\nf']);
  });

  it('folds lines at 75 octets without cutting a character in two', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = summaryLines(feed('é'.repeat(100)));
    expect(folded.length).to.be.greaterThan(2);
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).to.be.at.most(75);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).to.equal(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).to.equal(line);
  });

  it('writes CRLF lines and all-day events whose end is the day after the last day', () => {
    const text = feed('S');
    expect(text.endsWith('END:VCALENDAR\r\n')).to.equal(true);
    expect(text.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
    expect(text).to.include('DTSTART;VALUE=DATE:20260330\r\nDTEND;VALUE=DATE:20260401\r\n').and.include('DTSTAMP:20260302T090000Z\r\n');
  });
});

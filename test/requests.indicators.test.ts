import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { resolveMember, type Member } from '../src/identity/members';
import { createRequest, type RequestDraft } from '../src/requests/createRequest';
import { answerRequest, closeRequest, decideDeadline, proposeDeadline, withdrawRequest } from '../src/requests/requestLifecycle';
import { readRequestIndicators, requestIndicators } from '../src/requests/requestIndicators';
import { readRequestBoard, NO_BOARD_FILTER } from '../src/requests/requestBoard';
import { workingDaysBetween } from '../src/requests/workingDays';
import { manualClock } from './helpers/people';
import { tempDbPath } from './helpers/testApp';
import { refusalKeys } from './helpers/domainSamples';

const DRAFT: RequestDraft = { companyIdentifier: '599004002', companyIdentifierType: 'pt_nipc', companyName: 'Construções Atlântico Demo, Lda (fictional)', questions: ['ss.registered'], urgency: 'urgent' };

describe('the IMI-style indicators of information requests', () => {
  const clock = manualClock('2026-12-04T09:00:00Z');
  let db: Db;
  let dir: string;
  let itss: Member;
  let iss: Member;
  let form = 0;
  const member = (aadObjectId: string, email: string) => resolveMember(db, clock, { aadObjectId, email, tenantId: null })!;
  const send = async (at: string, draft: Partial<RequestDraft> = {}) => {
    clock.set(at);
    return (await createRequest(db, clock, itss, { ...DRAFT, addressees: ['PT-ISS'], ...draft }, { formId: `00000000-0000-4000-8000-0000000cd${String(++form).padStart(3, '0')}` })).request.ref;
  };
  const answer = async (at: string, ref: string) => {
    clock.set(at);
    await answerRequest(db, clock, iss, { ref, answers: { 'ss.registered': { value: 'yes' } } });
  };
  const issRow = (year: number, day: string) => requestIndicators(db, year, day).authorities.find((a) => a.authorityId === 'PT-ISS');

  beforeEach(() => {
    const file = tempDbPath();
    dir = path.dirname(file);
    db = openDatabase(file);
    syncParticipants(db, loadParticipants());
    itss = member('0a4d2f1e-4444-4a6b-9c0d-000000000001', 'inspector@mites.gob.es');
    iss = member('0a4d2f1e-4444-4a6b-9c0d-000000000002', 'officer@seg-social.pt');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts days to answer in the state’s working days, as deadlines are counted', () => {
    // Friday 4 Dec 2026 to Wednesday 9 Dec in Portugal: Monday 7 and Wednesday 9 (8 Dec is a holiday).
    expect(workingDaysBetween('PT', '2026-12-04', '2026-12-09')).to.equal(2);
    expect(workingDaysBetween('FR', '2026-12-04', '2026-12-09')).to.equal(3);
    expect(workingDaysBetween('PT', '2026-12-04', '2026-12-05')).to.equal(0);
    expect(workingDaysBetween('PT', '2026-12-04', '2026-12-04')).to.equal(0);
  });

  it('measures an answer against a new deadline the requester accepted, and not against a declined one', async () => {
    const accepted = await send('2026-12-04T09:00:00Z');
    const declined = await send('2026-12-04T09:10:00Z');
    clock.set('2026-12-07T10:00:00Z');
    await proposeDeadline(db, clock, iss, { ref: accepted, dueDate: '2026-12-15', reason: 'The register is closed for maintenance.' });
    await proposeDeadline(db, clock, iss, { ref: declined, dueDate: '2026-12-15', reason: 'The register is closed for maintenance.' });
    await decideDeadline(db, clock, itss, { ref: accepted, authorityId: 'PT-ISS', accept: true });
    await decideDeadline(db, clock, itss, { ref: declined, authorityId: 'PT-ISS', accept: false });
    await answer('2026-12-14T10:00:00Z', accepted);
    await answer('2026-12-14T10:05:00Z', declined);
    // Both took 5 working days (7, 9, 10, 11, 14); only the accepted one was within its deadline.
    expect(issRow(2026, '2026-12-16')).to.deep.include({ addressed: 2, measured: 2, answeredInTime: 1, answeredLate: 1, shareInTime: 0.5, averageWorkingDays: 5 });
  });

  it('leaves out a request withdrawn within its deadline, and counts one withdrawn after it as unanswered', async () => {
    const inTime = await send('2026-12-04T09:00:00Z');
    const afterDeadline = await send('2026-12-04T09:10:00Z');
    clock.set('2026-12-07T10:00:00Z');
    await withdrawRequest(db, clock, itss, { ref: inTime });
    clock.set('2026-12-11T10:00:00Z');
    await withdrawRequest(db, clock, itss, { ref: afterDeadline });
    // Read long after: the withdrawn requests' own end dates decide, not the day of reading.
    expect(issRow(2026, '2027-03-01')).to.deep.include({ addressed: 2, measured: 1, answeredInTime: 0, unanswered: 1, shareInTime: 0, averageWorkingDays: null });
  });

  it('counts an answer in part as answered only once the requester closed the request with it', async () => {
    const ref = await send('2026-12-04T09:00:00Z', { questions: ['ss.registered', 'ss.declaredWorkers'] });
    await answer('2026-12-07T10:00:00Z', ref);
    expect(issRow(2026, '2026-12-08')).to.deep.include({ measured: 0, shareInTime: null });
    expect(issRow(2026, '2026-12-10')).to.deep.include({ measured: 1, unanswered: 1 });
    clock.set('2026-12-10T10:00:00Z');
    await closeRequest(db, clock, itss, { ref });
    expect(issRow(2026, '2026-12-10')).to.deep.include({ measured: 1, answeredInTime: 1, unanswered: 0, averageWorkingDays: 1 });
  });

  it('files a request under the year it was sent, even when answered in the next', async () => {
    const ref = await send('2026-12-30T09:00:00Z', { urgency: 'normal' });
    await answer('2027-01-05T10:00:00Z', ref);
    expect(issRow(2026, '2027-01-06')).to.deep.include({ addressed: 1, answeredInTime: 1 });
    expect(requestIndicators(db, 2027, '2027-01-06').authorities).to.deep.equal([]);
    expect(requestIndicators(db, 2027, '2027-01-06').years).to.deep.equal([2026]);
  });

  it('refuses the board and the indicators to a supporting authority', async () => {
    const ela = member('0a4d2f1e-4444-4a6b-9c0d-0000000000e1', 'officer@ela.europa.eu');
    expect(await refusalKeys(async () => readRequestBoard(db, clock, ela, NO_BOARD_FILTER, { offset: 0, limit: 10 }))).to.deep.equal(['requests.errors.participantsOnly']);
    expect(await refusalKeys(async () => readRequestIndicators(db, clock, ela, 2026))).to.deep.equal(['requests.errors.participantsOnly']);
  });
});

import type { Db } from '../../src/store/database';
import type { Member } from '../../src/identity/members';
import { createRequest, type RequestDraft } from '../../src/requests/createRequest';
import { answerRequest, closeRequest, proposeDeadline } from '../../src/requests/requestLifecycle';
import type { manualClock } from './people';

/** People of the Requests view tests: one per authority, with the e-mail domain the participants file gives it. */
export const BOARD_PEOPLE = {
  itss: { oid: '0a4d2f1e-3333-4a6b-9c0d-000000000001', email: 'inspector@mites.gob.es' },
  iss: { oid: '0a4d2f1e-3333-4a6b-9c0d-000000000002', email: 'officer@seg-social.pt' },
  act: { oid: '0a4d2f1e-3333-4a6b-9c0d-000000000003', email: 'inspector@act.gov.pt' },
  inl: { oid: '0a4d2f1e-3333-4a6b-9c0d-000000000004', email: 'inspector@ispettorato.gov.it' },
  urssaf: { oid: '0a4d2f1e-3333-4a6b-9c0d-000000000005', email: 'inspector@urssaf.fr' },
  coordinator: { oid: '0a4d2f1e-3333-4a6b-9c0d-000000000006', email: 'coordinator@travail.gouv.fr' },
  ela: { oid: '0a4d2f1e-3333-4a6b-9c0d-000000000007', email: 'officer@ela.europa.eu' },
} as const;
export type BoardPerson = keyof typeof BOARD_PEOPLE;

export const COMPANY_A = { companyIdentifier: '599004002', companyIdentifierType: 'pt_nipc', companyName: 'Construções Atlântico Tab Test, Lda (fictional)' };
export const COMPANY_B = { companyIdentifier: '500000000', companyIdentifierType: 'pt_nipc', companyName: 'Serralharia Horizonte Tab Test, SA (fictional)' };
export const COMPANY_C = { companyIdentifier: '00743110157', companyIdentifierType: 'it_piva', companyName: 'Edilizia Tirrena Tab Test S.r.l. (fictional)' };

export interface BoardSample {
  refs: { answeredInTime: string; answeredLate: string; pending: string; overdue: string; closed: string };
  companyA: number;
}

/**
 * Five requests around Tuesday 8 December 2026 (a national holiday in Portugal, Spain and Italy),
 * the clock left on Friday 11 December: ISS answers one in time, one late, and one in part that
 * the requester closes; INL lets an urgent one pass its deadline; ACT has a normal one still in
 * time, for which it proposes a later deadline.
 */
export async function seedRequestBoard(db: Db, clock: ReturnType<typeof manualClock>, memberOf: (who: BoardPerson) => Member): Promise<BoardSample> {
  let form = 0;
  const send = async (who: BoardPerson, at: string, draft: RequestDraft) => {
    clock.set(at);
    return (await createRequest(db, clock, memberOf(who), draft, { formId: `00000000-0000-4000-8000-0000000ab${String(++form).padStart(3, '0')}` })).request.ref;
  };
  const answer = async (at: string, ref: string, answers: Record<string, { value: string }>) => {
    clock.set(at);
    await answerRequest(db, clock, memberOf('iss'), { ref, answers });
  };
  // Friday 4 Dec: urgent requests are due on Wednesday 9 Dec in PT and IT (the weekend, then 8 Dec).
  const answeredInTime = await send('itss', '2026-12-04T10:00:00Z', { ...COMPANY_A, addressees: ['PT-ISS'], questions: ['ss.registered', 'a1.issued'], urgency: 'urgent' });
  const answeredLate = await send('inl', '2026-12-04T10:05:00Z', { ...COMPANY_A, addressees: ['PT-ISS'], questions: ['ss.contributionsUpToDate'], urgency: 'urgent' });
  const pending = await send('itss', '2026-12-04T10:10:00Z', { ...COMPANY_B, addressees: ['PT-ACT'], questions: ['ac.reported', 'ac.reportedOn'], urgency: 'normal' });
  const overdue = await send('itss', '2026-12-04T10:15:00Z', { ...COMPANY_C, addressees: ['IT-INL'], questions: ['pd.declared'], urgency: 'urgent' });
  // Monday 7 Dec: due Thursday 10 Dec in Portugal.
  const closed = await send('itss', '2026-12-07T08:00:00Z', { ...COMPANY_A, addressees: ['PT-ISS'], questions: ['ss.registered', 'ss.declaredWorkers'], urgency: 'urgent' });

  await answer('2026-12-09T15:00:00Z', answeredInTime, { 'ss.registered': { value: 'yes' }, 'a1.issued': { value: 'no' } });
  await answer('2026-12-09T16:00:00Z', closed, { 'ss.registered': { value: 'yes' } });
  await answer('2026-12-10T11:00:00Z', answeredLate, { 'ss.contributionsUpToDate': { value: 'unknown' } });
  clock.set('2026-12-10T12:00:00Z');
  await closeRequest(db, clock, memberOf('itss'), { ref: closed });
  await proposeDeadline(db, clock, memberOf('act'), { ref: pending, dueDate: '2027-01-20', reason: 'The accident file is with the court.' });
  const companyA = (db.prepare('SELECT company_id AS id FROM information_requests WHERE ref = ?').get(answeredInTime) as { id: number }).id;
  clock.set('2026-12-11T09:00:00Z');
  return { refs: { answeredInTime, answeredLate, pending, overdue, closed }, companyA };
}

import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from './helpers/testApp';
import { productionEnv, SSO_AUDIENCE as AUDIENCE, SSO_TENANT as TENANT, startSsoIssuer } from './helpers/ssoIssuer';
import { manualClock } from './helpers/people';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { resolveMember, type Member } from '../src/identity/members';
import { syncCoordinators } from '../src/plans/coordinators';
import { BOARD_PEOPLE, COMPANY_A, COMPANY_B, COMPANY_C, seedRequestBoard, type BoardPerson, type BoardSample } from './helpers/requestBoardSamples';


const PEOPLE = BOARD_PEOPLE;
type Who = BoardPerson;

/** The questions of a topic as the catalogue file lists them: expectations from the data, not the code. */
const CATALOGUE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'src', 'requests', 'questions.json'), 'utf8')) as { questions: Array<{ id: string; topic: string }> };
const questionsOf = (topic: string) => CATALOGUE.questions.filter((q) => q.topic === topic).map((q) => q.id);

async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the Requests view of the tab API (Teams SSO, a controlled clock)', () => {
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startSsoIssuer>>;
  // Thursday 3 December 2026; Tuesday 8 December is a national holiday in Portugal, Spain and Italy.
  const clock = manualClock('2026-12-03T09:00:00Z');
  let refs: BoardSample['refs'];
  let companyA: number;

  const tokenOf = (who: Who) =>
    issuer.token({ aud: AUDIENCE, iss: `${issuer.issuerBase}/${TENANT}/v2.0`, tid: TENANT, oid: PEOPLE[who].oid, scp: 'access_as_user', preferred_username: PEOPLE[who].email });
  const memberOf = (who: Who): Member => resolveMember(t.app.db, clock, { aadObjectId: PEOPLE[who].oid, tenantId: TENANT, email: PEOPLE[who].email })!;
  async function asUser(who: Who, pathAndQuery: string, language = 'en-GB') {
    return getJson(`${t.app.url}${pathAndQuery}`, { Authorization: `Bearer ${await tokenOf(who)}`, 'Accept-Language': language });
  }
  before(async () => {
    issuer = await startSsoIssuer();
    t = await startTestApp({
      clock,
      env: productionEnv(issuer),
    });
    memberOf('coordinator');
    syncCoordinators(t.app.db, clock, [{ aadObjectId: PEOPLE.coordinator.oid, memberState: 'FR' }]);

    ({ refs, companyA } = await seedRequestBoard(t.app.db, clock, memberOf));
  });
  after(async () => {
    await t?.stop();
    await issuer?.stop();
  });

  it('answers 401 without a token, on the list and on the indicators', async () => {
    expect((await getJson(`${t.app.url}/api/requests`)).status).to.equal(401);
    expect((await getJson(`${t.app.url}/api/requests/indicators?year=2026`)).status).to.equal(401);
  });

  it("lists the requester's open requests by deadline, the overdue one first and marked, the fully answered one last", async () => {
    const { status, body } = await asUser('itss', '/api/requests');
    expect(status).to.equal(200);
    expect(body.today).to.equal('2026-12-11');
    expect(body.items.map((r: any) => r.ref)).to.deep.equal([refs.overdue, refs.pending, refs.answeredInTime]);
    const [overdue, pending, answered] = body.items;
    expect(overdue).to.deep.include({ nextDueDate: '2026-12-09', overdue: true, viewerSide: 'requester', urgency: 'urgent' });
    expect(overdue.parts).to.deep.equal([{ authorityId: 'IT-INL', shortName: 'INL', memberState: 'IT', status: 'sent', dueDate: '2026-12-09', late: true, proposedDueDate: null }]);
    expect(overdue.company.name).to.equal(COMPANY_C.companyName);
    expect(pending).to.deep.include({ overdue: false, topics: ['accidents'], questionCount: 2 });
    expect(pending.parts[0]).to.include({ authorityId: 'PT-ACT', status: 'sent', proposedDueDate: '2027-01-20' });
    expect(answered).to.deep.include({ nextDueDate: null, overdue: false });
    expect(answered.parts[0]).to.include({ status: 'answered_fully', late: false });
    expect(body.total).to.equal(3);
  });

  it('shows the addressed authority the requests sent to it, from both requesters', async () => {
    const { body } = await asUser('iss', '/api/requests');
    expect(body.items.map((r: any) => [r.ref, r.viewerSide, r.requesterAuthorityId])).to.deep.equal([
      [refs.answeredInTime, 'addressee', 'ES-ITSS'],
      [refs.answeredLate, 'addressee', 'IT-INL'],
    ]);
  });

  it('gives a third authority none of the content: no request, no company among the filter choices', async () => {
    const { status, body } = await asUser('urssaf', '/api/requests?limit=200');
    expect(status).to.equal(200);
    expect(body.items).to.deep.equal([]);
    expect(body.total).to.equal(0);
    expect(body.facets.companies).to.deep.equal([]);
    const everything = JSON.stringify(body);
    for (const ref of Object.values(refs)) expect(everything).not.to.include(ref);
    for (const company of [COMPANY_A, COMPANY_B, COMPANY_C]) expect(everything).not.to.include(company.companyName).and.not.to.include(company.companyIdentifier);
  });

  it('shows a coordinator every open request', async () => {
    const { body } = await asUser('coordinator', '/api/requests');
    expect(body.items.map((r: any) => r.ref)).to.deep.equal([refs.overdue, refs.pending, refs.answeredInTime, refs.answeredLate]);
    expect(body.items.every((r: any) => r.viewerSide === 'coordinator')).to.equal(true);
  });

  it('filters by state, by question topic and by company, with the choices labelled in the reader’s language', async () => {
    const refsOf = async (query: string) => (await asUser('itss', `/api/requests?${query}`)).body.items.map((r: any) => r.ref);
    expect(await refsOf('status=overdue')).to.deep.equal([refs.overdue]);
    expect(await refsOf('status=answered_fully')).to.deep.equal([refs.answeredInTime]);
    expect(await refsOf('status=sent')).to.deep.equal([refs.overdue, refs.pending]);
    expect(questionsOf('accidents')).to.include('ac.reported');
    expect(await refsOf('topic=accidents')).to.deep.equal([refs.pending]);
    expect(await refsOf('topic=pd_a1')).to.deep.equal([refs.answeredInTime]);
    expect(await refsOf(`company=${companyA}`)).to.deep.equal([refs.answeredInTime]);
    expect(await refsOf(`company=${companyA}&status=overdue`)).to.deep.equal([]);

    const { body } = await asUser('itss', '/api/requests', 'pt-PT');
    const pt = translator('pt');
    expect(body.facets.statuses).to.deep.include({ key: 'overdue', label: pt('tabRequests.status.overdue') });
    expect(body.facets.topics.map((c: any) => c.key)).to.deep.equal(['social_security', 'pd_a1', 'posting_declaration', 'employment_pay', 'accidents', 'substantial_activity']);
    expect(body.facets.companies.map((c: any) => c.label)).to.deep.equal([
      `${COMPANY_A.companyName} (Portugal)`,
      `${COMPANY_C.companyName} (Itália)`,
      `${COMPANY_B.companyName} (Portugal)`,
    ]);
  });

  it('refuses a supporting authority (ELA) with a localized 403', async () => {
    const { status, body } = await asUser('ela', '/api/requests', 'es-ES');
    expect(status).to.equal(403);
    expect(body.error).to.deep.equal({ code: 'not_allowed', message: translator('es')('requests.errors.participantsOnly') });
    expect((await asUser('ela', '/api/requests/indicators')).status).to.equal(403);
  });

  it('answers bad filters with a 400 naming each of them in the reader’s language', async () => {
    const { status, body } = await asUser('itss', '/api/requests?status=done&topic=weather&company=abc&limit=5000', 'it-IT');
    expect(status).to.equal(400);
    expect(Object.keys(body.error.fields)).to.deep.equal(['status', 'topic', 'company', 'limit']);
    expect(body.error.fields.topic).to.equal(translator('it')('tabRequests.errors.badFilter', { name: 'topic' }));
    expect((await asUser('itss', '/api/requests/indicators?year=20x6', 'fr-FR')).status).to.equal(400);
  });

  it('audits every read of the board with the references shown, and of the indicators', async () => {
    const before = listAudit(t.app.db).length;
    await asUser('inl', '/api/requests?status=overdue');
    await asUser('inl', '/api/requests/indicators?year=2026');
    const entries = listAudit(t.app.db).slice(before);
    const board = entries.find((e: any) => e.action === 'request.board_read')!;
    expect(board, JSON.stringify(entries)).to.not.equal(undefined);
    expect(board.authorityId).to.equal('IT-INL');
    expect(board.details).to.deep.include({ refs: [refs.overdue] });
    expect(entries.some((e: any) => e.action === 'request.indicators_read' && e.authorityId === 'IT-INL')).to.equal(true);
  });

  it('computes the indicators per addressed authority in working days, over the weekend and 8 December', async () => {
    const { status, body } = await asUser('urssaf', '/api/requests/indicators?year=2026', 'es-ES');
    expect(status).to.equal(200);
    expect(body).to.deep.include({ year: 2026, years: [2026], today: '2026-12-11', dayCount: 'working' });
    const row = (id: string) => body.authorities.find((a: any) => a.authorityId === id);
    // ISS: sent Fri 4, answered Wed 9 (Mon 7, Wed 9: 2 days, in time); sent Fri 4, answered Thu 10 (3 days,
    // late); sent Mon 7, answered in part Wed 9 then closed (1 day, in time). In calendar days it would be 4.3.
    expect(row('PT-ISS')).to.deep.equal({
      authorityId: 'PT-ISS',
      shortName: 'ISS',
      memberState: 'PT',
      name: 'Instituto da Segurança Social, I.P.',
      addressed: 3,
      measured: 3,
      answeredInTime: 2,
      answeredLate: 1,
      unanswered: 0,
      shareInTime: 2 / 3,
      averageWorkingDays: 2,
    });
    // INL: due Wed 9, nothing by Fri 11: measured, unanswered.
    expect(row('IT-INL')).to.deep.include({ addressed: 1, measured: 1, answeredInTime: 0, unanswered: 1, shareInTime: 0, averageWorkingDays: null });
    // ACT: a normal request due in January, within its deadline: addressed, not measured yet.
    expect(row('PT-ACT')).to.deep.include({ addressed: 1, measured: 0, shareInTime: null, averageWorkingDays: null });
    expect(body.authorities.map((a: any) => a.authorityId)).to.have.members(['PT-ISS', 'IT-INL', 'PT-ACT']);
  });

  it('gives an empty table for a year without requests, and the current year by default', async () => {
    expect((await asUser('itss', '/api/requests/indicators?year=2025')).body).to.deep.include({ year: 2025, authorities: [] });
    expect((await asUser('itss', '/api/requests/indicators')).body.year).to.equal(2026);
  });
});

import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { resolveMember, type Member } from '../src/identity/members';
import { listAudit } from '../src/audit/audit';
import { LANGUAGES } from '../src/i18n/languages';
import { loadQuestionCatalogue, QUESTION_CATALOGUE, ANSWER_TYPES } from '../src/requests/questionCatalogue';
import { addWorkingDays, dueDate, isWorkingDay } from '../src/requests/workingDays';
import { createRequest, type RequestDraft } from '../src/requests/createRequest';
import { acknowledgeRequest, answerRequest, closeRequest, decideDeadline, proposeDeadline, withdrawRequest } from '../src/requests/requestLifecycle';
import { readRequest, readRequestList } from '../src/requests/requestReading';
import { getRequest } from '../src/requests/requestQueries';
import { decideDueRequestReminders } from '../src/requests/requestReminders';
import { manualClock, PEOPLE } from './helpers/people';
import { tempDbPath } from './helpers/testApp';
import { refusalKeys } from './helpers/domainSamples';

/** ITSS (ES) asks Portugal's social security (ISS) about a Portuguese company, in two topics. */
export const REQUEST_DRAFT: RequestDraft = {
  addressees: ['PT-ISS'],
  companyIdentifier: '599 004 002',
  companyIdentifierType: 'pt_nipc',
  companyName: 'Construções Atlântico Demo, Lda (fictional)',
  questions: ['ss.registered', 'a1.validity', 'a1.article', 'ss.declaredWorkers'],
  urgency: 'urgent',
};

describe('the question catalogue', () => {
  it('holds about thirty questions in the six topics, each with an answer type', () => {
    expect(QUESTION_CATALOGUE.questions.length).to.be.within(28, 40);
    expect(QUESTION_CATALOGUE.topics.map((t) => t.id)).to.deep.equal(['social_security', 'pd_a1', 'posting_declaration', 'employment_pay', 'accidents', 'substantial_activity']);
    for (const topic of QUESTION_CATALOGUE.topics) expect(QUESTION_CATALOGUE.questions.filter((q) => q.topic === topic.id), topic.id).to.have.length.greaterThan(3);
    expect(new Set(QUESTION_CATALOGUE.questions.map((q) => q.type))).to.deep.equal(new Set(ANSWER_TYPES));
  });

  it('has every question, topic and option in all five languages', () => {
    for (const question of QUESTION_CATALOGUE.questions) {
      for (const language of LANGUAGES) {
        expect(question.texts[language], `${question.id} ${language}`).to.be.a('string').that.is.not.empty;
        for (const option of question.options ?? []) expect(option.labels[language], `${question.id}.${option.id} ${language}`).to.be.a('string').that.is.not.empty;
      }
    }
    for (const topic of QUESTION_CATALOGUE.topics) for (const language of LANGUAGES) expect(topic.names[language]).to.be.a('string').that.is.not.empty;
  });

  it('refuses a file with a question missing a language or a choice without options', () => {
    const question = QUESTION_CATALOGUE.questions[0];
    const { es: _es, ...withoutSpanish } = question.texts;
    expect(() => loadQuestionCatalogue({ ...QUESTION_CATALOGUE, questions: [{ ...question, texts: withoutSpanish }] })).to.throw();
    expect(() => loadQuestionCatalogue({ ...QUESTION_CATALOGUE, questions: [{ ...question, type: 'choice' }] })).to.throw(/options/);
    expect(() => loadQuestionCatalogue({ ...QUESTION_CATALOGUE, questions: [{ ...question, topic: 'weather' }] })).to.throw(/unknown topic/);
  });
});

describe('deadlines in the addressed state\'s working days', () => {
  it('skips the weekend: urgent from Friday 4 Dec 2026 in France is Tuesday 8 Dec', () => {
    expect(isWorkingDay('FR', '2026-12-05')).to.equal(false);
    expect(dueDate('FR', '2026-12-04', 'urgent')).to.equal('2026-12-08');
  });

  it('skips a national holiday too: urgent from Friday 4 Dec is Wednesday 9 Dec in Portugal and Spain (8 Dec, Immaculate Conception)', () => {
    expect(isWorkingDay('PT', '2026-12-08')).to.equal(false);
    expect(isWorkingDay('ES', '2026-12-08')).to.equal(false);
    expect(dueDate('PT', '2026-12-04', 'urgent')).to.equal('2026-12-09');
    expect(dueDate('ES', '2026-12-04', 'urgent')).to.equal('2026-12-09');
    expect(dueDate('IT', '2026-12-04', 'urgent')).to.equal('2026-12-09');
  });

  it('counts a national holiday on a weekday but not Spain\'s 6 Dec falling on a Sunday twice', () => {
    // 2026-12-06 is a Sunday: one day off, not two. Urgent from Saturday 5 Dec: Mon 7, Wed 9.
    expect(dueDate('ES', '2026-12-05', 'urgent')).to.equal('2026-12-09');
  });

  it('gives 25 working days for a normal request, over December\'s holidays of each state', () => {
    // From Thursday 3 Dec 2026: France loses 25 Dec and 1 Jan, Portugal also 8 Dec, so one more day.
    expect(dueDate('FR', '2026-12-03', 'normal')).to.equal('2027-01-11');
    expect(dueDate('PT', '2026-12-03', 'normal')).to.equal('2027-01-12');
    expect(dueDate('ES', '2026-12-03', 'normal')).to.equal('2027-01-13');
    expect(addWorkingDays('FR', '2026-12-03', 0)).to.equal('2026-12-03');
  });
});

describe('information requests, called without any adapter', () => {
  let db: Db;
  let dir: string;
  const clock = manualClock('2026-12-04T09:00:00Z');
  let es: Member;
  let ptIss: Member;
  let fr: Member;
  let ela: Member;

  const member = (identity: { aadObjectId: string; email: string }) => resolveMember(db, clock, { ...identity, tenantId: null })!;
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const send = (draft: RequestDraft = REQUEST_DRAFT, formId = 'form-1') => createRequest(db, clock, es, draft, { formId });

  beforeEach(() => {
    clock.set('2026-12-04T09:00:00Z');
    const file = tempDbPath();
    dir = path.dirname(file);
    db = openDatabase(file);
    syncParticipants(db, loadParticipants());
    es = member(PEOPLE.esInspector);
    fr = member(PEOPLE.frInspector);
    ptIss = member({ aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-0000000000a7', email: 'officer@seg-social.pt' });
    ela = member({ aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-0000000000e1', email: 'officer@ela.europa.eu' });
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends a request with its reference, the addressee\'s deadline, the company linked, one audit entry and one event', async () => {
    const result = await send();
    expect(result.kind).to.equal('created');
    const request = result.request;
    expect(request.ref).to.equal('RQ-2026-0001');
    expect(request.addressees.map((a) => [a.authorityId, a.status, a.dueDate])).to.deep.equal([['PT-ISS', 'sent', '2026-12-09']]);
    expect(request.questionIds).to.deep.equal(REQUEST_DRAFT.questions);
    expect(request.company.name).to.equal(REQUEST_DRAFT.companyName);
    expect(listAudit(db, { action: 'request.created' })).to.have.length(1);
    expect(db.prepare("SELECT count(*) AS n FROM domain_events WHERE type = 'request.created'").get()).to.deep.equal({ n: 1 });
  });

  it('links a second request about the same identifier to the same company, without needing its name again', async () => {
    const first = await send();
    const second = await send({ ...REQUEST_DRAFT, companyName: '', addressees: ['FR-URSSAF', 'PT-ISS'], urgency: 'normal' }, 'form-2');
    expect(second.request.company.id).to.equal(first.request.company.id);
    expect(second.request.addressees.map((a) => [a.authorityId, a.dueDate])).to.deep.equal([['FR-URSSAF', '2027-01-12'], ['PT-ISS', '2027-01-13']]);
    expect(count('companies')).to.equal(1);
  });

  it('gives the first request back when the same form is sent again, and stores one', async () => {
    const first = await send();
    const again = await send();
    expect(again.kind).to.equal('already_submitted');
    expect(again.request.ref).to.equal(first.request.ref);
    expect(count('information_requests')).to.equal(1);
  });

  it('reports every problem of a draft at once, on its field, and stores nothing', async () => {
    const keys = await refusalKeys(() =>
      send({ addressees: ['ES-TGSS'], companyIdentifier: '599 004 003', companyIdentifierType: 'pt_nipc', questions: ['nope'], urgency: 'soon', alertRef: 'AL-2026-9999', imiRequestNumber: '#!' }),
    );
    expect(keys).to.include.members(['requests.errors.sameState', 'alerts.errors.identifier.checksum', 'requests.errors.noSuchAlert', 'requests.errors.unknownChoice', 'requests.errors.badReference']);
    expect(await refusalKeys(() => send({ addressees: [], companyIdentifier: '', questions: [] }))).to.include.members(['requests.errors.chooseAtLeastOne', 'requests.errors.required', 'requests.errors.askSomething']);
    expect(await refusalKeys(() => send({ ...REQUEST_DRAFT, companyName: '' }))).to.deep.equal(['requests.errors.companyNameNeeded']);
    expect(count('information_requests') + count('companies')).to.equal(0);
  });

  it('refuses a request from a supporting body', async () => {
    expect(await refusalKeys(() => createRequest(db, clock, ela, REQUEST_DRAFT, { formId: 'f' }))).to.deep.equal(['requests.errors.participantsOnly']);
  });

  it('lets only the two authorities read the content, and audits every read and refusal', async () => {
    const { request } = await send();
    expect(readRequest(db, clock, ptIss, request.ref).kind).to.equal('read');
    expect(readRequest(db, clock, es, request.ref).kind).to.equal('read');
    expect(readRequest(db, clock, fr, request.ref)).to.deep.equal({ kind: 'refused' });
    expect(listAudit(db, { subjectRef: request.ref }).map((e) => [e.action, e.authorityId])).to.deep.equal([
      ['request.created', 'ES-ITSS'],
      ['request.read', 'PT-ISS'],
      ['request.read', 'ES-ITSS'],
      ['request.read_refused', 'FR-URSSAF'],
    ]);
  });

  it('goes sent -> acknowledged -> answered partially -> answered fully -> closed, refusing the wrong moves', async () => {
    const { request } = await send();
    const ref = request.ref;
    expect(await refusalKeys(() => acknowledgeRequest(db, clock, fr, { ref }))).to.deep.equal(['requests.errors.notAddressed']);
    expect(await refusalKeys(() => closeRequest(db, clock, es, { ref }))).to.deep.equal(['requests.errors.closeBeforeAnswer']);
    expect((await acknowledgeRequest(db, clock, ptIss, { ref })).addressees[0].status).to.equal('acknowledged');
    expect(await refusalKeys(() => acknowledgeRequest(db, clock, ptIss, { ref }))).to.deep.equal(['requests.errors.alreadyAcknowledged']);

    const partial = await answerRequest(db, clock, ptIss, { ref, answers: { 'ss.registered': { value: 'yes' }, 'ss.declaredWorkers': { value: '12,5' } } });
    expect(partial.addressees[0].status).to.equal('answered_partially');
    expect(partial.addressees[0].answers).to.deep.equal({ 'ss.registered': 'yes', 'ss.declaredWorkers': 12.5 });

    const full = await answerRequest(db, clock, ptIss, {
      ref,
      answers: { 'a1.validity': { from: '2026-01-01', to: '2026-12-31' }, 'a1.article': { value: 'art12' } },
      sourcesNote: 'Registo de remunerações',
    });
    expect(full.addressees[0].status).to.equal('answered_fully');
    expect(full.addressees[0].answers).to.have.keys('ss.registered', 'ss.declaredWorkers', 'a1.validity', 'a1.article');

    expect(await refusalKeys(() => closeRequest(db, clock, ptIss, { ref }))).to.deep.equal(['requests.errors.requesterOnly']);
    expect((await closeRequest(db, clock, es, { ref })).status).to.equal('closed');
    expect(await refusalKeys(() => answerRequest(db, clock, ptIss, { ref, answers: { 'ss.registered': { value: 'no' } } }))).to.deep.equal(['requests.errors.already_closed']);
    expect(await refusalKeys(() => withdrawRequest(db, clock, es, { ref }))).to.deep.equal(['requests.errors.already_closed']);
    expect(listAudit(db, { subjectRef: ref }).map((e) => e.action)).to.deep.equal(['request.created', 'request.acknowledged', 'request.answered', 'request.answered', 'request.closed']);
  });

  it('checks each answer against its question\'s type, reports all at once and keeps nothing of a refused answer', async () => {
    const { request } = await send();
    const keys = await refusalKeys(() =>
      answerRequest(db, clock, ptIss, {
        ref: request.ref,
        answers: { 'ss.registered': { value: 'maybe' }, 'a1.validity': { from: '2026-12-31', to: '2026-01-01' }, 'a1.article': { value: 'art99' }, 'ss.declaredWorkers': { value: '1.000.000' } },
      }),
    );
    expect(keys).to.deep.equal(['requests.errors.unknownChoice', 'requests.errors.periodBackwards', 'requests.errors.unknownChoice', 'requests.errors.badNumber']);
    expect(await refusalKeys(() => answerRequest(db, clock, ptIss, { ref: request.ref, answers: {} }))).to.deep.equal(['requests.errors.answerSomething']);
    expect(count('information_request_answers')).to.equal(0);
    expect(getRequest(db, request.ref)!.addressees[0].status).to.equal('sent');
  });

  it('moves the deadline when the requester accepts a proposal, keeps it when declined', async () => {
    const { request } = await send();
    const ref = request.ref;
    expect(await refusalKeys(() => proposeDeadline(db, clock, ptIss, { ref, dueDate: '2026-12-09', reason: 'Archive' }))).to.deep.equal(['requests.errors.notLater']);
    expect(await refusalKeys(() => proposeDeadline(db, clock, ptIss, { ref, dueDate: '2026-12-18', reason: ' ' }))).to.deep.equal(['requests.errors.required']);
    expect(await refusalKeys(() => decideDeadline(db, clock, es, { ref, authorityId: 'PT-ISS', accept: true }))).to.deep.equal(['requests.errors.noProposal']);
    await proposeDeadline(db, clock, ptIss, { ref, dueDate: '2026-12-18', reason: 'The records are in the regional archive.' });
    expect(await refusalKeys(() => decideDeadline(db, clock, ptIss, { ref, authorityId: 'PT-ISS', accept: true }))).to.deep.equal(['requests.errors.requesterOnly']);
    const accepted = await decideDeadline(db, clock, es, { ref, authorityId: 'PT-ISS', accept: true });
    expect([accepted.addressees[0].dueDate, accepted.addressees[0].proposedDueDate]).to.deep.equal(['2026-12-18', null]);

    await proposeDeadline(db, clock, ptIss, { ref, dueDate: '2027-01-08', reason: 'Holidays.' });
    const declined = await decideDeadline(db, clock, es, { ref, authorityId: 'PT-ISS', accept: false });
    expect([declined.addressees[0].dueDate, declined.addressees[0].proposedDueDate]).to.deep.equal(['2026-12-18', null]);
  });

  it('can be withdrawn by the requester only, before any answer', async () => {
    const { request } = await send();
    expect(await refusalKeys(() => withdrawRequest(db, clock, ptIss, { ref: request.ref }))).to.deep.equal(['requests.errors.requesterOnly']);
    expect((await withdrawRequest(db, clock, es, { ref: request.ref })).status).to.equal('withdrawn');
    expect(await refusalKeys(() => acknowledgeRequest(db, clock, ptIss, { ref: request.ref }))).to.deep.equal(['requests.errors.already_withdrawn']);
  });

  it('decides a deadline reminder only for parts not fully answered, and once; a moved deadline is reminded again', async () => {
    const first = (await send()).request.ref;
    const second = (await send(REQUEST_DRAFT, 'form-2')).request.ref;
    await answerRequest(db, clock, ptIss, { ref: second, answers: { 'ss.registered': { value: 'yes' }, 'a1.validity': { from: '2026-01-01', to: '2026-02-01' }, 'a1.article': { value: 'art13' }, 'ss.declaredWorkers': { value: '3' } } });
    // Due Wednesday 9 Dec in Portugal; Monday 7 is the working day before (Tuesday 8 is a holiday).
    clock.set('2026-12-07T08:00:00Z');
    expect(decideDueRequestReminders(db, clock)).to.deep.equal({ queued: 0, withoutChannel: 1 });
    expect(decideDueRequestReminders(db, clock)).to.deep.equal({ queued: 0, withoutChannel: 0 });
    await proposeDeadline(db, clock, ptIss, { ref: first, dueDate: '2026-12-11', reason: 'Archive.' });
    await decideDeadline(db, clock, es, { ref: first, authorityId: 'PT-ISS', accept: true });
    clock.set('2026-12-10T08:00:00Z');
    expect(decideDueRequestReminders(db, clock).withoutChannel).to.equal(1);
    expect(listAudit(db, { action: 'request.reminder_without_channel' }).map((e) => [e.subjectRef, e.details?.forDate])).to.deep.equal([[first, '2026-12-09'], [first, '2026-12-11']]);
  });

  it('lists mine, to-us and overdue, newest first, paged, and audits the listing', async () => {
    for (let i = 0; i < 12; i += 1) {
      clock.set(`2026-12-04T09:${String(i).padStart(2, '0')}:00Z`);
      await send(REQUEST_DRAFT, `form-${i}`);
    }
    const mine = readRequestList(db, clock, es, 'mine', 0);
    expect(mine.items[0].ref).to.equal('RQ-2026-0012');
    expect([mine.items.length, mine.hasMore]).to.deep.equal([10, true]);
    expect(readRequestList(db, clock, es, 'mine', 1).items.map((i) => i.ref)).to.deep.equal(['RQ-2026-0002', 'RQ-2026-0001']);
    expect(readRequestList(db, clock, ptIss, 'to-us', 0).items).to.have.length(10);
    expect(readRequestList(db, clock, fr, 'to-us', 0).items).to.have.length(0);
    expect(readRequestList(db, clock, es, 'overdue', 0).items).to.have.length(0);
    clock.set('2026-12-10T09:00:00Z');
    await answerRequest(db, clock, ptIss, { ref: 'RQ-2026-0012', answers: { 'ss.registered': { value: 'yes' }, 'a1.validity': { from: '2026-01-01', to: '2026-02-01' }, 'a1.article': { value: 'art13' }, 'ss.declaredWorkers': { value: '3' } } });
    const overdue = readRequestList(db, clock, ptIss, 'overdue', 0);
    expect(overdue.items.map((i) => i.ref)).to.not.include('RQ-2026-0012');
    expect(overdue.items[0].addressees[0]).to.include({ shortName: 'ISS', late: true, dueDate: '2026-12-09' });
    expect(listAudit(db, { action: 'request.listed' })).to.have.length(6);
  });
});

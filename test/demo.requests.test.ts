import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { personalMessage } from './helpers/activities';
import { assertValidCard } from './helpers/cardValidator';
import { manualClock } from './helpers/people';
import { openDatabase } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { getRequest } from '../src/requests/requestQueries';
import { translator } from '../src/i18n/translate';

/** The demo requests as the loader dates them from a given day, by the state each shows. */
function demoRequests(at: string) {
  const db = openDatabase(':memory:');
  syncParticipants(db, loadParticipants());
  const load = loadDemoData(db, manualClock(at));
  const refs = (db.prepare('SELECT ref FROM information_requests ORDER BY id').all() as Array<{ ref: string }>).map((row) => row.ref);
  return { db, load, requests: refs.map((ref) => getRequest(db, ref)!) };
}

describe('demo data: information requests between the demo authorities', () => {
  for (const at of ['2026-12-03T10:00:00Z', '2031-01-02T08:00:00Z', '2031-07-15T16:00:00Z']) {
    it(`shows every state of a request's lifecycle when loaded on ${at}`, () => {
      const { load, requests } = demoRequests(at);
      const today = at.slice(0, 10);
      expect(load.requests).to.equal(6);
      // References grow with the date sent, in the year each was sent.
      expect(requests.map((r) => r.createdAt)).to.deep.equal([...requests.map((r) => r.createdAt)].sort());
      for (const request of requests) expect(request.ref.slice(3, 7), request.ref).to.equal(request.createdAt.slice(0, 4));
      const parts = requests.flatMap((r) => r.addressees.map((a) => ({ request: r, part: a })));
      const open = parts.filter(({ request }) => request.status === 'open');
      expect(new Set(open.map(({ part }) => part.status))).to.deep.equal(new Set(['sent', 'acknowledged', 'answered_partially']));
      // One sent part is late, one waits within its deadline; a later deadline is asked for with a reason.
      expect(open.some(({ part }) => part.status === 'sent' && part.dueDate < today)).to.equal(true);
      expect(open.some(({ part }) => part.status === 'sent' && part.dueDate >= today)).to.equal(true);
      const proposal = open.find(({ part }) => part.proposedDueDate)!.part;
      expect(proposal.proposedDueDate! > proposal.dueDate).to.equal(true);
      expect(proposal.proposedReason).to.match(/^Demo: /);
      expect(proposal.proposedByUserId).to.be.a('number');
      // Answered in part: typed answers from the catalogue; one closed after a full answer in time.
      const partial = open.find(({ part }) => part.status === 'answered_partially')!;
      expect(Object.keys(partial.part.answers).length).to.be.within(1, partial.request.questionIds.length - 1);
      const closed = requests.find((r) => r.status === 'closed')!;
      expect(closed.addressees[0]).to.include({ status: 'answered_fully' });
      expect(closed.addressees[0].answeredAt!.slice(0, 10) <= closed.addressees[0].dueDate).to.equal(true);
      // Everything happened by today, and every request is between two states' authorities.
      for (const { request, part } of parts) {
        expect(new Date(request.createdAt) <= new Date(at)).to.equal(true);
        for (const date of [part.acknowledgedAt, part.answeredAt]) if (date) expect(date >= request.createdAt && new Date(date) <= new Date(at), request.ref).to.equal(true);
        expect(part.memberState).to.not.equal(request.requesterMemberState);
      }
    });
  }

  describe('on a first local run', () => {
    let t: TestApp;
    const clock = manualClock('2026-12-03T10:00:00Z');
    before(async () => {
      t = await startTestApp({ clock });
    });
    after(() => t.stop());

    it('are in the tab\'s Requests view of the development identity (a coordinator of the demo authority), the overdue one first', async () => {
      const response = await fetch(`${t.app.url}/api/requests`, { headers: { 'Accept-Language': 'en-GB' } });
      expect(response.status).to.equal(200);
      const page = (await response.json()) as { items: Array<{ ref: string; overdue: boolean; parts: Array<{ status: string; proposedDueDate: string | null }> }> };
      expect(page.items).to.have.length(5);
      expect(page.items[0].overdue).to.equal(true);
      expect(page.items.filter((item) => item.overdue)).to.have.length(1);
      expect(page.items.some((item) => item.parts.some((part) => part.proposedDueDate !== null))).to.equal(true);
      expect(page.items.some((item) => item.parts.some((part) => part.status === 'answered_partially'))).to.equal(true);
      const indicators = (await (await fetch(`${t.app.url}/api/requests/indicators?year=2026`)).json()) as { authorities: Array<{ authorityId: string; answeredInTime: number }> };
      expect(indicators.authorities.find((a) => a.authorityId === 'PT-ACT')!.answeredInTime).to.equal(1);
    });

    it('are listed by /requests and opened by /request in the chat', async () => {
      await t.post(personalMessage('/requests to-us'));
      const list = t.sentCards().at(-1)!;
      assertValidCard(list);
      const refs = JSON.stringify(list).match(/RQ-2026-\d{4}/g)!;
      expect(new Set(refs).size).to.equal(3);
      await t.post(personalMessage(`/request ${refs[0]}`));
      const view = JSON.stringify(t.sentCards().at(-1));
      expect(view).to.include(translator('en')('requests.view.title', { ref: refs[0] })).and.include('(fictional)');
    });
  });
});

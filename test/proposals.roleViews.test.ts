import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf, TEAMS_CARD_LIMIT_BYTES } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, type Person } from './helpers/people';
import { startAppInChannel, clickOnChannelCard, invokeCard, postedMessageId } from './helpers/teamsActions';
import { translator, type Translate } from '../src/i18n/translate';
import { getProposal } from '../src/plans/proposals';
import { forgetDemoCycle } from './helpers/demoCycle';
import { proposalRefusal } from './helpers/proposalCards';
import { READER_VIEW_VERB } from '../bot/cards/readerViews';

const en = translator('en');
const text = (card: unknown) => JSON.stringify(card);

let formCounter = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++formCounter).padStart(12, '0')}`;

/** Every move a card offers: the verbs of its Action.Execute buttons, those inside its show-cards included. */
function verbsOf(card: any): string[] {
  const verbs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (object.type === 'Action.Execute' && typeof object.verb === 'string') verbs.push(object.verb);
    for (const [key, child] of Object.entries(object)) if (key !== 'refresh') walk(child);
  };
  walk(card);
  return verbs;
}

/** The proposal's own moves on a card (navigation and the reader-view buttons left out). */
const movesOf = (card: any) => [...new Set(verbsOf(card).filter((verb) => verb.startsWith('proposal.') && verb !== 'proposal.show'))].sort();

/** Every title of a button or show-card the reader sees. */
function buttonTitles(card: any): string[] {
  const titles: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (typeof object.type === 'string' && object.type.startsWith('Action.') && typeof object.title === 'string') titles.push(object.title);
    for (const [key, child] of Object.entries(object)) if (key !== 'refresh') walk(child);
  };
  walk(card);
  return titles;
}

function expectValidAndSmall(card: unknown) {
  assertValidCard(card);
  expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).to.be.below(TEAMS_CARD_LIMIT_BYTES);
}

describe('proposal cards: each reader sees their own moves', () => {
  let t: TestApp;
  let ref: string;
  let other: string;
  let messageId: string;

  function click(person: Person, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
    return t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb, data } } }));
  }
  /** A refresh of the channel's post for this person (Teams asks for it as they see the card). */
  function readerView(person: Person, locale: string) {
    return t.post(activity('invoke.cardAction.channel', { ...from(person), locale, replyToId: messageId, value: { action: { type: 'Action.Execute', verb: READER_VIEW_VERB, data: { kind: 'proposal', subject: ref } }, trigger: 'automatic' } }));
  }
  async function propose(person: Person, title: string, states: string) {
    const values = { formId: freshFormId(), year: '2027', actionTitle: title, type: 'concerted_inspection', scope: 'bilateral', states, leadState: states.split(',')[0], rationale: 'Letterbox firms.' };
    const card = invokeCard(await click(person, 'proposal.create', values));
    await t.app.outbox.idle();
    return /P2027-\d\d/.exec(text(card))![0];
  }

  beforeEach(async () => {
    t = await startAppInChannel({ clock: manualClock('2026-10-01T09:00:00Z') });
    forgetDemoCycle(t.app.db);
    // France's inspector is a coordinator (the role is data: users.role).
    await t.post(personalMessage('/help', from(PEOPLE.frInspector)));
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PEOPLE.frInspector.aadObjectId);
    // Portugal proposes with Spain; Spain proposes another (a merge target).
    ref = await propose(PEOPLE.ptInspector, 'Posted drivers: joint checks', 'PT,ES');
    other = await propose(PEOPLE.esInspector, 'Road transport week', 'ES,PT');
    messageId = postedMessageId(t, `proposal:${ref}:posted`);
  });
  afterEach(() => t.stop());

  it('posts the card with nobody\'s buttons, only "Show what I can do" and its refresh', async () => {
    const post = t.connector.sentActivities().find((call) => call.path.endsWith('/activities') && text(call.body).includes(`${ref} · Posted drivers`))!;
    const card = cardsOf(post.body)[0] as any;
    expectValidAndSmall(card);
    expect(movesOf(card), 'no move on the post everyone sees').to.deep.equal([]);
    expect(verbsOf(card).every((verb) => verb === READER_VIEW_VERB)).to.equal(true);
    expect(buttonTitles(card)).to.include(en('proposalRoles.card.showMine')).and.include(en('cards.showInMyLanguage'));
    expect(card.refresh.action).to.deep.include({ verb: READER_VIEW_VERB, data: { kind: 'proposal', subject: ref } });
  });

  it('gives the proposer, a coordinator, another state\'s member and a partner state\'s member each their own moves, in their language', async () => {
    const views: Array<{ person: Person; locale: string; tr: Translate; moves: string[]; titles: string[]; part?: string }> = [
      // The proposer edits or withdraws; it may still comment and support, as the commands allow.
      { person: PEOPLE.ptInspector, locale: 'pt-PT', tr: translator('pt'), moves: ['proposal.comment', 'proposal.edit', 'proposal.support', 'proposal.withdraw'], titles: ['proposals.card.proposer', 'proposals.card.edit', 'proposals.card.withdraw'], part: 'PT' },
      // A coordinator of a state not in it: the decisions (accept, decline, merge into the other open proposal), and joining.
      { person: PEOPLE.frInspector, locale: 'fr-FR', tr: translator('fr'), moves: ['proposal.accept', 'proposal.comment', 'proposal.decline', 'proposal.join', 'proposal.merge', 'proposal.support'], titles: ['proposals.card.decide', 'cycle.proposal.card.accept', 'cycle.proposal.card.decline', 'proposals.card.merge'] },
      // Another state's member: join, support, comment.
      { person: PEOPLE.itInspector, locale: 'it-IT', tr: translator('it'), moves: ['proposal.comment', 'proposal.join', 'proposal.support'], titles: ['cycle.proposal.card.join', 'cycle.proposal.card.support', 'proposals.card.comment'] },
      // Spain is in it already: support and comment, and told so.
      { person: PEOPLE.esInspector, locale: 'es-ES', tr: translator('es'), moves: ['proposal.comment', 'proposal.support'], titles: ['cycle.proposal.card.support', 'proposals.card.comment'], part: 'ES' },
    ];
    for (const { person, locale, tr, moves, titles, part } of views) {
      const view = invokeCard(await readerView(person, locale));
      expectValidAndSmall(view);
      expect(movesOf(view), `${locale}: the moves`).to.deep.equal(moves);
      for (const key of titles) expect(buttonTitles(view), `${locale}: ${key}`).to.include(tr(key));
      expect(buttonTitles(view), `${locale}: no "Show what I can do" in one's own view`).not.to.include(tr('proposalRoles.card.showMine'));
      if (part) expect(text(view.body), `${locale}: their state's part`).to.include(tr('proposalRoles.card.takesPart', { state: part }));
      else expect(text(view.body)).not.to.include(tr('proposalRoles.card.takesPart', { state: person.authority.slice(0, 2) }));
      // The view keeps refreshing after later changes.
      expect(view.refresh.action.data).to.deep.equal({ kind: 'proposal', subject: ref });
    }
    // Only the coordinator's view offers the other proposal as a merge target.
    const coordinator = invokeCard(await readerView(PEOPLE.frInspector, 'fr-FR'));
    expect(text(coordinator)).to.include(`${other} · Road transport week`);
    expect(text(invokeCard(await readerView(PEOPLE.itInspector, 'it-IT')))).not.to.include(`${other} · Road transport week`);
  });

  it('after a press on the post, keeps everyone\'s card buttonless and answers the clicker with their own view; once accepted, every view shows the outcome and no move', async () => {
    const it = translator('it');
    const fr = translator('fr');
    t.connector.clear();
    const joined = invokeCard(await clickOnChannelCard(t, PEOPLE.itInspector, messageId, 'proposal.join', { ref }, 'it-IT'));
    expectValidAndSmall(joined);
    expect(movesOf(joined), 'Italy takes part now: it no longer joins').to.deep.equal(['proposal.comment', 'proposal.support']);
    expect(text(joined.body)).to.include(it('proposalRoles.card.takesPart', { state: 'IT' }));
    const everyone = cardsOf(t.connector.updates().find((call) => call.activityId === messageId)!.body)[0] as any;
    expectValidAndSmall(everyone);
    expect(movesOf(everyone)).to.deep.equal([]);
    expect(buttonTitles(everyone)).to.include(en('proposalRoles.card.showMine'));

    // Supported: the Italian view says so too.
    const supported = invokeCard(await clickOnChannelCard(t, PEOPLE.itInspector, messageId, 'proposal.support', { ref }, 'it-IT'));
    expect(movesOf(supported)).to.deep.equal(['proposal.comment']);
    expect(text(supported.body)).to.include(it('proposalRoles.card.supports', { authority: 'INL' }));

    t.connector.clear();
    const accepted = invokeCard(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'proposal.accept', { ref }, 'fr-FR'));
    const action = getProposal(t.app.db, ref)!.actionRef!;
    expectValidAndSmall(accepted);
    expect(movesOf(accepted)).to.deep.equal([]);
    expect(text(accepted)).to.include(fr('cycle.proposal.card.acceptedAs', { ref: action }));
    const closed = cardsOf(t.connector.updates().find((call) => call.activityId === messageId)!.body)[0] as any;
    expect(movesOf(closed)).to.deep.equal([]);
    expect(buttonTitles(closed), 'nothing left to do: no "Show what I can do"').not.to.include(en('proposalRoles.card.showMine'));
    expect(text(closed)).to.include(en('cycle.proposal.card.acceptedAs', { ref: action }));
    for (const [person, locale, tr] of [[PEOPLE.ptInspector, 'pt-PT', translator('pt')], [PEOPLE.itInspector, 'it-IT', it]] as const) {
      const view = invokeCard(await readerView(person, locale));
      expect(movesOf(view), `${locale}: no move after the decision`).to.deep.equal([]);
      expect(text(view)).to.include(tr('cycle.proposal.card.acceptedAs', { ref: action }));
    }
  });

  it('explains a refused press (someone else\'s move, a stale card) in the reader\'s language, naming why', async () => {
    const es = translator('es');
    const it = translator('it');
    // Buttons from an old or forwarded card: the proposer's move, a coordinator's move.
    expect(proposalRefusal(await clickOnChannelCard(t, PEOPLE.itInspector, messageId, 'proposal.withdraw', { ref, version: String(getProposal(t.app.db, ref)!.version) }, 'it-IT'))).to.equal(
      it('proposals.errors.proposerOnly', { ref, authority: 'ACT' }),
    );
    t.connector.clear();
    const refused = await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'proposal.accept', { ref }, 'es-ES');
    expect(proposalRefusal(refused)).to.equal(es('plan.errors.coordinatorsOnly'));
    // The refusal comes on the clicker's own view, with the moves Spain has; the post everyone sees is left as it is.
    expect(movesOf(refused.body.value)).to.deep.equal(['proposal.comment', 'proposal.support']);
    expect(t.connector.updates()).to.have.length(0);
    // Spain withdraws its own proposal; a stale card's support of it says it was withdrawn.
    const withdrawn = invokeCard(await click(PEOPLE.esInspector, 'proposal.withdraw', { ref: other, version: String(getProposal(t.app.db, other)!.version) }, 'es-ES'));
    expect(movesOf(withdrawn)).to.deep.equal([]);
    expect(text(withdrawn)).to.include(es('proposals.card.withdrawnLine'));
    expect(proposalRefusal(await click(PEOPLE.itInspector, 'proposal.support', { ref: other }, 'it-IT'))).to.equal(it('proposals.errors.withdrawn', { ref: other }));
    // With nothing left to merge into, the coordinator's view no longer offers merging.
    const coordinator = invokeCard(await readerView(PEOPLE.frInspector, 'fr-FR'));
    expect(movesOf(coordinator)).to.include('proposal.accept').and.not.include('proposal.merge');
  });

  it('answers /proposal in the channel with the card everyone sees, and in personal chat with the reader\'s own moves', async () => {
    t.connector.clear();
    await t.post(channelMessage(`/proposal ${ref}`, { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    const shared = t.sentCards().at(-1) as any;
    expectValidAndSmall(shared);
    expect(movesOf(shared), 'others read it: nobody\'s buttons').to.deep.equal([]);
    expect(shared.refresh.action.data).to.deep.equal({ kind: 'proposal', subject: ref });
    expect(buttonTitles(shared)).to.include(translator('fr')('proposalRoles.card.showMine'));
    t.connector.clear();
    await t.post(personalMessage(`/proposal ${ref}`, { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    const own = t.sentCards().at(-1) as any;
    expectValidAndSmall(own);
    expect(movesOf(own)).to.include.members(['proposal.accept', 'proposal.decline', 'proposal.merge']);
  });
});

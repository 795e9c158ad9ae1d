import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { activity, personalMessage } from './helpers/activities';
import { PEOPLE, from, type Person } from './helpers/people';
import { invokeCard, postedMessageId, startAppInChannel } from './helpers/teamsActions';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { translator } from '../src/i18n/translate';
import { countryName } from '../src/reference/countries';
import { listAudit } from '../src/audit/audit';
import { listAuthorities, listMemberStates, loadParticipants, syncParticipants } from '../src/reference/participants';
import { membershipHistory } from '../src/membership/membershipChanges';
import { participatingStates } from '../src/plans/endorsement';
import { READER_VIEW_VERB } from '../bot/cards/readerViews';
import { formatDate } from '../bot/cards/choices';
import { TEAMS_CARD_LIMIT_BYTES } from './helpers/cardValidator';

const en = translator('en');
const fr = translator('fr');
const it_ = translator('it');
const text = (card: unknown) => JSON.stringify(card);
const CHANNEL = '19:cooperation-general@thread.tacv2';

const BELGIUM = {
  country: 'BE',
  shortName: 'SPF ETCS',
  nameLocal: 'Service public fédéral Emploi, Travail et Concertation sociale',
  nameEn: 'Federal Public Service Employment, Labour and Social Dialogue',
  type: 'labour_inspectorate',
  emailDomains: 'emploi.belgique.be',
  tenantIds: '',
};
const ONSS = { country: 'BE', shortName: 'ONSS', nameLocal: 'Office national de sécurité sociale', nameEn: 'National Social Security Office', type: 'social_security', emailDomains: 'onss.fgov.be', tenantIds: '' };

function click(t: TestApp, person: Person, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
  return t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb, data } } }));
}

describe('a state or an authority leaves and comes back: /state <code> reactivate, /authority <id> deactivate|reactivate, and the channel posts', function () {
  this.timeout(20_000);
  let t: TestApp;

  function lastText(): string {
    const sent = t.connector.sentActivities();
    return sent[sent.length - 1].body.text as string;
  }

  async function makeCoordinator(person: Person): Promise<void> {
    await t.post(personalMessage('/help', from(person)));
    t.app.db.prepare('INSERT OR IGNORE INTO coordinators (aad_object_id, member_state) VALUES (?, ?)').run(person.aadObjectId, person.authority.slice(0, 2));
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(person.aadObjectId);
    t.connector.clear();
  }

  /** The cooperation channel's posts (not replies) so far, each validated at 1.5, in order. */
  let posted: any[] = [];

  /** Keeps the channel's posts sent so far, then forgets what the connector received. */
  async function clear(): Promise<void> {
    await t.app.outbox.idle();
    const posts = t.connector.sentActivities().filter((call) => call.conversationId === CHANNEL && call.replyToId === null).flatMap((call) => cardsOf(call.body)) as any[];
    posts.forEach(assertValidCard);
    posted.push(...posts);
    t.connector.clear();
  }

  async function channelPosts(): Promise<any[]> {
    await clear();
    return posted;
  }

  /** A form opened with `command` and submitted with `values`, as a coordinator would. */
  async function submitForm(command: string, verb: string, values: Record<string, string>): Promise<any> {
    await clear();
    await t.post(personalMessage(command, from(PEOPLE.ptInspector)));
    const button = (t.sentCards()[0] as any).actions.find((action: any) => action.verb === verb);
    await clear();
    return invokeCard(await click(t, PEOPLE.ptInspector, verb, { ...button.data, ...values }));
  }

  const stateActive = (code: string) => (t.app.db.prepare('SELECT active FROM member_states WHERE code = ?').get(code) as { active: number }).active;
  const authorityActive = (id: string) => (t.app.db.prepare('SELECT active FROM authorities WHERE id = ?').get(id) as { active: number }).active;

  beforeEach(async () => {
    posted = [];
    t = await startAppInChannel();
    await makeCoordinator(PEOPLE.ptInspector);
  });
  afterEach(() => t.stop());

  it("posts Belgium's joining to the channel, with its authority, and each reader sees it in their own language", async () => {
    await submitForm('/state new', 'state.create', BELGIUM);
    const posts = await channelPosts();
    expect(posts, 'one post for the state, none more for its first authority').to.have.length(1);
    const [post] = posts;
    const today = new Date().toISOString();
    expect(text(post)).to.include(en('stateAdmin.post.admittedTitle', { country: countryName('BE', 'en') }));
    expect(text(post)).to.include(en('stateAdmin.post.admittedBody', { country: countryName('BE', 'en'), date: formatDate(today, 'en') }));
    // The authority's English name for an English reader; its own (French) name for a French one.
    expect(text(post)).to.include(en('stateAdmin.post.authorityLine', { name: BELGIUM.nameEn, shortName: 'SPF ETCS', type: en('authorityType.labour_inspectorate') }));
    expect(Buffer.byteLength(JSON.stringify(post))).to.be.below(TEAMS_CARD_LIMIT_BYTES);
    expect(post.refresh.action.data.kind).to.equal('membership');

    const messageId = postedMessageId(t, `membership:${post.refresh.action.data.subject}`);
    const view = invokeCard(
      await t.post(
        activity('invoke.cardAction.channel', { ...from(PEOPLE.frInspector), locale: 'fr-FR', replyToId: messageId, value: { action: { type: 'Action.Execute', verb: READER_VIEW_VERB, data: post.refresh.action.data }, trigger: 'automatic' } }),
      ),
    );
    expect(text(view)).to.include(fr('stateAdmin.post.admittedTitle', { country: countryName('BE', 'fr') }));
    expect(text(view)).to.include(fr('stateAdmin.post.authorityLine', { name: BELGIUM.nameLocal, shortName: 'SPF ETCS', type: fr('authorityType.labour_inspectorate') }));
  });

  it('reactivates a state that left, with the authorities that left with it: audited, posted, in the choices and the endorsement again, history kept; a restart keeps it so', async () => {
    await submitForm('/state new', 'state.create', BELGIUM);
    await t.post(personalMessage('/state BE deactivate', from(PEOPLE.ptInspector)));
    expect(stateActive('BE')).to.equal(0);
    expect(participatingStates(t.app.db)).to.not.include('BE');

    await clear();
    await t.post(personalMessage('/state BE réactiver', { ...from(PEOPLE.ptInspector), locale: 'fr-FR' }));
    expect(text(t.sentCards()[0])).to.include(fr('stateAdmin.reactivated', { country: countryName('BE', 'fr'), authorities: 'BE-SPFETCS' }));
    expect(stateActive('BE')).to.equal(1);
    expect(authorityActive('BE-SPFETCS')).to.equal(1);
    expect(participatingStates(t.app.db)).to.include('BE');
    expect(listAudit(t.app.db, { action: 'member_state.reactivated' }).map((row) => ({ ref: row.subjectRef, details: row.details }))).to.deep.equal([{ ref: 'BE', details: { authorities: ['BE-SPFETCS'] } }]);
    expect(membershipHistory(t.app.db, 'BE').filter((entry) => entry.kind === 'member_state').map((entry) => entry.change)).to.deep.equal(['added', 'deactivated', 'reactivated']);

    // A form's choices have Belgium again, without a restart.
    await clear();
    await t.post(personalMessage('/alert', from(PEOPLE.esInspector)));
    expect(text(t.sentCards()[0])).to.include('"value":"BE"');

    // The channel was told of all three changes, each once.
    const titles = (await channelPosts()).map((post) => text(post));
    expect(titles).to.have.length(3);
    expect(titles[1]).to.include(en('stateAdmin.post.deactivatedTitle', { country: countryName('BE', 'en') }));
    expect(titles[2]).to.include(en('stateAdmin.post.reactivatedTitle', { country: countryName('BE', 'en') }));

    // A wrong move: reactivating a state that takes part, a state never in, in the reader's language.
    await clear();
    await t.post(personalMessage('/state BE riattiva', { ...from(PEOPLE.ptInspector), locale: 'it-IT' }));
    expect(lastText()).to.equal(it_('stateAdmin.errors.stateAlreadyActive', { country: countryName('BE', 'it') }));
    await t.post(personalMessage('/state DE reactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('states.errors.notMember', { country: countryName('DE', 'en') }));
    expect(listAudit(t.app.db, { action: 'member_state.reactivated' })).to.have.length(1);

    // participants.json applied again (as at every start) leaves it active.
    syncParticipants(t.app.db, loadParticipants());
    expect(listMemberStates(t.app.db).map((state) => state.code)).to.include('BE');
    expect(listAuthorities(t.app.db).map((authority) => authority.id)).to.include('BE-SPFETCS');
  });

  it('reactivates FR, a state of participants.json deactivated in the app, so that a restart keeps it active', async () => {
    await t.post(personalMessage('/state FR deactivate', from(PEOPLE.ptInspector)));
    syncParticipants(t.app.db, loadParticipants());
    expect(stateActive('FR')).to.equal(0);
    await t.post(personalMessage('/state FR reactivate', from(PEOPLE.ptInspector)));
    expect(stateActive('FR')).to.equal(1);
    syncParticipants(t.app.db, loadParticipants());
    expect(stateActive('FR')).to.equal(1);
    expect(listAuthorities(t.app.db).filter((authority) => authority.memberState === 'FR').length).to.be.greaterThan(0);
  });

  it('deactivates and reactivates one authority of a state that stays; refuses the last one, one of a state that left, and members who are not coordinators', async () => {
    await submitForm('/state new', 'state.create', BELGIUM);
    await submitForm('/authority new BE', 'authority.create', ONSS);

    await clear();
    await t.post(personalMessage('/authority be-onss désactiver', { ...from(PEOPLE.ptInspector), locale: 'fr-FR' }));
    expect(text(t.sentCards()[0])).to.include(fr('stateAdmin.authorityDeactivated', { authority: 'BE-ONSS', country: countryName('BE', 'fr') }));
    expect(authorityActive('BE-ONSS')).to.equal(0);
    expect(listAudit(t.app.db, { action: 'authority.deactivated' }).map((row) => row.subjectRef)).to.deep.equal(['BE-ONSS']);
    await t.post(personalMessage('/authority BE-ONSS deactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('stateAdmin.errors.authorityAlreadyInactive', { id: 'BE-ONSS' }));
    await t.post(personalMessage('/authority BE-SPFETCS deactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('stateAdmin.errors.lastAuthority', { id: 'BE-SPFETCS', country: countryName('BE', 'en') }));
    await t.post(personalMessage('/authority PT-ACT deactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('stateAdmin.errors.ownAuthority', { id: 'PT-ACT' }));
    await t.post(personalMessage('/authority BE-ONSS reactivate', from(PEOPLE.esInspector)));
    expect(lastText()).to.equal(en('states.errors.coordinatorsOnly'));

    // The state leaves and comes back: ONSS, which had left on its own before, stays out.
    await t.post(personalMessage('/state BE deactivate', from(PEOPLE.ptInspector)));
    await t.post(personalMessage('/authority BE-ONSS reactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('stateAdmin.errors.stateInactive', { id: 'BE-ONSS', country: countryName('BE', 'en') }));
    await t.post(personalMessage('/state BE reactivate', from(PEOPLE.ptInspector)));
    expect(authorityActive('BE-SPFETCS')).to.equal(1);
    expect(authorityActive('BE-ONSS')).to.equal(0);

    await clear();
    await t.post(personalMessage('/authority BE-ONSS ripristina', { ...from(PEOPLE.ptInspector), locale: 'it-IT' }));
    expect(text(t.sentCards()[0])).to.include(it_('stateAdmin.authorityReactivated', { authority: 'BE-ONSS', country: countryName('BE', 'it') }));
    expect(authorityActive('BE-ONSS')).to.equal(1);
    await t.post(personalMessage('/authority BE-ONSS reactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('stateAdmin.errors.authorityAlreadyActive', { id: 'BE-ONSS' }));
    await t.post(personalMessage('/authority BE-NOPE reactivate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(en('stateAdmin.errors.unknownAuthority', { id: 'BE-NOPE' }));

    // Posts: the state joining, ONSS added, ONSS leaving, the state leaving and coming back, ONSS back.
    const posts = (await channelPosts()).map((post) => text(post));
    expect(posts).to.have.length(6);
    const onss = `${ONSS.nameEn} (ONSS)`;
    expect(posts[1]).to.include(en('stateAdmin.post.authorityAddedTitle', { authority: onss, country: countryName('BE', 'en') })).and.include('onss.fgov.be');
    expect(posts[2]).to.include(en('stateAdmin.post.authorityDeactivatedTitle', { authority: onss, country: countryName('BE', 'en') }));
    expect(posts[5]).to.include(en('stateAdmin.post.authorityReactivatedTitle', { authority: onss, country: countryName('BE', 'en') }));
  });

  it('answers /state with a word it does not know with the usage, reactivation included', async () => {
    await t.post(personalMessage('/state BE frobnicate', from(PEOPLE.ptInspector)));
    expect(lastText()).to.equal(`${en('states.usage')} ${en('stateAdmin.usage')}`);
    await t.post(personalMessage('/authority BE-ONSS', { ...from(PEOPLE.ptInspector), locale: 'fr-FR' }));
    expect(lastText()).to.equal(`${fr('states.usage')} ${fr('stateAdmin.usage')}`);
  });
});

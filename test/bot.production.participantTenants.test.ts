import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { forgetBotToken, provideBotToken, startBotFrameworkIssuer } from './helpers/botFrameworkIssuer';
import { ALLOWED_TENANT as HOST_TENANT, PRODUCTION_ENV } from './helpers/production';
import { cardsOf } from './helpers/cardValidator';
import { translator } from '../src/i18n/translate';
import { countryName } from '../src/reference/countries';
import type { MemberProfile } from './helpers/connectorStub';

const APP_ID = PRODUCTION_ENV.MicrosoftAppId;
/** The Belgian labour inspectorate's own tenant: on no list until a coordinator adds Belgium with it. */
const BELGIAN_TENANT = 'be000000-1111-4222-8333-000000000be1';
/** A tenant nobody adds. */
const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';
const BOT_TOKEN = 'bot-to-connector-token';
const en = translator('en');
const fr = translator('fr');

/**
 * ALLOW_PARTICIPANT_TENANTS=yes through the production /api/messages (Bot Framework tokens
 * validated, the roster answered by the connector stub): a tenant an active authority lists is
 * served as if it were in ALLOWED_TENANT_IDS, from the moment a coordinator adds the authority,
 * without a restart; one nobody lists is refused politely with nothing stored; and when the state
 * leaves, its tenant is no longer served.
 */
describe('production /api/messages with ALLOW_PARTICIPANT_TENANTS=yes: a new state\'s tenant is served at once', function () {
  this.timeout(30_000);
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startBotFrameworkIssuer>>;
  let sequence = 0;
  const COORDINATOR = { id: '29:1participant-tenants-coordinator', aadObjectId: '5b0c1d2e-8888-4a6b-9c0d-000000000001', email: 'coordenadora@act.gov.pt', userPrincipalName: 'coordenadora@act.gov.pt', tenantId: HOST_TENANT };

  before(async () => {
    issuer = await startBotFrameworkIssuer(APP_ID);
    provideBotToken(APP_ID, BOT_TOKEN);
    t = await startTestApp({ env: { ...PRODUCTION_ENV, ALLOWED_TENANT_IDS: HOST_TENANT, ALLOW_PARTICIPANT_TENANTS: 'yes', BOT_OPENID_METADATA_URL: issuer.metadataUrl } });
    t.connector.addMember(COORDINATOR);
  });
  after(async () => {
    await t?.stop();
    await issuer?.stop();
    forgetBotToken(APP_ID);
  });

  const count = (table: string) => (t.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const stored = () => ({ users: count('users'), audit: count('audit_log'), alerts: count('alerts'), outbox: count('outbox'), readers: count('channel_readers') });
  const authorityOf = (aadObjectId: string) => (t.app.db.prepare('SELECT authority_id AS id FROM users WHERE aad_object_id = ?').get(aadObjectId) as { id: string } | undefined)?.id ?? null;
  const signed = async () => ({ Authorization: `Bearer ${await issuer.token(t.connector.url)}` });

  /** A new person of `tenantId` writes in the host's shared channel; their one reply. */
  async function sayInChannel(profile: Omit<MemberProfile, 'id' | 'aadObjectId'>, command: string, locale = 'en-GB') {
    sequence += 1;
    const person = { id: `29:1participant-tenants-${sequence}`, aadObjectId: `5b0c1d2e-9999-4a6b-9c0d-${String(sequence).padStart(12, '0')}`, ...profile };
    t.connector.addMember(person);
    // The channel's posts of earlier changes (Belgium joining) go out first: only the reply is counted.
    await t.app.outbox.idle();
    t.connector.clear();
    const answer = await t.post(channelMessage(command, { locale, from: { id: person.id, name: 'Someone', aadObjectId: person.aadObjectId } }), await signed());
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    const replies = t.connector.sentActivities();
    expect(replies, 'one reply').to.have.length(1);
    return { aadObjectId: person.aadObjectId, reply: replies[0].body };
  }

  /** A person writes to the app in a personal chat of their own tenant (the conversation's tenant is theirs). */
  async function sayInPersonalChat(tenantId: string, email: string, command: string, locale = 'en-GB') {
    sequence += 1;
    const person = { id: `29:1participant-tenants-${sequence}`, aadObjectId: `5b0c1d2e-9999-4a6b-9c0d-${String(sequence).padStart(12, '0')}`, email, userPrincipalName: email, tenantId };
    t.connector.addMember(person);
    // The channel's posts of earlier changes (Belgium joining) go out first: only the reply is counted.
    await t.app.outbox.idle();
    t.connector.clear();
    const message = personalMessage(command, {
      locale,
      from: { id: person.id, name: 'Someone', aadObjectId: person.aadObjectId },
      conversation: { id: `a:1personal-${sequence}`, conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
    });
    const answer = await t.post(message, await signed());
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    const replies = t.connector.sentActivities();
    expect(replies, 'one reply').to.have.length(1);
    return { aadObjectId: person.aadObjectId, reply: replies[0].body };
  }

  async function expectRefused(say: () => Promise<{ aadObjectId: string; reply: any }>, text: string) {
    const before = stored();
    const { aadObjectId, reply } = await say();
    expect(reply.text).to.equal(text);
    expect(authorityOf(aadObjectId)).to.equal(null);
    expect(stored(), 'nothing stored').to.deep.equal(before);
  }

  /** The coordinator's /state new in the channel, then the form's submission, both signed as the Bot Connector does. */
  async function admitBelgium(): Promise<any> {
    t.connector.clear();
    expect((await t.post(channelMessage('/state new', { from: { id: COORDINATOR.id, name: 'Coordinator', aadObjectId: COORDINATOR.aadObjectId } }), await signed())).status).to.equal(200);
    const form = t.connector.sentActivities().flatMap((call) => cardsOf(call.body))[0] as any;
    const button = form.actions.find((action: any) => action.verb === 'state.create');
    const values = {
      country: 'BE',
      shortName: 'SPF ETCS',
      nameLocal: 'Service public fédéral Emploi, Travail et Concertation sociale',
      nameEn: 'Federal Public Service Employment, Labour and Social Dialogue',
      type: 'labour_inspectorate',
      emailDomains: 'emploi.belgique.be',
      tenantIds: BELGIAN_TENANT,
    };
    const invoke = activity('invoke.cardAction.channel', { from: { id: COORDINATOR.id, name: 'Coordinator', aadObjectId: COORDINATOR.aadObjectId }, value: { action: { type: 'Action.Execute', verb: 'state.create', data: { ...button.data, ...values } } } });
    const answer = await t.post(invoke, await signed());
    expect(answer.status).to.equal(200);
    return answer.body.value;
  }

  it('refuses the Belgian tenant before Belgium is added, and serves it from the next message once a coordinator adds it, without a restart; a tenant nobody added stays refused', async () => {
    const belgian = { email: 'inspecteur@emploi.belgique.be', userPrincipalName: 'inspecteur@emploi.belgique.be', tenantId: BELGIAN_TENANT };
    await expectRefused(() => sayInChannel(belgian, '/help', 'fr-BE'), fr('errors.tenantNotAllowed'));
    await expectRefused(() => sayInPersonalChat(BELGIAN_TENANT, 'inspecteur@emploi.belgique.be', '/help', 'fr-BE'), fr('errors.tenantNotAllowed'));

    // The coordinator (ACT, in the host tenant) is mapped by their first message, then made coordinator.
    await t.post(channelMessage('/help', { from: { id: COORDINATOR.id, name: 'Coordinator', aadObjectId: COORDINATOR.aadObjectId } }), await signed());
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(COORDINATOR.aadObjectId);
    const listed = await admitBelgium();
    expect(JSON.stringify(listed)).to.include(en('states.admitted', { country: countryName('BE', 'en'), authority: 'BE-SPFETCS' }));

    // At once: in the shared channel (their own tenant from the roster) and in their own tenant's chat.
    const inChannel = await sayInChannel(belgian, '/help', 'fr-BE');
    expect(inChannel.reply.attachments?.length ?? 0, JSON.stringify(inChannel.reply)).to.be.greaterThan(0);
    expect(authorityOf(inChannel.aadObjectId)).to.equal('BE-SPFETCS');
    const inChat = await sayInPersonalChat(BELGIAN_TENANT, 'directrice@emploi.belgique.be', '/help', 'fr-BE');
    expect(authorityOf(inChat.aadObjectId)).to.equal('BE-SPFETCS');

    // A tenant no authority lists is still refused, politely, with nothing stored; so is someone of
    // the Belgian tenant whose address is no authority's (the tenant is served, the person unknown).
    await expectRefused(() => sayInChannel({ email: 'someone@emploi.belgique.be', tenantId: FOREIGN_TENANT }, '/alert PT599004002', 'es-ES'), translator('es')('errors.tenantNotAllowed'));
    await expectRefused(() => sayInPersonalChat(FOREIGN_TENANT, 'someone@example.org', '/help', 'it-IT'), translator('it')('errors.tenantNotAllowed'));
    await expectRefused(() => sayInChannel({ email: 'intruder@example.be', userPrincipalName: 'intruder@example.be', tenantId: BELGIAN_TENANT }, '/help', 'fr-BE'), fr('errors.unmappedUser'));
  });

  it('stops serving the Belgian tenant when Belgium is deactivated, and serves it again when it is reactivated', async () => {
    const say = async (command: string) => t.post(channelMessage(command, { from: { id: COORDINATOR.id, name: 'Coordinator', aadObjectId: COORDINATOR.aadObjectId } }), await signed());
    expect((await say('/state BE deactivate')).status).to.equal(200);
    await expectRefused(() => sayInPersonalChat(BELGIAN_TENANT, 'nouveau@emploi.belgique.be', '/help', 'fr-BE'), fr('errors.tenantNotAllowed'));
    expect((await say('/state BE reactivate')).status).to.equal(200);
    const back = await sayInPersonalChat(BELGIAN_TENANT, 'revenu@emploi.belgique.be', '/help', 'fr-BE');
    expect(authorityOf(back.aadObjectId)).to.equal('BE-SPFETCS');
  });
});

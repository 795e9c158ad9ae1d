import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { channelMessage } from './helpers/activities';
import { forgetBotToken, provideBotToken, startBotFrameworkIssuer } from './helpers/botFrameworkIssuer';
import { ALLOWED_TENANT as HOST_TENANT, PRODUCTION_ENV } from './helpers/production';
import { translator } from '../src/i18n/translate';
import type { MemberProfile } from './helpers/connectorStub';
import type { Language } from '../src/i18n/languages';

const APP_ID = PRODUCTION_ENV.MicrosoftAppId;
/** ACT's own tenant, allowed: its people join the host's shared channel as external members. */
const ACT_TENANT = '11111111-1111-4111-8111-11111111aaaa';
/** The French ministries' tenant, allowed, hosting DGT and DSS. */
const MINISTRY_TENANT = '44444444-4444-4444-8444-44444444dddd';
/** A tenant on no list. */
const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';
const BOT_TOKEN = 'bot-to-connector-token';

/**
 * The production app end to end: /api/messages behind real Bot Framework token validation (keys
 * from a local OpenID metadata endpoint), the member's roster entry answered by the connector
 * stub, replies signed for the Bot Connector. The channel is hosted in HOST_TENANT.
 */
describe('production /api/messages: people of several tenants in one channel', function () {
  this.timeout(30_000);
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startBotFrameworkIssuer>>;
  let sequence = 0;

  before(async () => {
    issuer = await startBotFrameworkIssuer(APP_ID);
    provideBotToken(APP_ID, BOT_TOKEN);
    t = await startTestApp({
      env: { ...PRODUCTION_ENV, ALLOWED_TENANT_IDS: [HOST_TENANT, ACT_TENANT, MINISTRY_TENANT].join(','), BOT_OPENID_METADATA_URL: issuer.metadataUrl },
    });
    // As participants.json would list them: ACT's people from its own tenant and, as guests, the host's.
    const listTenant = t.app.db.prepare('INSERT INTO authority_tenants (tenant_id, authority_id) VALUES (?, ?)');
    listTenant.run(ACT_TENANT, 'PT-ACT');
    listTenant.run(HOST_TENANT, 'PT-ACT');
    listTenant.run(MINISTRY_TENANT, 'FR-DGT');
    listTenant.run(MINISTRY_TENANT, 'FR-DSS');
  });
  after(async () => {
    await t?.stop();
    await issuer?.stop();
    forgetBotToken(APP_ID);
  });

  const count = (table: string) => (t.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const stored = () => ({ users: count('users'), audit: count('audit_log'), alerts: count('alerts'), outbox: count('outbox'), readers: count('channel_readers') });
  const authorityOf = (aadObjectId: string) =>
    (t.app.db.prepare('SELECT authority_id AS id FROM users WHERE aad_object_id = ?').get(aadObjectId) as { id: string } | undefined)?.id ?? null;

  /** A roster entry for a new person, and their message in the host's channel, posted with a valid channel token. */
  async function say(profile: Omit<MemberProfile, 'id' | 'aadObjectId'>, command: string, locale = 'en-GB') {
    sequence += 1;
    const person = { id: `29:1tenants-person-${sequence}`, aadObjectId: `5b0c1d2e-7777-4a6b-9c0d-${String(sequence).padStart(12, '0')}`, ...profile };
    t.connector.addMember(person);
    t.connector.clear();
    const activity = channelMessage(command, { locale, from: { id: person.id, name: 'Someone', aadObjectId: person.aadObjectId } });
    const answer = await t.post(activity, { Authorization: `Bearer ${await issuer.token(t.connector.url)}` });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    const replies = t.connector.sentActivities();
    expect(replies, 'one reply').to.have.length(1);
    expect(replies[0].authorization).to.equal(`Bearer ${BOT_TOKEN}`);
    const lookups = t.connector.calls.filter((call) => call.method === 'GET' && call.path.endsWith(`/members/${person.id}`));
    expect(lookups, 'the roster was asked about the sender').to.have.length(1);
    return { aadObjectId: person.aadObjectId, reply: replies[0].body };
  }

  /** Refused politely in the reader's language, and nothing about them or their request stored. */
  async function expectRefused(profile: Omit<MemberProfile, 'id' | 'aadObjectId'>, key: 'errors.tenantNotAllowed' | 'errors.unmappedUser', locale: string, language: Language) {
    const before = stored();
    const { aadObjectId, reply } = await say(profile, '/alert PT599004002', locale);
    expect(reply.text).to.equal(translator(language)(key));
    expect(authorityOf(aadObjectId)).to.equal(null);
    expect(stored()).to.deep.equal(before);
  }

  it('validates the channel token against the published keys, and refuses a request without one', async () => {
    await say({ email: 'ana.pereira@act.gov.pt', tenantId: ACT_TENANT }, '/help');
    expect(issuer.requests(), 'metadata and keys fetched').to.be.at.least(2);
    t.connector.clear();
    const answer = await t.post(channelMessage('/help'));
    expect(answer.status).to.equal(401);
    expect(t.connector.calls).to.have.length(0);
  });

  it('maps a guest (no e-mail, a principal name of the host tenant) to ACT by the home address it carries', async () => {
    const { aadObjectId, reply } = await say({ userPrincipalName: 'maria.silva_act.gov.pt#EXT#@host.onmicrosoft.com', tenantId: HOST_TENANT }, '/help', 'pt-PT');
    expect(authorityOf(aadObjectId)).to.equal('PT-ACT');
    expect(reply.attachments?.length ?? 0).to.be.greaterThan(0);
  });

  it("maps an external member of the shared channel by their own tenant and e-mail domain, not by the host's tenant", async () => {
    const act = await say({ email: 'joao.costa@act.gov.pt', userPrincipalName: 'joao.costa@act.gov.pt', tenantId: ACT_TENANT }, '/help', 'pt-PT');
    expect(authorityOf(act.aadObjectId)).to.equal('PT-ACT');
    const dgt = await say({ email: 'agent@travail.gouv.fr', userPrincipalName: 'agent@travail.gouv.fr', tenantId: MINISTRY_TENANT }, '/help', 'fr-FR');
    expect(authorityOf(dgt.aadObjectId)).to.equal('FR-DGT');
    const dss = await say({ email: 'agent@social.gouv.fr', userPrincipalName: 'agent@social.gouv.fr', tenantId: MINISTRY_TENANT }, '/help', 'fr-FR');
    expect(authorityOf(dss.aadObjectId)).to.equal('FR-DSS');
  });

  it('refuses a member of a tenant that is not allowed, in their language, and stores nothing', async () => {
    await expectRefused({ email: 'someone@mites.gob.es', tenantId: FOREIGN_TENANT }, 'errors.tenantNotAllowed', 'es-ES', 'es');
  });

  it('refuses intruder@act.gov.pt from a tenant not allowed, and from an allowed tenant ACT does not list', async () => {
    await expectRefused({ email: 'intruder@act.gov.pt', userPrincipalName: 'intruder@act.gov.pt', tenantId: FOREIGN_TENANT }, 'errors.tenantNotAllowed', 'it-IT', 'it');
    await expectRefused({ email: 'intruder@act.gov.pt', userPrincipalName: 'intruder@act.gov.pt', tenantId: MINISTRY_TENANT }, 'errors.unmappedUser', 'fr-FR', 'fr');
  });

  for (const lookAlike of ['x@act.gov.pt.evil.com', 'x@evilact.gov.pt', 'a@evil.com@act.gov.pt']) {
    it(`refuses the look-alike ${lookAlike}, even from ACT's own tenant`, async () => {
      await expectRefused({ email: lookAlike, userPrincipalName: lookAlike, tenantId: ACT_TENANT }, 'errors.unmappedUser', 'pt-PT', 'pt');
    });
  }
});

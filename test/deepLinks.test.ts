import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startTestApp, tempDbPath, type TestApp } from './helpers/testApp';
import { productionEnv, SSO_APP_ID, SSO_AUDIENCE as AUDIENCE, SSO_TENANT as TENANT, startSsoIssuer } from './helpers/ssoIssuer';
import { forgetBotToken, provideBotToken, startBotFrameworkIssuer } from './helpers/botFrameworkIssuer';
import { activity } from './helpers/activities';
import { PEOPLE, from, manualClock, registerPeople, type Person } from './helpers/people';
import { invokeCard, postedMessageId } from './helpers/teamsActions';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { listAudit } from '../src/audit/audit';

const CHANNEL = '19:cooperation-general@thread.tacv2';
const TEAM = '19:cooperation-team@thread.tacv2';
// As the install fixture gives them (`channelData.team`).
const GROUP_ID = '5c1f0000-3333-4e2e-9a00-0000000000cc';
const TEAM_NAME = 'Cross-border mobility';
// A name with what a query string must escape, and letters outside ASCII.
const CHANNEL_NAME = 'Alertes & contrôles #1';

let forms = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++forms).padStart(12, '0')}`;

/**
 * The tab's "open the post in the channel" link, in production mode, as Teams documents its links
 * to a channel conversation: the team's group id and the team's and channel's names from the
 * install's conversationUpdate and later team events, the post's id and when it was sent.
 */
describe("the tab's deep links to a record's channel post (Teams SSO, Bot Framework tokens)", function () {
  this.timeout(30_000);
  let t: TestApp | undefined;
  let sso: Awaited<ReturnType<typeof startSsoIssuer>>;
  let botFramework: Awaited<ReturnType<typeof startBotFrameworkIssuer>>;
  const clock = manualClock('2026-03-02T09:00:00Z');

  beforeEach(async () => {
    clock.set('2026-03-02T09:00:00Z');
    sso = await startSsoIssuer();
    botFramework = await startBotFrameworkIssuer(SSO_APP_ID);
    provideBotToken(SSO_APP_ID, 'bot-to-connector-token');
  });
  afterEach(async () => {
    await t?.stop();
    t = undefined;
    await sso.stop();
    await botFramework.stop();
    forgetBotToken(SSO_APP_ID);
  });

  async function start(dbPath?: string): Promise<TestApp> {
    t = await startTestApp({ clock, dbPath, env: { ...productionEnv(sso), BOT_OPENID_METADATA_URL: botFramework.metadataUrl, DEMO_DATA: 'never' } });
    registerPeople(t.connector);
    return t;
  }

  /** An activity as the Bot Connector sends it in production, with its channel token. */
  async function teams(body: Record<string, unknown>) {
    const answer = await t!.post(body, { Authorization: `Bearer ${await botFramework.token(t!.connector.url)}` });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    return answer;
  }

  /** A team event Teams sends in the team's General conversation (the team's id), not in the app's channel. */
  const teamEvent = (eventType: string, channelData: Record<string, unknown>) =>
    activity('conversationUpdate.install.team', { membersAdded: [], conversation: { id: TEAM }, channelData: { eventType, channel: undefined, settings: undefined, ...channelData } });

  /** PT-ACT's inspector posts an alert from personal chat; the outbox sends it to the channel at 09:15. */
  async function postAlert(): Promise<{ ref: string; messageId: string }> {
    clock.set('2026-03-02T09:15:00Z');
    const card = invokeCard(
      await teams(activity('invoke.cardAction.personal', { ...from(PEOPLE.ptInspector), value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { ...VALID_ALERT_FORM, formId: freshFormId() } } } })),
    );
    const ref = /AL-\d{4}-\d{4}/.exec(JSON.stringify(card))![0];
    await t!.app.outbox.idle();
    return { ref, messageId: postedMessageId(t!, `alert:${ref}:posted`) };
  }

  async function channelLinkFor(ref: string, person: Person = PEOPLE.frInspector): Promise<URL> {
    const token = await sso.token({ aud: AUDIENCE, iss: `${sso.issuerBase}/${TENANT}/v2.0`, tid: TENANT, oid: person.aadObjectId, scp: 'access_as_user', preferred_username: person.email });
    const response = await fetch(`${t!.app.url}/api/alerts/${ref}`, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'fr-FR' } });
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { channelLink: string | null };
    expect(body.channelLink).to.be.a('string');
    return new URL(body.channelLink!);
  }

  const postPath = (messageId: string) => `/l/message/${encodeURIComponent(CHANNEL)}/${messageId}`;

  it('carries the tenant, the team group id, the parent message, the team and channel names and the time the post was sent', async () => {
    await start();
    await teams(activity('conversationUpdate.install.team', { channelData: { channel: { name: CHANNEL_NAME } } }));
    await t!.app.outbox.idle();
    const { ref, messageId } = await postAlert();

    const link = await channelLinkFor(ref);
    expect(link.origin).to.equal('https://teams.microsoft.com');
    expect(link.pathname).to.equal(postPath(messageId));
    expect([...link.searchParams.keys()]).to.deep.equal(['tenantId', 'groupId', 'parentMessageId', 'teamName', 'channelName', 'createdTime']);
    expect(Object.fromEntries(link.searchParams)).to.deep.equal({
      tenantId: TENANT,
      groupId: GROUP_ID,
      parentMessageId: messageId,
      teamName: TEAM_NAME,
      // Read back whole: an "&" or "#" left unescaped would cut the name (and the link) short.
      channelName: CHANNEL_NAME,
      createdTime: String(Date.parse('2026-03-02T09:15:00Z')),
    });
  });

  it('follows the team and the channel when Teams says they were renamed, each change audited, and keeps what an event leaves out', async () => {
    await start();
    await teams(activity('conversationUpdate.install.team', { channelData: { channel: { name: CHANNEL_NAME } } }));
    await t!.app.outbox.idle();
    const { ref, messageId } = await postAlert();

    await teams(teamEvent('teamRenamed', { team: { id: TEAM, name: 'Mobilité transfrontalière 2026', aadGroupId: undefined } }));
    await teams(teamEvent('channelRenamed', { team: { id: TEAM, name: undefined }, channel: { id: CHANNEL, name: 'Coopération' } }));
    // Later events that name nothing (a member joins the team): the names stay as they are.
    await teams(teamEvent('teamMemberAdded', { team: { id: TEAM, name: undefined, aadGroupId: undefined }, channel: { id: CHANNEL } }));
    // The same names again: nothing changes, nothing is audited.
    await teams(teamEvent('teamRenamed', { team: { id: TEAM, name: 'Mobilité transfrontalière 2026' } }));

    const link = await channelLinkFor(ref);
    expect(link.pathname).to.equal(postPath(messageId));
    expect(Object.fromEntries(link.searchParams)).to.deep.include({ groupId: GROUP_ID, teamName: 'Mobilité transfrontalière 2026', channelName: 'Coopération', parentMessageId: messageId });
    expect(listAudit(t!.app.db, { action: 'conversation.team_details' }).map((entry) => [entry.subjectRef, entry.details])).to.deep.equal([
      [CHANNEL, { teamName: 'Mobilité transfrontalière 2026' }],
      [CHANNEL, { channelName: 'Coopération' }],
    ]);
  });

  it('takes the group id from a later team event when the install did not give it, and ignores one not shaped as a group id', async () => {
    await start();
    await teams(activity('conversationUpdate.install.team', { channelData: { team: { aadGroupId: undefined, name: undefined } } }));
    await t!.app.outbox.idle();
    const { ref } = await postAlert();
    expect((await channelLinkFor(ref)).searchParams.has('groupId')).to.equal(false);

    await teams(teamEvent('teamRenamed', { team: { id: TEAM, name: TEAM_NAME, aadGroupId: '"><script>' } }));
    expect((await channelLinkFor(ref)).searchParams.has('groupId')).to.equal(false);
    await teams(teamEvent('channelShared', { team: { id: TEAM, aadGroupId: GROUP_ID } }));
    expect(Object.fromEntries(await channelLinkFor(ref).then((link) => link.searchParams))).to.deep.include({ groupId: GROUP_ID, teamName: TEAM_NAME });
    expect(listAudit(t!.app.db, { action: 'conversation.team_details' }).map((entry) => entry.details)).to.deep.equal([{ teamName: TEAM_NAME }, { teamAadGroupId: GROUP_ID }]);
  });

  it("takes the channel from the install's conversation when Teams sends only the selected channel, as its documented install event does", async () => {
    await start();
    await teams(activity('conversationUpdate.install.team', { conversation: { name: CHANNEL_NAME }, channelData: { channel: undefined } }));
    await t!.app.outbox.idle();
    const { ref, messageId } = await postAlert();
    const link = await channelLinkFor(ref);
    expect(link.pathname).to.equal(postPath(messageId));
    expect(Object.fromEntries(link.searchParams)).to.deep.include({ groupId: GROUP_ID, teamName: TEAM_NAME, channelName: CHANNEL_NAME });
  });

  it('gives the link as before for an install stored before the group id and names were kept: the channel, the post, the tenant', async () => {
    const dbPath = tempDbPath();
    await start(dbPath);
    await teams(activity('conversationUpdate.install.team'));
    await t!.app.outbox.idle();
    const { ref, messageId } = await postAlert();
    await t!.stop();
    t = undefined;
    // The store as the previous build left it: schema version 30, no columns for the team's group id and names.
    const old = new Database(dbPath);
    for (const column of ['team_aad_group_id', 'team_name', 'channel_name']) old.exec(`ALTER TABLE conversation_references DROP COLUMN ${column}`);
    old.pragma('user_version = 30');
    old.close();

    await start(dbPath);
    const link = await channelLinkFor(ref);
    expect(link.origin + link.pathname).to.equal(`https://teams.microsoft.com${postPath(messageId)}`);
    expect(Object.fromEntries(link.searchParams)).to.deep.equal({ tenantId: TENANT, parentMessageId: messageId, createdTime: String(Date.parse('2026-03-02T09:15:00Z')) });
    await t!.stop();
    t = undefined;
    fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
  });
});

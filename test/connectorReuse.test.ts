import { expect } from 'chai';
import {
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { ClientReusingAuthentication } from '../bot/connectorReuse';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { createAdapter } from '../bot/adapter';
import { loadConfig } from '../server/config';
import { translator } from '../src/i18n/translate';

/** The SDK's authentication as far as clients go: counts what it builds, fails when told to. */
class CountingAuthentication extends BotFrameworkAuthentication {
  created: Array<{ appId: string; serviceUrl: string; audience?: string; proactive: boolean }> = [];
  tokenClients = 0;
  failNextCreate = false;

  private factory(appId: string, proactive: boolean): ConnectorFactory {
    const outer = this;
    return new (class extends ConnectorFactory {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        if (outer.failNextCreate) {
          outer.failNextCreate = false;
          throw new Error('credentials unavailable');
        }
        outer.created.push({ appId, serviceUrl, audience, proactive });
        return { serviceUrl, n: outer.created.length } as unknown as ConnectorClient;
      }
    })();
  }

  async authenticateRequest(activity: Activity): Promise<AuthenticateRequestResult> {
    const claimsIdentity = new ClaimsIdentity([{ type: 'aud', value: String(activity.recipient?.id) }], true);
    return { audience: 'https://api.botframework.com', callerId: '', claimsIdentity, connectorFactory: this.factory(String(activity.recipient?.id), false) };
  }
  async authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new Error('not used');
  }
  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.factory(String(claimsIdentity.getClaimValue('aud')), true);
  }
  async createUserTokenClient(): Promise<UserTokenClient> {
    this.tokenClients += 1;
    return {} as UserTokenClient;
  }
}

const turn = (bot: string) => ({ recipient: { id: bot } }) as Activity;

describe('connector clients reused across turns', () => {
  let inner: CountingAuthentication;
  let reusing: ClientReusingAuthentication;
  beforeEach(() => {
    inner = new CountingAuthentication();
    reusing = new ClientReusingAuthentication(inner);
  });

  async function clientFor(bot: string, serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const { connectorFactory } = await reusing.authenticateRequest(turn(bot), '');
    return connectorFactory!.create(serviceUrl, audience);
  }

  it('gives every turn from the same service, bot and audience the client built for the first', async () => {
    const first = await clientFor('bot-1', 'https://smba.trafficmanager.net/emea/');
    const second = await clientFor('bot-1', 'https://smba.trafficmanager.net/emea/');
    expect(second).to.equal(first);
    expect(inner.created).to.have.length(1);
  });

  it('builds a client of its own for another service URL, another bot app id or another audience', async () => {
    const base = await clientFor('bot-1', 'https://smba.trafficmanager.net/emea/', 'a');
    const others = [
      await clientFor('bot-1', 'https://smba.trafficmanager.net/amer/', 'a'),
      await clientFor('bot-2', 'https://smba.trafficmanager.net/emea/', 'a'),
      await clientFor('bot-1', 'https://smba.trafficmanager.net/emea/', 'b'),
    ];
    for (const other of others) expect(other).not.to.equal(base);
    expect(inner.created).to.have.length(4);
  });

  it('builds a new client for every proactive post, since the outbox strips the retry policy of its own', async () => {
    const forTurn = await clientFor('bot-1', 'https://smba.trafficmanager.net/emea/');
    const claims = new ClaimsIdentity([{ type: 'aud', value: 'bot-1' }], true);
    const proactive = await reusing.createConnectorFactory(claims).create('https://smba.trafficmanager.net/emea/', 'https://api.botframework.com');
    expect(proactive).not.to.equal(forTurn);
    expect(await reusing.createConnectorFactory(claims).create('https://smba.trafficmanager.net/emea/', 'https://api.botframework.com')).not.to.equal(proactive);
    expect(inner.created.map((c) => c.proactive)).to.deep.equal([false, true, true]);
  });

  it('does not keep a failed creation: the next turn builds the client again', async () => {
    inner.failNextCreate = true;
    let failure: unknown = null;
    await clientFor('bot-1', 'https://smba.trafficmanager.net/emea/').catch((error) => (failure = error));
    expect(String(failure)).to.include('credentials unavailable');
    const client = await clientFor('bot-1', 'https://smba.trafficmanager.net/emea/');
    expect(client).to.include({ n: 1 });
  });

  it('holds a bounded number of clients, dropping the least recently used', async () => {
    const first = await clientFor('bot-1', 'https://service-0.example/');
    const second = await clientFor('bot-1', 'https://service-1.example/');
    for (let i = 2; i < 32; i++) await clientFor('bot-1', `https://service-${i}.example/`);
    expect(await clientFor('bot-1', 'https://service-0.example/')).to.equal(first);
    await clientFor('bot-1', 'https://service-32.example/');
    expect(await clientFor('bot-1', 'https://service-0.example/'), 'used lately, kept').to.equal(first);
    expect(await clientFor('bot-1', 'https://service-1.example/'), 'least recently used, dropped').not.to.equal(second);
    expect(inner.created).to.have.length(34);
  });

  it('builds one user token client per bot app id', async () => {
    const claims = new ClaimsIdentity([{ type: 'aud', value: 'bot-1' }], true);
    const first = await reusing.createUserTokenClient(claims);
    expect(await reusing.createUserTokenClient(claims)).to.equal(first);
    await reusing.createUserTokenClient(new ClaimsIdentity([{ type: 'aud', value: 'bot-2' }], true));
    expect(inner.tokenClients).to.equal(2);
  });
});

describe("the app's adapter", () => {
  it('hands two turns from the same service the same connector client', async () => {
    const adapter = createAdapter(loadConfig({ PORT: '0', DB_PATH: ':memory:' }));
    const clients: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const turn = { ...personalMessage('/help'), serviceUrl: 'http://127.0.0.1:9/' } as unknown as Activity;
      await adapter.processActivityDirect('', turn, async (context) => {
        clients.push(context.turnState.get(adapter.ConnectorClientKey));
      });
    }
    expect(clients[0]).to.be.an('object');
    expect(clients[1]).to.equal(clients[0]);
  });
});

describe('turn replies after a proactive post from the same service', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ random: () => 0 });
  });
  afterEach(() => t.stop());

  it('still retry a throttled reply, although the outbox removed retries from its own client', async () => {
    await t.post(activity('conversationUpdate.install.team'));
    await t.connector.waitFor(() => t.connector.sentActivities().length === 1);
    await t.app.outbox.idle();
    t.connector.clear();
    t.connector.failNext({ status: 503, headers: { 'Retry-After': '0' } });
    await t.post(channelMessage('/help'));
    const attempts = t.connector.calls.filter((call) => call.method === 'POST' && call.path.includes('/activities'));
    expect(attempts.map((call) => call.body.__failed ?? 'ok')).to.deep.equal([503, 'ok']);
    expect(JSON.stringify(t.sentCards())).to.include(translator('en')('help.title'));
  });
});

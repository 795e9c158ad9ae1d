import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** Service URLs are a handful per Teams region; the bound keeps a flood of made-up ones (local mode) from growing memory. */
const MAX_CLIENTS = 32;

/** Promises by key, the least recently used dropped past the bound, a failed creation forgotten so the next turn tries again. */
function boundedCache<T>() {
  const entries = new Map<string, Promise<T>>();
  return (key: string, create: () => Promise<T>): Promise<T> => {
    const known = entries.get(key);
    if (known) {
      entries.delete(key);
      entries.set(key, known);
      return known;
    }
    const created = create();
    created.catch(() => {
      if (entries.get(key) === created) entries.delete(key);
    });
    if (entries.size >= MAX_CLIENTS) entries.delete(entries.keys().next().value!);
    entries.set(key, created);
    return created;
  };
}

/** The bot app id the SDK builds clients for: the audience of the channel's token (the emulator puts it in appid). */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

type ClientCache = ReturnType<typeof boundedCache<ConnectorClient>>;

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly cache: ClientCache,
    private readonly appId: string,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * CloudAdapter builds a new ConnectorClient (its whole HTTP pipeline: proxy settings read from the
 * environment, user agent, tracing, credentials) and a new UserTokenClient for every activity it
 * receives: a sixth of a bare bot's /help turn in `bench/`, a third of its card action. Both are
 * stateless and their credentials renew their own tokens, so one per bot app id, service URL and
 * audience serves every turn, as the older BotFrameworkAdapter kept them. Proactive posts (the
 * outbox, a few a second at most) still get a client each: the outbox strips its client's retry
 * policy, since it owns retries, and a shared client would pass that on to whoever used it next.
 */
export class ClientReusingAuthentication extends BotFrameworkAuthentication {
  private readonly turnClients = boundedCache<ConnectorClient>();
  private readonly tokenClients = boundedCache<UserTokenClient>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: new ReusingConnectorFactory(result.connectorFactory, this.turnClients, appIdOf(result.claimsIdentity)) };
  }
}

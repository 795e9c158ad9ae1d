import restify, { type Server } from 'restify';
import type { Db } from '../src/store/database';
import { isHealthy } from '../src/store/database';
import { isParticipantTenant } from '../src/reference/participants';
import { log } from '../src/log';
import { registerTabApi, type TabApiOptions } from '../tab/api/routes';
import { registerTabFiles } from '../tab/api/tabFiles';
import type { Config } from './config';
import { registerLegalPages } from './legalPages';

export interface RunningServer {
  server: Server;
  /** Requests being handled right now; shutdown waits for them. */
  inFlight(): number;
}

export interface HttpParts {
  db: Db;
  config: Config;
  /** The Teams adapter's endpoint for /api/messages. */
  botEndpoint: restify.RequestHandler;
  /** Routes the Teams adapter's features add (the calendar feed). */
  botRoutes(server: Server): void;
  /** The tab API's wiring, less what the server decides (store, mode, SSO). */
  tabApi: Pick<TabApiOptions, 'clock' | 'afterWrite'>;
  /** What is wrong though the app serves (a failed backup); null when nothing is. */
  degraded?: () => Record<string, unknown> | null;
}

/** The tab API's SSO settings from the configuration: none until an audience is configured. */
function tabSso(config: Config, db: Db): TabApiOptions['sso'] {
  if (!config.ssoAudience) return null;
  return {
    audience: [config.ssoAudience, config.appId ?? ''].filter(Boolean),
    allowedTenantIds: config.allowedTenantIds,
    alsoAllowed: config.participantTenantsAllowed ? (tenantId) => isParticipantTenant(db, tenantId) : undefined,
    jwksUrl: config.ssoJwksUrl ?? undefined,
    issuersFor: config.ssoIssuerBase ? (tenantId) => [`${config.ssoIssuerBase}/${tenantId}/v2.0`] : undefined,
  };
}

/** One HTTP server: the bot endpoint, health, the tab's files and API, the legal pages. */
export function createServer(parts: HttpParts): RunningServer {
  const { db, config } = parts;
  const server = restify.createServer({ name: 'cooperation-desk' });
  let inFlight = 0;
  server.pre((req, res, next) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    next();
  });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  server.post('/api/messages', parts.botEndpoint);

  server.get('/healthz', async (_req, res) => {
    const ok = isHealthy(db);
    // Degraded still serves (200): a failed backup is for the operator, not a reason to stop traffic.
    const degraded = ok ? (parts.degraded?.() ?? null) : null;
    res.send(ok ? 200 : 503, { status: ok ? (degraded ? 'degraded' : 'ok') : 'unavailable', mode: config.mode, ...(degraded ?? {}) });
  });

  registerTabFiles(server, config.mode);
  registerTabApi(server, {
    db,
    mode: config.mode,
    defaultLanguage: config.defaultLanguage,
    demoAuthorityId: config.demoAuthorityId,
    alertAnswerDays: config.alertAnswerDays,
    sso: tabSso(config, db),
    ...parts.tabApi,
  });
  registerLegalPages(server, config);
  parts.botRoutes(server);

  server.on('restifyError', (req, res, error, callback) => {
    if (((error as { statusCode?: number }).statusCode ?? 500) >= 500) log.error('http.error', { path: req.path(), error });
    return callback();
  });

  return { server, inFlight: () => inFlight };
}

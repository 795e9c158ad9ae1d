import path from 'node:path';
import fs from 'node:fs';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { CooperationDeskAdapter } from './adapter';
import { botEndpoint } from './http/botEndpoint';
import { isHealthy } from '../src/store/database';
import { log } from '../src/log';
import { registerTabApi } from '../tab/api/routes';
import type { BotDeps } from './deps';
import { FEATURES } from './features';
import { registerLegalPages } from './legalPages';

/** The built tab: dist/tab seen from bot/ (run from source) or from dist/server (the bundle). */
export const TAB_DIST = [path.resolve(__dirname, '..', 'dist', 'tab'), path.resolve(__dirname, '..', 'tab')].find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? path.resolve(__dirname, '..', 'dist', 'tab');

// Teams, Outlook and the Microsoft 365 app host tabs in frames from these origins.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https:; " +
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.cloud.microsoft https://*.skype.com https://*.microsoft365.com";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface RunningServer {
  server: Server;
  /** Requests being handled right now; shutdown waits for them. */
  inFlight(): number;
}

function serveTabFile(req: Request, res: Response, mode: BotDeps['config']['mode']): void {
  const requested = String(req.params['*'] ?? '') || 'index.html';
  const file = path.resolve(TAB_DIST, requested);
  // Source maps are for debugging here; in production they would hand out the tab's source.
  const hidden = mode === 'production' && file.endsWith('.map');
  if (hidden || !file.startsWith(TAB_DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.send(404);
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=300',
  });
  fs.createReadStream(file).pipe(res);
}

/** One HTTP server: the bot endpoint, health, the tab's files and the tab's API. */
export function createServer(adapter: CooperationDeskAdapter, app: Application<TurnState>, deps: BotDeps): RunningServer {
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

  server.post(
    '/api/messages',
    botEndpoint(adapter, deps.config, async (context) => {
      await app.run(context);
    }),
  );

  server.get('/healthz', async (_req, res) => {
    const ok = isHealthy(deps.db);
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', mode: deps.config.mode });
  });

  server.get('/tab', async (_req, res) => {
    res.redirect(301, '/tab/', () => undefined);
  });
  server.get('/tab/*', async (req, res) => serveTabFile(req, res, deps.config.mode));

  registerTabApi(server, {
    db: deps.db,
    clock: deps.clock,
    mode: deps.config.mode,
    defaultLanguage: deps.config.defaultLanguage,
    demoAuthorityId: deps.config.demoAuthorityId,
    sso: deps.config.ssoAudience
      ? {
          audience: [deps.config.ssoAudience, deps.config.appId ?? ''].filter(Boolean),
          allowedTenantIds: deps.config.allowedTenantIds,
          jwksUrl: deps.config.ssoJwksUrl ?? undefined,
          issuersFor: deps.config.ssoIssuerBase ? (tenantId) => [`${deps.config.ssoIssuerBase}/${tenantId}/v2.0`] : undefined,
        }
      : null,
  });

  registerLegalPages(server, deps);
  for (const feature of FEATURES) feature.httpRoutes?.(server, deps);

  server.on('restifyError', (req, res, error, callback) => {
    if (((error as { statusCode?: number }).statusCode ?? 500) >= 500) log.error('http.error', { path: req.path(), error });
    return callback();
  });

  return { server, inFlight: () => inFlight };
}

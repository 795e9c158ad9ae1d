import type { Request, Response, Server } from 'restify';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { resolveMember, type Member } from '../../src/identity/members';
import { getPlanView, listPlanYears } from '../../src/plans/planQueries';
import { languageFromLocale } from '../../src/i18n/languages';
import { translator } from '../../src/i18n/translate';
import { log } from '../../src/log';
import { createSsoVerifier, SsoError, type SsoVerifierOptions } from './ssoToken';

export interface TabApiOptions {
  db: Db;
  clock: Clock;
  mode: 'local' | 'production';
  defaultLanguage: Parameters<typeof languageFromLocale>[1];
  /** Local mode only: the authority of the clearly labelled development identity. */
  demoAuthorityId: string | null;
  sso: SsoVerifierOptions | null;
}

const DEV_IDENTITY = { aadObjectId: 'local-development-user', tenantId: null, displayName: null, email: null };

function sendError(req: Request, res: Response, status: number, code: string, defaultLanguage: TabApiOptions['defaultLanguage']): void {
  const t = translator(languageFromLocale(req.header('accept-language'), defaultLanguage));
  res.send(status, { error: { code, message: t(`apiErrors.${code}`) } });
}

/**
 * The tab's JSON API. Every call is authenticated: a Teams SSO token in production; in local
 * mode (loopback only) a request without a token acts as the development identity.
 */
export function registerTabApi(server: Server, options: TabApiOptions): void {
  const verify = options.sso ? createSsoVerifier(options.sso) : null;

  async function authenticate(req: Request): Promise<Member | null> {
    const authorization = req.header('authorization');
    if (verify && (authorization || options.mode === 'production')) {
      const identity = await verify(authorization);
      return resolveMember(options.db, options.clock, { ...identity, displayName: identity.name });
    }
    if (options.mode === 'local') {
      return resolveMember(options.db, options.clock, DEV_IDENTITY, { demoAuthorityId: options.demoAuthorityId });
    }
    throw new SsoError('sso_not_configured');
  }

  function route(handler: (req: Request, res: Response, member: Member) => void) {
    return async (req: Request, res: Response) => {
      let member: Member | null;
      try {
        member = await authenticate(req);
      } catch (error) {
        log.info('tab.unauthenticated', { reason: error instanceof SsoError ? error.reason : String(error) });
        sendError(req, res, 401, 'unauthenticated', options.defaultLanguage);
        return;
      }
      if (!member) {
        sendError(req, res, 403, 'unmapped_user', options.defaultLanguage);
        return;
      }
      res.header('Cache-Control', 'no-store');
      handler(req, res, member);
    };
  }

  server.get(
    '/api/me',
    route((_req, res, member) => {
      res.send(200, {
        mode: options.mode,
        devIdentity: member.viaDemo,
        authority: { id: member.authority.id, shortName: member.authority.shortName, memberState: member.authority.memberState },
        role: member.role,
      });
    }),
  );

  server.get(
    '/api/plans',
    route((_req, res) => {
      res.send(200, { years: listPlanYears(options.db) });
    }),
  );

  server.get(
    '/api/plans/:year',
    route((req, res) => {
      const year = Number(req.params.year);
      const plan = Number.isInteger(year) ? getPlanView(options.db, year) : null;
      if (!plan) {
        sendError(req, res, 404, 'plan_not_found', options.defaultLanguage);
        return;
      }
      res.send(200, plan);
    }),
  );
}

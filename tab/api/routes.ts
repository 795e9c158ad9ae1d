import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { resolveMember, type Member } from '../../src/identity/members';
import { getPlanView, listPlanYears } from '../../src/plans/planQueries';
import type { Language } from '../../src/i18n/languages';
import { translator, type Translate } from '../../src/i18n/translate';
import { log } from '../../src/log';
import { requestLanguage, sendError, sendFailure } from './apiResponses';
import { readTicket } from '../../src/links/linkTickets';
import { createSsoVerifier, SsoError, type SsoVerifierOptions } from './ssoToken';
import type { MeBody, PlanBody, PlanYearsBody } from './apiTypes';
import { registerPlanApi } from './planApi';
import { registerCycleApi } from './cycleApi';
import { registerMembershipApi } from './membershipApi';
import { inactiveAuthorityOf } from '../../src/reference/participants';
import { registerRequestApi } from './requestApi';
import { registerDossierApi } from './dossierApi';
import { registerMineApi } from './mineApi';
import { registerAlertApi } from './alertApi';
import type { AnswerDays } from '../../src/alerts/answerDeadlines';

export interface TabApiOptions {
  db: Db;
  clock: Clock;
  mode: 'local' | 'production';
  defaultLanguage: Language;
  /** Local mode only: the authority of the clearly labelled development identity. */
  demoAuthorityId: string | null;
  sso: SsoVerifierOptions | null;
  /** Runs after a write committed: the composition root has the domain's new events posted. */
  afterWrite?: () => void;
  /** Working days within which an alert asks for answers (a corrected urgency moves its deadline). */
  alertAnswerDays?: AnswerDays;
}

/** What a route handler gets besides the request: who asks, in which language, under which correlation id. */
export interface RouteContext {
  member: Member;
  language: Language;
  t: Translate;
  correlationId: string;
}

export type RouteHandler = (req: Request, res: Response, member: Member, context: RouteContext) => void | Promise<void>;

export interface RouteOptions {
  /** A signed link (`?ticket=`) may stand in for the token: read-only pages opened in a browser. */
  allowTicket?: boolean;
}

export type RouteWrapper = (handler: RouteHandler, options?: RouteOptions) => (req: Request, res: Response) => Promise<void>;

const DEV_IDENTITY = { aadObjectId: 'local-development-user', tenantId: null, displayName: null, email: null };

/**
 * The tab's JSON API, the plan's and the information requests' routes included. Every call is authenticated: a Teams SSO token in production; in local
 * mode (loopback only) a request without a token acts as the development identity.
 */
export function registerTabApi(server: Server, options: TabApiOptions): void {
  const verify = options.sso ? createSsoVerifier(options.sso) : null;
  const demo = options.mode === 'local' ? { demoAuthorityId: options.demoAuthorityId } : {};

  async function authenticate(req: Request, routeOptions: RouteOptions): Promise<Member | { inactive: string } | null> {
    const authorization = req.header('authorization');
    const ticket = (req.query as Record<string, unknown> | undefined)?.ticket;
    if (routeOptions.allowTicket && !authorization && typeof ticket === 'string') {
      const valid = await readTicket(options.db, options.clock, ticket, req.path());
      if (!valid) throw new SsoError('invalid_ticket');
      return resolveMember(options.db, options.clock, { aadObjectId: valid.aadObjectId, tenantId: null }, demo);
    }
    if (verify && (authorization || options.mode === 'production')) {
      const identity = await verify(authorization);
      const left = inactiveAuthorityOf(options.db, identity.aadObjectId);
      if (left) return { inactive: `${left.shortName} (${left.memberState ?? 'EU'})` };
      return resolveMember(options.db, options.clock, { ...identity, displayName: identity.name });
    }
    if (options.mode === 'local') {
      return resolveMember(options.db, options.clock, DEV_IDENTITY, demo);
    }
    throw new SsoError('sso_not_configured');
  }

  const route: RouteWrapper = (handler, routeOptions = {}) => {
    return async (req: Request, res: Response) => {
      const language = requestLanguage(req, options.defaultLanguage);
      const t = translator(language);
      let member: Member | { inactive: string } | null;
      try {
        member = await authenticate(req, routeOptions);
      } catch (error) {
        log.info('tab.unauthenticated', { reason: error instanceof SsoError ? error.reason : String(error) });
        sendError(res, 401, 'unauthenticated', t('apiErrors.unauthenticated'));
        return;
      }
      if (!member) {
        sendError(res, 403, 'unmapped_user', t('apiErrors.unmapped_user'));
        return;
      }
      if ('inactive' in member) {
        sendError(res, 403, 'authority_inactive', t('states.refused.inactiveAuthority', { authority: member.inactive }));
        return;
      }
      res.header('Cache-Control', 'no-store');
      const correlationId = randomUUID();
      try {
        await handler(req, res, member, { member, language, t, correlationId });
      } catch (error) {
        sendFailure(res, error, t, language, correlationId, req.path());
      }
    };
  };

  server.get(
    '/api/me',
    route((_req, res, member) => {
      res.send(200, {
        mode: options.mode,
        devIdentity: member.viaDemo,
        authority: { id: member.authority.id, shortName: member.authority.shortName, memberState: member.authority.memberState },
        role: member.role,
      } satisfies MeBody);
    }),
  );

  server.get(
    '/api/plans',
    route((_req, res) => {
      res.send(200, { years: listPlanYears(options.db) } satisfies PlanYearsBody);
    }),
  );

  server.get(
    '/api/plans/:year',
    route((req, res, _member, { t }) => {
      const year = Number(req.params.year);
      const plan = Number.isInteger(year) ? getPlanView(options.db, year) : null;
      if (!plan) {
        sendError(res, 404, 'plan_not_found', t('apiErrors.plan_not_found'));
        return;
      }
      res.send(200, plan satisfies PlanBody);
    }),
  );

  registerPlanApi(server, route, { db: options.db, clock: options.clock, afterWrite: options.afterWrite });
  registerCycleApi(server, route, { db: options.db, clock: options.clock, afterWrite: options.afterWrite });
  registerMembershipApi(server, route, { db: options.db, clock: options.clock, afterWrite: options.afterWrite });
  registerRequestApi(server, route, { db: options.db, clock: options.clock });
  registerDossierApi(server, route, { db: options.db, clock: options.clock });
  registerMineApi(server, route, { db: options.db, clock: options.clock });
  registerAlertApi(server, route, { db: options.db, clock: options.clock, mode: options.mode, answerDays: options.alertAnswerDays, afterWrite: options.afterWrite });
}

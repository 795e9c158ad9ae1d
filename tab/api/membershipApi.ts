import type { Request, Server } from 'restify';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { DomainError } from '../../src/errors';
import { countryName } from '../../src/reference/countries';
import { validateAuthorityDraft, type AuthorityDraft } from '../../src/membership/participantInput';
import { addAuthority, admitMemberState, deactivateAuthority, deactivateMemberState, listParticipation, reactivateAuthority, reactivateMemberState } from '../../src/membership/membershipChanges';
import { authorityName } from '../../src/reference/authorityNames';
import type { RouteWrapper } from './routes';
import { jsonBody } from './requestParts';

export interface MembershipApiContext {
  db: Db;
  clock: Clock;
  /** Runs after a write committed: the change's channel post, and a plan agreed by a state's leaving. */
  afterWrite?: () => void;
}

const DRAFT_FIELDS = ['country', 'shortName', 'nameLocal', 'nameEn', 'type', 'emailDomains', 'tenantIds'] as const;

/** The body as the form's fields: lists may come as arrays or as text, one per line or comma. */
function draftOf(req: Request, country?: string): Partial<AuthorityDraft> {
  const body = jsonBody(req);
  const draft: Partial<AuthorityDraft> = {};
  for (const field of DRAFT_FIELDS) {
    const value = body[field];
    if (typeof value === 'string') draft[field] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) draft[field] = value.join(',');
  }
  if (country !== undefined) draft.country = country;
  return draft;
}

function formIdOf(req: Request): string | null {
  const value = (req.body as Record<string, unknown> | undefined)?.formId;
  return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? value : null;
}

function checked(draft: Partial<AuthorityDraft>) {
  const result = validateAuthorityDraft(draft);
  if (!result.ok) throw new DomainError(result.errors);
  return result.input;
}

/**
 * The open process in the tab API: the member states and their authorities (any member), and for
 * coordinators admitting a state, adding an authority, deactivating and reactivating a state or
 * one authority, through the same commands as `/state` and `/authority` in Teams. Refusals of who
 * the reader is are 403, bad fields 400 with a message per field, a wrong move (reactivating one
 * that takes part) 400 with its message.
 */
export function registerMembershipApi(server: Server, route: RouteWrapper, context: MembershipApiContext): void {
  const { db, clock } = context;

  server.get(
    '/api/member-states',
    route((_req, res, _member, { language }) => {
      res.send(200, {
        states: listParticipation(db).map((state) => ({
          ...state,
          name: countryName(state.code, language),
          // The authority's name in the reader's language when known, else its own official one.
          authorities: state.authorities.map((authority) => ({ ...authority, name: authorityName(authority, language) })),
        })),
      });
    }),
  );

  server.post(
    '/api/member-states',
    route((req, res, member, { correlationId }) => {
      const result = admitMemberState(db, clock, member, checked(draftOf(req)), { formId: formIdOf(req), correlationId });
      context.afterWrite?.();
      res.send(result.kind === 'alreadyDone' ? 200 : 201, result);
    }),
  );

  server.post(
    '/api/member-states/:code/authorities',
    route((req, res, member, { correlationId }) => {
      const result = addAuthority(db, clock, member, checked(draftOf(req, String(req.params.code))), { formId: formIdOf(req), correlationId });
      context.afterWrite?.();
      res.send(result.kind === 'alreadyDone' ? 200 : 201, result);
    }),
  );

  server.post(
    '/api/member-states/:code/deactivate',
    route((req, res, member, { correlationId }) => {
      const result = deactivateMemberState(db, clock, member, String(req.params.code).slice(0, 10), { correlationId });
      context.afterWrite?.();
      res.send(200, result);
    }),
  );

  server.post(
    '/api/member-states/:code/reactivate',
    route((req, res, member, { correlationId }) => {
      const result = reactivateMemberState(db, clock, member, String(req.params.code).slice(0, 10), { correlationId });
      context.afterWrite?.();
      res.send(200, result);
    }),
  );

  server.post(
    '/api/authorities/:id/deactivate',
    route((req, res, member, { correlationId }) => {
      const result = deactivateAuthority(db, clock, member, String(req.params.id).slice(0, 40), { correlationId });
      context.afterWrite?.();
      res.send(200, result);
    }),
  );

  server.post(
    '/api/authorities/:id/reactivate',
    route((req, res, member, { correlationId }) => {
      const result = reactivateAuthority(db, clock, member, String(req.params.id).slice(0, 40), { correlationId });
      context.afterWrite?.();
      res.send(200, result);
    }),
  );
}

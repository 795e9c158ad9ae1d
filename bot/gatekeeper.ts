import { ActivityTypes, TeamsInfo, type TeamsChannelData, type TurnContext } from 'botbuilder';
import { languageFromLocale } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';
import { findMappedMember, resolveMember, type Member } from '../src/identity/members';
import { inactiveAuthorityOf, isParticipantTenant } from '../src/reference/participants';
import { log } from '../src/log';
import type { BotDeps } from './deps';
import { newCorrelationId, setTurnInfo, turnInfo } from './turn';
import { rememberIfNew } from './handlers/install';
import { checkInvoke, invokeMessageBody, type InvokeRoutes } from './invokeRouting';

const MEMBER_LOOKUP_TIMEOUT_MS = 4000;

/** ALLOWED_TENANT_IDS, and with ALLOW_PARTICIPANT_TENANTS the tenants active authorities list in the store. */
export function tenantAllowed(deps: BotDeps, tenant: string): boolean {
  return deps.config.allowedTenantIds.includes(tenant) || (deps.config.participantTenantsAllowed && isParticipantTenant(deps.db, tenant));
}

function tenantOf(context: TurnContext): string | null {
  const channelData = (context.activity.channelData ?? {}) as TeamsChannelData;
  return (context.activity.conversation?.tenantId ?? channelData.tenant?.id ?? null)?.toLowerCase() ?? null;
}

/** Answers a refused turn in the form the activity expects, without storing anything. */
async function refuse(context: TurnContext, message: string, error?: { statusCode: number; code: string }): Promise<void> {
  const activity = context.activity;
  if (activity.type === ActivityTypes.Message) {
    await context.sendActivity(message);
  } else if (activity.type === ActivityTypes.Invoke) {
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: invokeMessageBody(activity.name ?? '', message, error) } });
  }
}

interface RosterEntry {
  email: string | null;
  userPrincipalName: string | null;
  tenantId: string | null;
}

const NOT_ON_ROSTER: RosterEntry = { email: null, userPrincipalName: null, tenantId: null };

/** What the roster says of the sender: their e-mail, principal name and, in a shared channel, their own tenant. */
async function lookUpMember(context: TurnContext): Promise<RosterEntry> {
  const from = context.activity.from;
  if (!from?.id) return NOT_ON_ROSTER;
  try {
    const member = await Promise.race([
      TeamsInfo.getMember(context, from.id),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('member lookup timed out')), MEMBER_LOOKUP_TIMEOUT_MS).unref()),
    ]);
    return { email: member.email || null, userPrincipalName: member.userPrincipalName || null, tenantId: member.tenantId?.toLowerCase() ?? null };
  } catch (error) {
    log.warn('member.lookup_failed', { error: error as Error });
    return NOT_ON_ROSTER;
  }
}

type Identified = { member: Member } | { refused: 'unmapped' | 'tenant' } | { refused: 'inactive'; authority: string };

async function identifyMember(context: TurnContext, deps: BotDeps): Promise<Identified> {
  const from = context.activity.from;
  const aadObjectId = from?.aadObjectId ?? from?.id;
  if (!aadObjectId) return { refused: 'unmapped' };
  const known = findMappedMember(deps.db, aadObjectId);
  if (known) return { member: known };
  // Mapped to an authority whose state has left: told so, rather than mapped afresh or given a demo authority.
  const left = inactiveAuthorityOf(deps.db, aadObjectId);
  if (left) return { refused: 'inactive', authority: `${left.shortName} (${left.memberState ?? 'EU'})` };
  const roster = await lookUpMember(context);
  // An external member of a shared channel keeps their own tenant: it must be allowed too, not
  // only the host's, before anything about them is stored.
  if (deps.config.mode === 'production' && roster.tenantId && !tenantAllowed(deps, roster.tenantId)) {
    log.warn('turn.refused_member_tenant', { tenant: roster.tenantId, type: context.activity.type });
    return { refused: 'tenant' };
  }
  const member = resolveMember(
    deps.db,
    deps.clock,
    {
      aadObjectId,
      tenantId: roster.tenantId ?? tenantOf(context),
      displayName: from.name ?? null,
      email: roster.email,
      userPrincipalName: roster.userPrincipalName,
      locale: context.activity.locale ?? null,
    },
    { demoAuthorityId: deps.config.demoAuthorityId },
  );
  return member ? { member } : { refused: 'unmapped' };
}

/**
 * Runs before every route: picks the language, enforces the tenant and team allowlists in
 * production, and maps the user to the authority they act for. Returning false ends the turn.
 */
export function gatekeeper(deps: BotDeps, routes: InvokeRoutes) {
  return async (context: TurnContext): Promise<boolean> => {
    const language = languageFromLocale(context.activity.locale, deps.config.defaultLanguage);
    const t = translator(language);
    setTurnInfo(context, { language, t, member: null, correlationId: newCorrelationId() });
    if (deps.config.mode === 'production') {
      const tenant = tenantOf(context);
      if (!tenant || !tenantAllowed(deps, tenant)) {
        log.warn('turn.refused_tenant', { tenant, type: context.activity.type });
        await refuse(context, t('errors.tenantNotAllowed'));
        return false;
      }
      const teamId = ((context.activity.channelData ?? {}) as TeamsChannelData).team?.id;
      if (deps.config.allowedTeamIds.length > 0 && teamId && !deps.config.allowedTeamIds.includes(teamId)) {
        log.warn('turn.refused_team', { type: context.activity.type });
        await refuse(context, t('errors.teamNotAllowed'));
        return false;
      }
    }
    const type = context.activity.type;
    if (type === ActivityTypes.Invoke) {
      const check = checkInvoke(context.activity, routes);
      // Unhandled: no route answers, so botbuilder says 501, as for any invoke a bot does not implement.
      if (check.kind === 'unhandled') return false;
      if (check.kind === 'refuse') {
        log.info('turn.refused_invoke', { name: context.activity.name, code: check.code });
        await refuse(context, t(`errors.invoke.${check.code}`), { statusCode: 400, code: check.code });
        return false;
      }
    }
    if (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) return true;
    const identified = await identifyMember(context, deps);
    if ('refused' in identified) {
      if (identified.refused === 'unmapped') log.info('turn.refused_unmapped_user', { type });
      if (identified.refused === 'inactive') {
        log.info('turn.refused_inactive_authority', { type });
        await refuse(context, t('states.refused.inactiveAuthority', { authority: identified.authority }));
        return false;
      }
      await refuse(context, t(identified.refused === 'tenant' ? 'errors.tenantNotAllowed' : 'errors.unmappedUser'));
      return false;
    }
    const { member } = identified;
    turnInfo(context).member = member;
    if (type === ActivityTypes.Message) rememberIfNew(context, deps);
    return true;
  };
}

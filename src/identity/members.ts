import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, type Actor } from '../audit/audit';
import { authorityForDomain, authorityForTenantAndDomain, findAuthority, tenantMayActFor, type Authority } from '../reference/participants';
import { guestHomeAddress, parseMailbox } from './addresses';

export type MemberRole = 'member' | 'coordinator';

/** A person acting in the cooperation: who they are, and which authority they act for. */
export interface Member {
  userId: number;
  aadObjectId: string;
  authority: Authority;
  role: MemberRole;
  /** True when a local-mode user without a mapping acts for a demo authority (the configured one, or their choice). */
  viaDemo: boolean;
  /** Local mode: the demo authority is the one this user chose with `/demo as`, not the configured default. */
  demoChosen?: boolean;
}

export interface UserIdentity {
  aadObjectId: string;
  /** The person's own (home) tenant: in a shared channel not the conversation's, which is the host's. */
  tenantId: string | null;
  displayName?: string | null;
  email?: string | null;
  /** Their principal name: a guest's (`local_domain#EXT#@host…`) carries their home address. */
  userPrincipalName?: string | null;
  locale?: string | null;
}

interface UserRow {
  id: number;
  authorityId: string | null;
  role: MemberRole;
  demoAuthorityId: string | null;
}

function findUser(db: Db, aadObjectId: string): UserRow | undefined {
  return sql(db, 'SELECT id, authority_id AS authorityId, role, demo_authority_id AS demoAuthorityId FROM users WHERE aad_object_id = ?').get(aadObjectId) as
    | UserRow
    | undefined;
}

/** The member already mapped to an authority, without asking anyone for their e-mail. */
export function findMappedMember(db: Db, aadObjectId: string): Member | null {
  const user = findUser(db, aadObjectId);
  if (!user?.authorityId) return null;
  const authority = findAuthority(db, user.authorityId);
  return authority ? { userId: user.id, aadObjectId, authority, role: user.role, viaDemo: false } : null;
}

function upsertUser(db: Db, clock: Clock, identity: UserIdentity, authorityId: string | null): UserRow {
  const now = clock.now().toISOString();
  sql(
    db,
    `INSERT INTO users (aad_object_id, tenant_id, display_name, authority_id, locale, created_at, last_seen_at)
     VALUES (@aadObjectId, @tenantId, @displayName, @authorityId, @locale, @now, @now)
     ON CONFLICT(aad_object_id) DO UPDATE SET
       tenant_id = excluded.tenant_id,
       display_name = COALESCE(excluded.display_name, users.display_name),
       authority_id = COALESCE(excluded.authority_id, users.authority_id),
       locale = COALESCE(excluded.locale, users.locale),
       last_seen_at = excluded.last_seen_at`,
  ).run({
    aadObjectId: identity.aadObjectId,
    tenantId: identity.tenantId,
    displayName: identity.displayName ?? null,
    authorityId,
    locale: identity.locale ?? null,
    now,
  });
  return findUser(db, identity.aadObjectId)!;
}

export interface ResolveOptions {
  /** Only set in local mode: the authority an unmapped user acts for. */
  demoAuthorityId?: string | null;
}

/**
 * The authority a person's identity points to, by the rules in their order (the first that finds
 * an authority decides): their home tenant together with their e-mail domain; else the home
 * address decoded from a guest's principal name; else their e-mail. 'refused' when the authority
 * found by an address lists tenants and the person's is not one of them: an address is what a
 * guest account or a look-alike can claim, a tenant is not.
 */
function authorityOf(db: Db, identity: UserIdentity): Authority | 'refused' | null {
  const names = [identity.email, identity.userPrincipalName].filter((name): name is string => typeof name === 'string' && name.length > 0);
  // A plain mailbox only: a guest's name in the e-mail field (the tab's token) is decoded below instead.
  const mailbox = names.map((name) => (guestHomeAddress(name) ? null : parseMailbox(name))).find((found) => found !== null) ?? null;
  if (identity.tenantId && mailbox) {
    const byTenant = authorityForTenantAndDomain(db, identity.tenantId, mailbox.domain);
    if (byTenant) return byTenant;
  }
  const guestHome = [identity.userPrincipalName, identity.email].map((name) => (name ? guestHomeAddress(name) : null)).find((home) => home !== null) ?? null;
  const address = guestHome ? parseMailbox(guestHome) : mailbox;
  const byAddress = address ? authorityForDomain(db, address.domain) : null;
  if (!byAddress) return null;
  return tenantMayActFor(db, byAddress.id, identity.tenantId) ? byAddress : 'refused';
}

/**
 * Maps a Teams user to the authority they work for: an existing mapping, else by `authorityOf`'s
 * rules, and only from a tenant the authority lists when it lists any.
 * An unmapped user gets a demo authority in local mode (the one they chose with `/demo as`, else
 * the configured one) and nothing in production, where nothing about them is stored either.
 */
export function resolveMember(db: Db, clock: Clock, identity: UserIdentity, options: ResolveOptions = {}): Member | null {
  const known = findMappedMember(db, identity.aadObjectId);
  if (known) return known;
  const authority = authorityOf(db, identity);
  if (authority === 'refused') return null;
  if (authority) {
    return db.transaction(() => {
      const userId = upsertUser(db, clock, identity, authority.id).id;
      const actor: Actor = { userId, aadObjectId: identity.aadObjectId, authorityId: authority.id };
      appendAudit(db, clock, { actor, action: 'user.mapped', subjectType: 'authority', subjectRef: authority.id });
      const role = findUser(db, identity.aadObjectId)!.role;
      return { userId, aadObjectId: identity.aadObjectId, authority, role, viaDemo: false };
    }).immediate();
  }
  const demo = options.demoAuthorityId ? findAuthority(db, options.demoAuthorityId) : null;
  if (!demo) return null;
  const user = db.transaction(() => upsertUser(db, clock, identity, null)).immediate();
  // A chosen authority that has since left the cooperation (inactive) falls back to the configured one.
  const chosen = user.demoAuthorityId && user.demoAuthorityId !== demo.id ? findAuthority(db, user.demoAuthorityId) : null;
  const member: Member = { userId: user.id, aadObjectId: identity.aadObjectId, authority: chosen ?? demo, role: 'coordinator', viaDemo: true };
  if (chosen) member.demoChosen = true;
  return member;
}

export function actorOf(member: Member): Actor {
  return { userId: member.userId, aadObjectId: member.aadObjectId, authorityId: member.authority.id };
}

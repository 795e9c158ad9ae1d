import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, type Actor } from '../audit/audit';
import { authorityForEmail, findAuthority, tenantMayActFor, type Authority } from '../reference/participants';

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
 * Maps a Teams user to the authority they work for, by the domain of their e-mail address (a
 * guest's by the home address in their principal name), and only from a tenant the authority
 * lists when it lists any.
 * An unmapped user gets a demo authority in local mode (the one they chose with `/demo as`, else
 * the configured one) and nothing in production, where nothing about them is stored either.
 */
export function resolveMember(db: Db, clock: Clock, identity: UserIdentity, options: ResolveOptions = {}): Member | null {
  const known = findMappedMember(db, identity.aadObjectId);
  if (known) return known;
  const byAddress = identity.email ? authorityForEmail(db, identity.email) : null;
  const authority = byAddress && tenantMayActFor(db, byAddress.id, identity.tenantId) ? byAddress : null;
  if (byAddress && !authority) return null;
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

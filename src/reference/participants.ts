import { z } from 'zod';
import participantsFile from './participants.json';
import { mappingAddress } from '../identity/addresses';
import { sql, type Db } from '../store/database';

const localisedNames = z.object({ en: z.string().min(1) }).catchall(z.string().min(1));

const participantsSchema = z.object({
  memberStates: z.array(
    z.object({
      code: z.string().regex(/^[A-Z]{2}$/),
      names: z.object({ en: z.string(), fr: z.string(), it: z.string(), pt: z.string(), es: z.string() }),
      joinedYear: z.number().int().min(2023),
      active: z.boolean().optional(),
    }),
  ),
  authorities: z.array(
    z.object({
      id: z.string().regex(/^[A-Z]{2}-[A-Z0-9]+$/),
      memberState: z.string().regex(/^[A-Z]{2}$/).nullable(),
      type: z.enum(['labour_inspectorate', 'social_security', 'ministry', 'eu_agency']),
      role: z.enum(['participant', 'supporter']),
      shortName: z.string().min(1),
      names: localisedNames,
      emailDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i)),
      // The tenants its people sign in from; empty: any allowed tenant, the e-mail domain decides.
      tenantIds: z.array(z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)).default([]),
      active: z.boolean().optional(),
      // A tag of the cooperation channel's team that reaches this authority's people (Teams
      // admin: Manage tags; the id as Graph lists it). Channel posts then mention the tag.
      teamsTag: z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(100) }).optional(),
    }),
  ),
});

export type Participants = z.infer<typeof participantsSchema>;

/** The member states and authorities are data: joining the cooperation means editing participants.json. */
export function loadParticipants(raw: unknown = participantsFile): Participants {
  const participants = participantsSchema.parse(raw);
  const states = new Set(participants.memberStates.map((s) => s.code));
  for (const authority of participants.authorities) {
    if (authority.memberState && !states.has(authority.memberState)) {
      throw new Error(`participants.json: authority ${authority.id} names unknown member state ${authority.memberState}`);
    }
  }
  return participants;
}

/**
 * Brings the store in line with the reference file at every start. Rows are upserted, never
 * deleted, because alerts and actions keep pointing at them; one missing from the file is deactivated.
 * What coordinators changed in the app (participant_changes) stands: a state or authority they
 * added keeps its row, domains and tenants, and one they deactivated stays inactive.
 */
export function syncParticipants(db: Db, participants: Participants): void {
  activeAuthorities.delete(db);
  const ADDED = "SELECT id FROM participant_changes WHERE kind = @kind AND change = 'added'";
  const DEACTIVATED = "SELECT id FROM participant_changes WHERE kind = @kind AND change = 'deactivated'";
  db.transaction(() => {
    sql(db, `UPDATE member_states SET active = 0 WHERE code NOT IN (${ADDED})`).run({ kind: 'member_state' });
    sql(db, `UPDATE authorities SET active = 0 WHERE id NOT IN (${ADDED})`).run({ kind: 'authority' });
    const deactivatedStates = new Set((sql(db, DEACTIVATED).all({ kind: 'member_state' }) as Array<{ id: string }>).map((row) => row.id));
    const deactivatedAuthorities = new Set((sql(db, DEACTIVATED).all({ kind: 'authority' }) as Array<{ id: string }>).map((row) => row.id));
    for (const state of participants.memberStates) {
      sql(
        db,
        `INSERT INTO member_states (code, names_json, joined_year, active) VALUES (@code, @names, @joinedYear, @active)
         ON CONFLICT(code) DO UPDATE SET names_json = excluded.names_json, joined_year = excluded.joined_year, active = excluded.active`,
      ).run({ code: state.code, names: JSON.stringify(state.names), joinedYear: state.joinedYear, active: state.active === false || deactivatedStates.has(state.code) ? 0 : 1 });
    }
    sql(db, `DELETE FROM authority_email_domains WHERE authority_id NOT IN (${ADDED})`).run({ kind: 'authority' });
    sql(db, `DELETE FROM authority_tenants WHERE authority_id NOT IN (${ADDED})`).run({ kind: 'authority' });
    sql(db, 'DELETE FROM authority_teams_tags').run();
    for (const authority of participants.authorities) {
      const off = authority.active === false || deactivatedAuthorities.has(authority.id) || (authority.memberState !== null && deactivatedStates.has(authority.memberState));
      sql(
        db,
        `INSERT INTO authorities (id, member_state, type, role, short_name, names_json, active)
         VALUES (@id, @memberState, @type, @role, @shortName, @names, @active)
         ON CONFLICT(id) DO UPDATE SET member_state = excluded.member_state, type = excluded.type, role = excluded.role,
           short_name = excluded.short_name, names_json = excluded.names_json, active = excluded.active`,
      ).run({
        id: authority.id,
        memberState: authority.memberState,
        type: authority.type,
        role: authority.role,
        shortName: authority.shortName,
        names: JSON.stringify(authority.names),
        active: off ? 0 : 1,
      });
      // The file decides its own authorities' domains, also over one a coordinator gave another authority.
      for (const domain of authority.emailDomains) {
        sql(db, 'INSERT INTO authority_email_domains (domain, authority_id) VALUES (?, ?) ON CONFLICT(domain) DO UPDATE SET authority_id = excluded.authority_id').run(
          domain.toLowerCase(),
          authority.id,
        );
      }
      for (const tenantId of authority.tenantIds) sql(db, 'INSERT OR IGNORE INTO authority_tenants (tenant_id, authority_id) VALUES (?, ?)').run(tenantId.toLowerCase(), authority.id);
      if (authority.teamsTag) sql(db, 'INSERT INTO authority_teams_tags (authority_id, tag_id, tag_name) VALUES (?, ?, ?)').run(authority.id, authority.teamsTag.id, authority.teamsTag.name);
    }
  }).immediate();
}

export interface Authority {
  id: string;
  memberState: string | null;
  type: 'labour_inspectorate' | 'social_security' | 'ministry' | 'eu_agency';
  role: 'participant' | 'supporter';
  shortName: string;
  names: Record<string, string>;
}

interface AuthorityRow {
  id: string;
  memberState: string | null;
  type: Authority['type'];
  role: Authority['role'];
  shortName: string;
  names: string;
}

const AUTHORITY_COLUMNS =
  'a.id, a.member_state AS memberState, a.type, a.role, a.short_name AS shortName, a.names_json AS names';

function toAuthority(row: AuthorityRow): Authority {
  return { ...row, names: JSON.parse(row.names) };
}

/**
 * Active authorities by id, read once per store: every turn asks for its member's authority, and
 * authorities only change in syncParticipants and the membership commands, which forget this.
 */
const activeAuthorities = new WeakMap<Db, Map<string, Authority>>();

/** After a change of the authorities (src/membership): the next lookup reads them again. */
export function forgetAuthorities(db: Db): void {
  activeAuthorities.delete(db);
}

export function findAuthority(db: Db, id: string): Authority | null {
  let known = activeAuthorities.get(db);
  if (!known) {
    known = new Map(listAuthorities(db).map((authority) => [authority.id, Object.freeze(authority)]));
    activeAuthorities.set(db, known);
  }
  return known.get(id) ?? null;
}

export function listAuthorities(db: Db): Authority[] {
  return (sql(db, `SELECT ${AUTHORITY_COLUMNS} FROM authorities a WHERE a.active = 1 ORDER BY a.member_state, a.id`).all() as AuthorityRow[]).map(toAuthority);
}

/** A domain and its parents by whole labels, most specific first (never the bare top-level label). */
function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}

/** The active authority one of whose e-mail domains is this domain or a parent of it, by whole labels. */
export function authorityForDomain(db: Db, domain: string): Authority | null {
  const lookUp = sql(db, `SELECT ${AUTHORITY_COLUMNS} FROM authority_email_domains d JOIN authorities a ON a.id = d.authority_id WHERE d.domain = ? AND a.active = 1`);
  for (const candidate of domainAndParents(domain.toLowerCase())) {
    const row = lookUp.get(candidate) as AuthorityRow | undefined;
    if (row) return toAuthority(row);
  }
  return null;
}

/**
 * The authority whose e-mail domain (or a parent domain of it, by whole labels) the address
 * belongs to; a guest's principal name counts for their home address. An address that is not one
 * plain mailbox maps to none.
 */
export function authorityForEmail(db: Db, email: string): Authority | null {
  const mailbox = mappingAddress(email);
  return mailbox ? authorityForDomain(db, mailbox.domain) : null;
}

/**
 * The authority a person's home tenant and e-mail domain agree on: among the authorities listing
 * that tenant (one, or several where bodies share a ministry's tenant), the one whose domain the
 * address is in. None when no authority lists the tenant or none of those has the domain.
 */
export function authorityForTenantAndDomain(db: Db, tenantId: string, domain: string): Authority | null {
  const lookUp = sql(
    db,
    `SELECT ${AUTHORITY_COLUMNS} FROM authority_tenants t
       JOIN authority_email_domains d ON d.authority_id = t.authority_id
       JOIN authorities a ON a.id = t.authority_id
     WHERE t.tenant_id = ? AND d.domain = ? AND a.active = 1`,
  );
  for (const candidate of domainAndParents(domain.toLowerCase())) {
    const row = lookUp.get(tenantId.toLowerCase(), candidate) as AuthorityRow | undefined;
    if (row) return toAuthority(row);
  }
  return null;
}

/**
 * Whether a person of this tenant may act for the authority: yes when the authority lists no
 * tenants, else only from one of those it lists. An unknown tenant is not one of them.
 */
export function tenantMayActFor(db: Db, authorityId: string, tenantId: string | null): boolean {
  const listed = sql(db, 'SELECT tenant_id AS id FROM authority_tenants WHERE authority_id = ?').all(authorityId) as Array<{ id: string }>;
  if (listed.length === 0) return true;
  return tenantId !== null && listed.some((row) => row.id === tenantId.toLowerCase());
}

export interface MemberState {
  code: string;
  names: Record<string, string>;
}

export function listMemberStates(db: Db): MemberState[] {
  return (sql(db, 'SELECT code, names_json AS names FROM member_states WHERE active = 1 ORDER BY code').all() as Array<{ code: string; names: string }>).map(
    (row) => ({ code: row.code, names: JSON.parse(row.names) }),
  );
}

/**
 * Whether an active authority lists this tenant: with ALLOW_PARTICIPANT_TENANTS, such a tenant is
 * served as if it were in ALLOWED_TENANT_IDS, so a state added in the app needs no restart.
 */
export function isParticipantTenant(db: Db, tenantId: string): boolean {
  return (
    sql(db, 'SELECT 1 FROM authority_tenants t JOIN authorities a ON a.id = t.authority_id WHERE t.tenant_id = ? AND a.active = 1 LIMIT 1').get(tenantId.toLowerCase()) !==
    undefined
  );
}

/** The authority a person was mapped to when it has since been deactivated (its state left), else null. */
export function inactiveAuthorityOf(db: Db, aadObjectId: string): { id: string; shortName: string; memberState: string | null } | null {
  const row = sql(
    db,
    `SELECT a.id, a.short_name AS shortName, a.member_state AS memberState FROM users u JOIN authorities a ON a.id = u.authority_id
      WHERE u.aad_object_id = ? AND a.active = 0`,
  ).get(aadObjectId) as { id: string; shortName: string; memberState: string | null } | undefined;
  return row ?? null;
}

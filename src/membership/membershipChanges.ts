import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError, type DomainErrorDetail } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { isCoordinator } from '../plans/actionAccess';
import { LANGUAGES } from '../i18n/languages';
import { countryName } from '../reference/countries';
import { forgetAuthorities } from '../reference/participants';
import { agreeWhenAllEndorsed } from '../plans/endorsement';
import { recordEvent } from '../events/domainEvents';
import type { AuthorityInput } from './participantInput';

function assertMayChange(member: Member): void {
  if (!isCoordinator(member)) throw new DomainError({ key: 'states.errors.coordinatorsOnly' });
}

export type MembershipResult =
  | { kind: 'admitted' | 'added'; country: string; authorityId: string }
  /** A resent form: what its first submission did. */
  | { kind: 'alreadyDone'; country: string; authorityId: string };

interface StateRow {
  code: string;
  active: number;
}

function stateRow(db: Db, code: string): StateRow | undefined {
  return sql(db, 'SELECT code, active FROM member_states WHERE code = ?').get(code) as StateRow | undefined;
}

type ParticipantKind = 'member_state' | 'authority';
type ParticipantChange = 'added' | 'deactivated' | 'reactivated';

/**
 * A change of membership: its line in the history (every one, in order), the row the start-up
 * sync honours (the latest of each kind: a reactivation takes away the deactivation it undoes, so
 * participants.json decides again for a state it lists), and the domain event the channel post
 * comes from. `withState`: an authority that leaves or comes back with its state (no event of its own).
 */
function recordChange(
  db: Db,
  clock: Clock,
  kind: ParticipantKind,
  id: string,
  change: ParticipantChange,
  member: Member,
  at: string,
  formId: string | null,
  withState: string | null = null,
): void {
  if (change === 'reactivated') {
    sql(db, "DELETE FROM participant_changes WHERE kind = ? AND id = ? AND change = 'deactivated'").run(kind, id);
  } else {
    sql(
      db,
      `INSERT INTO participant_changes (kind, id, change, by_user_id, form_id, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(kind, id, change) DO UPDATE SET by_user_id = excluded.by_user_id, form_id = excluded.form_id, at = excluded.at`,
    ).run(kind, id, change, member.userId, formId, at);
  }
  sql(db, 'INSERT INTO participant_history (kind, id, change, with_state, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(kind, id, change, withState, member.userId, at);
  if (withState) return;
  if (kind === 'member_state') recordEvent(db, clock, { type: 'member_state.changed', ref: id, change: change === 'added' ? 'admitted' : change, at });
  else recordEvent(db, clock, { type: 'authority.changed', ref: id, change, at });
}

/** The authority a resent form already added, if this form added one. */
function addedByForm(db: Db, formId: string | null): { authorityId: string; country: string } | null {
  if (!formId) return null;
  const row = sql(
    db,
    `SELECT c.id AS authorityId, a.member_state AS country FROM participant_changes c JOIN authorities a ON a.id = c.id
      WHERE c.kind = 'authority' AND c.change = 'added' AND c.form_id = ?`,
  ).get(formId) as { authorityId: string; country: string } | undefined;
  return row ?? null;
}

/**
 * What the store must agree to: the id free, and each domain no other authority's. A domain that
 * is a parent of another authority's (`gov.pt` beside `act.gov.pt`) would map that authority's
 * neighbours: refused too.
 */
function checkAgainstStore(db: Db, input: AuthorityInput): void {
  const errors: DomainErrorDetail[] = [];
  const existing = sql(db, 'SELECT short_name AS shortName FROM authorities WHERE id = ?').get(input.id) as { shortName: string } | undefined;
  if (existing) errors.push({ field: 'shortName', key: 'states.errors.authorityExists', vars: { id: input.id } });
  const owners = sql(db, 'SELECT d.domain, a.id AS authorityId FROM authority_email_domains d JOIN authorities a ON a.id = d.authority_id').all() as Array<{ domain: string; authorityId: string }>;
  for (const domain of input.emailDomains) {
    const same = owners.find((owner) => owner.domain === domain);
    const below = owners.find((owner) => owner.domain.endsWith(`.${domain}`));
    if (same) errors.push({ field: 'emailDomains', key: 'states.errors.domainTaken', vars: { domain, authority: same.authorityId } });
    else if (below) errors.push({ field: 'emailDomains', key: 'states.errors.domainTooBroad', vars: { domain, other: below.domain, authority: below.authorityId } });
    if (same || below) break;
  }
  if (errors.length > 0) throw new DomainError(errors);
}

function insertAuthority(db: Db, input: AuthorityInput): void {
  sql(
    db,
    `INSERT INTO authorities (id, member_state, type, role, short_name, names_json, active) VALUES (?, ?, ?, 'participant', ?, ?, 1)`,
  ).run(input.id, input.country, input.type, input.shortName, JSON.stringify(input.names));
  for (const domain of input.emailDomains) sql(db, 'INSERT INTO authority_email_domains (domain, authority_id) VALUES (?, ?)').run(domain, input.id);
  for (const tenant of input.tenantIds) sql(db, 'INSERT INTO authority_tenants (tenant_id, authority_id) VALUES (?, ?)').run(tenant, input.id);
}

export interface ChangeOptions {
  formId?: string | null;
  correlationId?: string;
}

/**
 * A coordinator admits an EU member state with its first authority. Effective at once: every form,
 * filter and the next plan's endorsement read the active states from the store, and its people
 * are mapped by the authority's domains and tenants from their next message.
 */
export function admitMemberState(db: Db, clock: Clock, member: Member, input: AuthorityInput, options: ChangeOptions = {}): MembershipResult {
  assertMayChange(member);
  const result = inTransaction(db, (): MembershipResult => {
    const done = addedByForm(db, options.formId ?? null);
    if (done) return { kind: 'alreadyDone', ...done };
    const state = stateRow(db, input.country);
    if (state?.active === 1) throw new DomainError({ field: 'country', key: 'states.errors.alreadyMember', vars: { country: input.country } });
    if (state) throw new DomainError({ field: 'country', key: 'states.errors.wasMember', vars: { country: input.country } });
    checkAgainstStore(db, input);
    const now = clock.now();
    // The state's name in each language of the app, from the platform's CLDR data, as cards show it.
    const names = Object.fromEntries(LANGUAGES.map((language) => [language, countryName(input.country, language)]));
    sql(db, 'INSERT INTO member_states (code, names_json, joined_year, active) VALUES (?, ?, ?, 1)').run(input.country, JSON.stringify(names), now.getUTCFullYear());
    recordChange(db, clock, 'member_state', input.country, 'added', member, now.toISOString(), options.formId ?? null);
    appendAudit(db, clock, { actor: actorOf(member), action: 'member_state.admitted', subjectType: 'member_state', subjectRef: input.country, details: { authority: input.id }, correlationId: options.correlationId });
    addAuthorityRows(db, clock, member, input, now.toISOString(), options, input.country);
    return { kind: 'admitted', country: input.country, authorityId: input.id };
  });
  forgetAuthorities(db);
  return result;
}

/** An authority's rows, its change record and its audit entry: the same for a new state's first authority and a later one. */
function addAuthorityRows(db: Db, clock: Clock, member: Member, input: AuthorityInput, now: string, options: ChangeOptions, withState: string | null = null): void {
  insertAuthority(db, input);
  recordChange(db, clock, 'authority', input.id, 'added', member, now, options.formId ?? null, withState);
  appendAudit(db, clock, {
    actor: actorOf(member),
    action: 'authority.added',
    subjectType: 'authority',
    subjectRef: input.id,
    details: { type: input.type, emailDomains: input.emailDomains, tenantIds: input.tenantIds },
    correlationId: options.correlationId,
  });
}

/** A coordinator adds an authority to a state already in the cooperation (a second body of BE). */
export function addAuthority(db: Db, clock: Clock, member: Member, input: AuthorityInput, options: ChangeOptions = {}): MembershipResult {
  assertMayChange(member);
  const result = inTransaction(db, (): MembershipResult => {
    const done = addedByForm(db, options.formId ?? null);
    if (done) return { kind: 'alreadyDone', ...done };
    if (stateRow(db, input.country)?.active !== 1) throw new DomainError({ field: 'country', key: 'states.errors.notMember', vars: { country: input.country } });
    checkAgainstStore(db, input);
    const now = clock.now().toISOString();
    addAuthorityRows(db, clock, member, input, now, options);
    return { kind: 'added', country: input.country, authorityId: input.id };
  });
  forgetAuthorities(db);
  return result;
}

/**
 * Removing a state is deactivating it and its authorities: alerts, actions and endorsements keep
 * pointing at them, but the state leaves every choice and the endorsement of plans not yet
 * agreed, and its people are refused from their next message. A coordinator cannot remove their
 * own state (they would lock themselves out with it).
 */
export function deactivateMemberState(db: Db, clock: Clock, member: Member, code: string, options: ChangeOptions = {}): { country: string; authorities: string[]; agreedPlans: number[] } {
  assertMayChange(member);
  const country = code.toUpperCase();
  const result = inTransaction(db, () => {
    const state = stateRow(db, country);
    if (!state) throw new DomainError({ key: 'states.errors.notMember', vars: { country: country.slice(0, 10) } });
    if (state.active === 0) throw new DomainError({ key: 'states.errors.alreadyInactive', vars: { country } });
    if (member.authority.memberState === country) throw new DomainError({ key: 'states.errors.ownState', vars: { country } });
    const authorities = (sql(db, 'SELECT id FROM authorities WHERE member_state = ? AND active = 1 ORDER BY id').all(country) as Array<{ id: string }>).map((row) => row.id);
    const now = clock.now().toISOString();
    sql(db, 'UPDATE member_states SET active = 0 WHERE code = ?').run(country);
    sql(db, 'UPDATE authorities SET active = 0 WHERE member_state = ?').run(country);
    recordChange(db, clock, 'member_state', country, 'deactivated', member, now, null);
    for (const authority of authorities) recordChange(db, clock, 'authority', authority, 'deactivated', member, now, null, country);
    appendAudit(db, clock, { actor: actorOf(member), action: 'member_state.deactivated', subjectType: 'member_state', subjectRef: country, details: { authorities }, correlationId: options.correlationId });
    // A draft that waited only for this state is agreed now: no one else is left to endorse it.
    const drafts = (sql(db, "SELECT year FROM plans WHERE status = 'draft' ORDER BY year").all() as Array<{ year: number }>).map((row) => row.year);
    const agreedPlans = drafts.filter((year) => agreeWhenAllEndorsed(db, clock, member, year, options.correlationId));
    return { country, authorities, agreedPlans };
  });
  forgetAuthorities(db);
  return result;
}

/**
 * A state that left comes back: it and the authorities that left with it (not one deactivated on
 * its own before) are active again, in every choice, in the endorsement of plans not yet agreed,
 * and its people are served from their next message. Its records kept pointing at it meanwhile.
 * A state the participants file marks inactive is the file's to bring back, or the next start
 * would undo this.
 */
export function reactivateMemberState(db: Db, clock: Clock, member: Member, code: string, options: ChangeOptions = {}): { country: string; authorities: string[] } {
  assertMayChange(member);
  const country = code.toUpperCase();
  const result = inTransaction(db, () => {
    const state = stateRow(db, country);
    if (!state) throw new DomainError({ key: 'states.errors.notMember', vars: { country: country.slice(0, 10) } });
    if (state.active === 1) throw new DomainError({ key: 'stateAdmin.errors.stateAlreadyActive', vars: { country } });
    if (!sql(db, "SELECT 1 FROM participant_changes WHERE kind = 'member_state' AND id = ? AND change = 'deactivated'").get(country)) {
      throw new DomainError({ key: 'stateAdmin.errors.inactiveInFile', vars: { country } });
    }
    const authorities = (
      sql(
        db,
        `SELECT a.id FROM authorities a
          WHERE a.member_state = ? AND a.active = 0
            AND (SELECT h.with_state FROM participant_history h WHERE h.kind = 'authority' AND h.id = a.id ORDER BY h.seq DESC LIMIT 1) = ?
          ORDER BY a.id`,
      ).all(country, country) as Array<{ id: string }>
    ).map((row) => row.id);
    const now = clock.now().toISOString();
    sql(db, 'UPDATE member_states SET active = 1 WHERE code = ?').run(country);
    for (const id of authorities) {
      sql(db, 'UPDATE authorities SET active = 1 WHERE id = ?').run(id);
      recordChange(db, clock, 'authority', id, 'reactivated', member, now, null, country);
    }
    recordChange(db, clock, 'member_state', country, 'reactivated', member, now, null);
    appendAudit(db, clock, { actor: actorOf(member), action: 'member_state.reactivated', subjectType: 'member_state', subjectRef: country, details: { authorities }, correlationId: options.correlationId });
    return { country, authorities };
  });
  forgetAuthorities(db);
  return result;
}

interface AuthorityRow {
  id: string;
  memberState: string | null;
  active: number;
  stateActive: number | null;
}

function participantAuthority(db: Db, id: string): AuthorityRow {
  const row = sql(
    db,
    `SELECT a.id, a.member_state AS memberState, a.active, s.active AS stateActive
       FROM authorities a LEFT JOIN member_states s ON s.code = a.member_state WHERE a.id = ?`,
  ).get(id) as AuthorityRow | undefined;
  // Supporters (ELA, the Commission) are not a state's authority: the participants file keeps them.
  if (!row || !row.memberState) throw new DomainError({ key: 'stateAdmin.errors.unknownAuthority', vars: { id: id.slice(0, 30) } });
  return row;
}

/**
 * One authority leaves while its state stays (a body merged into another): out of every choice,
 * its people refused from their next message, its records kept. Not the state's last active
 * authority (that is the state leaving: /state <code> deactivate), nor the coordinator's own.
 */
export function deactivateAuthority(db: Db, clock: Clock, member: Member, rawId: string, options: ChangeOptions = {}): { authorityId: string; country: string } {
  assertMayChange(member);
  const id = rawId.toUpperCase();
  const result = inTransaction(db, () => {
    const authority = participantAuthority(db, id);
    const country = authority.memberState!;
    if (authority.active === 0) throw new DomainError({ key: 'stateAdmin.errors.authorityAlreadyInactive', vars: { id } });
    if (member.authority.id === id) throw new DomainError({ key: 'stateAdmin.errors.ownAuthority', vars: { id } });
    const others = sql(db, 'SELECT count(*) AS n FROM authorities WHERE member_state = ? AND active = 1 AND id <> ?').get(country, id) as { n: number };
    if (others.n === 0) throw new DomainError({ key: 'stateAdmin.errors.lastAuthority', vars: { id, country } });
    const now = clock.now().toISOString();
    sql(db, 'UPDATE authorities SET active = 0 WHERE id = ?').run(id);
    recordChange(db, clock, 'authority', id, 'deactivated', member, now, null);
    appendAudit(db, clock, { actor: actorOf(member), action: 'authority.deactivated', subjectType: 'authority', subjectRef: id, details: { country }, correlationId: options.correlationId });
    return { authorityId: id, country };
  });
  forgetAuthorities(db);
  return result;
}

/** An authority deactivated on its own comes back; one whose state left comes back with its state. */
export function reactivateAuthority(db: Db, clock: Clock, member: Member, rawId: string, options: ChangeOptions = {}): { authorityId: string; country: string } {
  assertMayChange(member);
  const id = rawId.toUpperCase();
  const result = inTransaction(db, () => {
    const authority = participantAuthority(db, id);
    const country = authority.memberState!;
    if (authority.active === 1) throw new DomainError({ key: 'stateAdmin.errors.authorityAlreadyActive', vars: { id } });
    if (authority.stateActive !== 1) throw new DomainError({ key: 'stateAdmin.errors.stateInactive', vars: { id, country } });
    if (!sql(db, "SELECT 1 FROM participant_changes WHERE kind = 'authority' AND id = ? AND change = 'deactivated'").get(id)) {
      throw new DomainError({ key: 'stateAdmin.errors.authorityInactiveInFile', vars: { id } });
    }
    const now = clock.now().toISOString();
    sql(db, 'UPDATE authorities SET active = 1 WHERE id = ?').run(id);
    recordChange(db, clock, 'authority', id, 'reactivated', member, now, null);
    appendAudit(db, clock, { actor: actorOf(member), action: 'authority.reactivated', subjectType: 'authority', subjectRef: id, details: { country }, correlationId: options.correlationId });
    return { authorityId: id, country };
  });
  forgetAuthorities(db);
  return result;
}

export interface MembershipHistoryEntry {
  kind: ParticipantKind;
  id: string;
  change: ParticipantChange;
  withState: string | null;
  at: string;
}

/** A state's history, and its authorities', oldest first: what the tab and the channel post tell. */
export function membershipHistory(db: Db, country: string): MembershipHistoryEntry[] {
  return sql(
    db,
    `SELECT h.kind, h.id, h.change, h.with_state AS withState, h.at FROM participant_history h
      WHERE (h.kind = 'member_state' AND h.id = @country)
         OR (h.kind = 'authority' AND h.id IN (SELECT id FROM authorities WHERE member_state = @country))
      ORDER BY h.seq`,
  ).all({ country }) as MembershipHistoryEntry[];
}

export interface ParticipatingState {
  code: string;
  joinedYear: number;
  active: boolean;
  authorities: Array<{ id: string; shortName: string; names: Record<string, string>; type: string; active: boolean; emailDomains: string[] }>;
}

/** Every state the cooperation has had, active first, with its authorities: what `/state` lists. */
export function listParticipation(db: Db): ParticipatingState[] {
  const states = sql(db, 'SELECT code, joined_year AS joinedYear, active FROM member_states ORDER BY active DESC, code').all() as Array<{ code: string; joinedYear: number; active: number }>;
  const authorities = sql(
    db,
    `SELECT a.id, a.member_state AS state, a.short_name AS shortName, a.names_json AS names, a.type, a.active,
            (SELECT group_concat(d.domain, ' ') FROM authority_email_domains d WHERE d.authority_id = a.id) AS domains
       FROM authorities a WHERE a.member_state IS NOT NULL ORDER BY a.id`,
  ).all() as Array<{ id: string; state: string; shortName: string; names: string; type: string; active: number; domains: string | null }>;
  return states.map((state) => ({
    code: state.code,
    joinedYear: state.joinedYear,
    active: state.active === 1,
    authorities: authorities
      .filter((authority) => authority.state === state.code)
      .map((authority) => ({
        id: authority.id,
        shortName: authority.shortName,
        names: JSON.parse(authority.names) as Record<string, string>,
        type: authority.type,
        active: authority.active === 1,
        emailDomains: authority.domains ? authority.domains.split(' ').sort() : [],
      })),
  }));
}

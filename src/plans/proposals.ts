import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError, type DomainErrorDetail } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { submissionKey } from '../identity/submissionKey';
import { assertCoordinator } from './actionAccess';
import type { ActionInput } from './actionInput';
import { appendTimeline } from './actionTimeline';
import { ensureDraftPlan, insertPlannedAction, nextActionRef } from './planStore';
import { participatingStates } from './endorsement';
import { recordEvent } from '../events/domainEvents';
import { writtenLanguage } from '../i18n/writtenLanguage';
import type { Language } from '../i18n/languages';
import { checkPriorityChoice, prioritiesByIds, tagAction, type Priority } from './priorities';

export const RATIONALE_MAX_LENGTH = 2000;
export const PRIORITY_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 1000;
export const COMMENT_MAX_LENGTH = 500;
/** The comments a proposal brings with it (its card shows the last few); all are in listProposalComments. */
export const RECENT_COMMENTS = 3;

/** Withdrawn by its proposer, or merged by the coordinators into another proposal: closed, like accepted and declined. */
export type ProposalStatus = 'open' | 'accepted' | 'declined' | 'withdrawn' | 'merged';

/** The catalogue key naming a status: the first three are the cycle's, withdrawn and merged the proposals' own. */
export function proposalStatusKey(status: ProposalStatus): string {
  return status === 'withdrawn' || status === 'merged' ? `proposals.status.${status}` : `cycle.proposal.status.${status}`;
}

export interface ProposalComment {
  body: string;
  /** The language it was written in, from its author's Teams locale then; null when unknown. */
  language: Language | null;
  authority: { shortName: string; memberState: string | null };
  at: string;
}

export interface Proposal {
  ref: string;
  year: number;
  input: ActionInput;
  rationale: string;
  /** The priority as typed before the year's priorities were a choice; '' for newer proposals. */
  priority: string;
  /** The year's priorities it serves (removed ones included: they are still named). */
  priorities: Priority[];
  status: ProposalStatus;
  decisionReason: string | null;
  /** The action it became, once accepted. */
  actionRef: string | null;
  /** The proposal it was merged into, and those merged into it. */
  mergedInto: string | null;
  mergedFrom: string[];
  /** The last few comments, oldest first, and how many there are. */
  comments: ProposalComment[];
  commentCount: number;
  proposedBy: { authorityId: string; shortName: string; memberState: string | null };
  /** The proposal's states and those that joined it, in code order. */
  states: string[];
  joined: Array<{ state: string; at: string }>;
  supporters: Array<{ shortName: string; memberState: string | null; at: string }>;
  version: number;
  createdAt: string;
}

interface ProposalRow {
  id: number;
  ref: string;
  year: number;
  input: string;
  rationale: string;
  priority: string;
  status: ProposalStatus;
  decisionReason: string | null;
  actionRef: string | null;
  mergedInto: string | null;
  authorityId: string;
  shortName: string;
  memberState: string | null;
  version: number;
  createdAt: string;
}

// A closure (withdrawn, merged) overrides the stored status, which keeps its three values (see 0019).
const PROPOSAL_SELECT = `SELECT p.id, p.ref, p.plan_year AS year, p.input_json AS input, p.rationale, p.priority, COALESCE(c.kind, p.status) AS status, p.decision_reason AS decisionReason,
         a.ref AS actionRef, m.ref AS mergedInto, p.authority_id AS authorityId, au.short_name AS shortName, au.member_state AS memberState, p.version, p.created_at AS createdAt
    FROM proposals p JOIN authorities au ON au.id = p.authority_id LEFT JOIN actions a ON a.id = p.action_id
    LEFT JOIN proposal_closures c ON c.proposal_id = p.id LEFT JOIN proposals m ON m.id = c.merged_into_id`;

interface CommentRow {
  body: string;
  locale: string | null;
  shortName: string;
  memberState: string | null;
  at: string;
}

const COMMENT_SELECT = `SELECT pc.body, pc.locale, au.short_name AS shortName, au.member_state AS memberState, pc.at
    FROM proposal_comments pc JOIN authorities au ON au.id = pc.authority_id WHERE pc.proposal_id = ?`;

const toComment = (row: CommentRow): ProposalComment => ({ body: row.body, language: writtenLanguage(row.locale), authority: { shortName: row.shortName, memberState: row.memberState }, at: row.at });

function toProposal(db: Db, row: ProposalRow): Proposal {
  const input = JSON.parse(row.input) as ActionInput;
  const joined = sql(db, 'SELECT member_state AS state, at FROM proposal_joins WHERE proposal_id = ? ORDER BY at, member_state').all(row.id) as Proposal['joined'];
  const supporters = sql(
    db,
    'SELECT au.short_name AS shortName, au.member_state AS memberState, s.at FROM proposal_supports s JOIN authorities au ON au.id = s.authority_id WHERE s.proposal_id = ? ORDER BY s.at, au.short_name',
  ).all(row.id) as Proposal['supporters'];
  const priorityIds = (sql(db, 'SELECT priority_id AS id FROM proposal_priorities WHERE proposal_id = ?').all(row.id) as Array<{ id: number }>).map((entry) => entry.id);
  const mergedFrom = (sql(db, 'SELECT p.ref FROM proposal_closures c JOIN proposals p ON p.id = c.proposal_id WHERE c.merged_into_id = ? ORDER BY p.id').all(row.id) as Array<{ ref: string }>).map(
    (entry) => entry.ref,
  );
  const recent = (sql(db, `${COMMENT_SELECT} ORDER BY pc.id DESC LIMIT ${RECENT_COMMENTS}`).all(row.id) as CommentRow[]).map(toComment).reverse();
  const { count } = sql(db, 'SELECT count(*) AS count FROM proposal_comments WHERE proposal_id = ?').get(row.id) as { count: number };
  return {
    ref: row.ref,
    year: row.year,
    input,
    rationale: row.rationale,
    priority: row.priority,
    priorities: prioritiesByIds(db, priorityIds),
    status: row.status,
    decisionReason: row.decisionReason,
    actionRef: row.actionRef,
    mergedInto: row.mergedInto,
    mergedFrom,
    comments: recent,
    commentCount: count,
    proposedBy: { authorityId: row.authorityId, shortName: row.shortName, memberState: row.memberState },
    states: [...new Set([...input.states, ...joined.map((entry) => entry.state)])].sort(),
    joined,
    supporters,
    version: row.version,
    createdAt: row.createdAt,
  };
}

export function getProposal(db: Db, ref: string): Proposal | null {
  const row = sql(db, `${PROPOSAL_SELECT} WHERE p.ref = ?`).get(ref) as ProposalRow | undefined;
  return row ? toProposal(db, row) : null;
}

/** The proposals for a year's plan, oldest first. */
export function listProposals(db: Db, year: number): Proposal[] {
  return (sql(db, `${PROPOSAL_SELECT} WHERE p.plan_year = ? ORDER BY p.id`).all(year) as ProposalRow[]).map((row) => toProposal(db, row));
}

function proposalOrFail(db: Db, ref: string): Proposal & { id: number } {
  const row = sql(db, `${PROPOSAL_SELECT} WHERE p.ref = ?`).get(ref) as ProposalRow | undefined;
  if (!row) throw new DomainError({ key: 'cycle.errors.proposalNotFound', vars: { ref: ref.slice(0, 20) } });
  return { ...toProposal(db, row), id: row.id };
}

/** Proposals are made by the authorities of the participating states (an EU agency supports, it does not propose). */
function proposerState(db: Db, member: Member): string {
  const state = member.authority.memberState;
  if (!state || !participatingStates(db).includes(state)) throw new DomainError({ key: 'cycle.errors.notParticipating', vars: { authority: member.authority.shortName } });
  return state;
}

function cleanText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Checks the proposal's own fields (the action's fields are checked by validateActionDraft); every problem at once. */
export function checkProposalFields(fields: { rationale?: unknown }): { rationale: string } | { errors: DomainErrorDetail[] } {
  const errors: DomainErrorDetail[] = [];
  const rationale = cleanText(fields.rationale);
  if (!rationale) errors.push({ field: 'rationale', key: 'plan.errors.required' });
  else if (rationale.length > RATIONALE_MAX_LENGTH) errors.push({ field: 'rationale', key: 'plan.errors.tooLong', vars: { max: RATIONALE_MAX_LENGTH } });
  return errors.length > 0 ? { errors } : { rationale };
}

/**
 * The priorities a proposal serves: some of its year's priorities, at least one once the
 * coordinators have set them (before that, none can be chosen).
 */
function checkPriorities(db: Db, year: number, chosen: readonly string[]): number[] {
  const checked = checkPriorityChoice(db, year, chosen);
  if (!checked.ok) throw new DomainError(checked.errors);
  const offered = sql(db, 'SELECT count(*) AS count FROM plan_priorities WHERE plan_year = ? AND removed_at IS NULL').get(year) as { count: number };
  if (checked.ids.length === 0 && offered.count > 0) throw new DomainError({ field: 'priorities', key: 'priorities.errors.chooseOne' });
  return checked.ids;
}

function assertOpen(proposal: Proposal): void {
  if (proposal.status === 'accepted') throw new DomainError({ key: 'cycle.errors.proposalAccepted', vars: { ref: proposal.ref, action: proposal.actionRef ?? '—' } });
  if (proposal.status === 'declined') throw new DomainError({ key: 'cycle.errors.proposalDeclined', vars: { ref: proposal.ref } });
  if (proposal.status === 'withdrawn') throw new DomainError({ key: 'proposals.errors.withdrawn', vars: { ref: proposal.ref } });
  if (proposal.status === 'merged') throw new DomainError({ key: 'proposals.errors.merged', vars: { ref: proposal.ref, into: proposal.mergedInto ?? '—' } });
}

/** A card or form shown before the proposal's last change is refused, with the proposal as it is now. */
export class StaleProposalError extends DomainError {
  constructor(readonly current: Proposal) {
    super({ key: 'proposals.errors.stale', field: 'version', vars: { ref: current.ref } });
    this.name = 'StaleProposalError';
  }
}

export function isStaleProposalError(error: unknown): error is StaleProposalError {
  return error instanceof StaleProposalError;
}

function assertVersion(db: Db, proposal: Proposal, expected: unknown): void {
  const version = typeof expected === 'number' ? expected : typeof expected === 'string' && /^\d{1,9}$/.test(expected) ? Number(expected) : null;
  if (version === null) throw new DomainError({ field: 'version', key: 'plan.errors.versionRequired' });
  if (version !== proposal.version) throw new StaleProposalError(getProposal(db, proposal.ref)!);
}

/** Only the proposing authority edits or withdraws, and only until the year's plan is agreed. */
function assertProposerUntilAgreed(db: Db, member: Member, proposal: Proposal): void {
  if (member.authority.id !== proposal.proposedBy.authorityId) throw new DomainError({ key: 'proposals.errors.proposerOnly', vars: { ref: proposal.ref, authority: proposal.proposedBy.shortName } });
  const plan = sql(db, 'SELECT status FROM plans WHERE year = ?').get(proposal.year) as { status: string } | undefined;
  if (plan && plan.status !== 'draft') throw new DomainError({ key: 'proposals.errors.planAgreed', vars: { year: proposal.year, planStatus: plan.status } });
}

/** Refuses (a DomainError) unless this member's authority may still edit or withdraw the proposal. */
export function assertMayChangeProposal(db: Db, member: Member, ref: string): Proposal {
  const proposal = proposalOrFail(db, ref);
  assertOpen(proposal);
  assertProposerUntilAgreed(db, member, proposal);
  return getProposal(db, proposal.ref)!;
}

function audit(db: Db, clock: Clock, member: Member, action: string, ref: string, details: Record<string, unknown>, correlationId?: string): void {
  appendAudit(db, clock, { actor: actorOf(member), action, subjectType: 'proposal', subjectRef: ref, details, correlationId });
}

/** Tells the channel the proposal changed; `onChannelPost` when the change was made on its post, which the turn updates itself. */
function changed(db: Db, clock: Clock, ref: string, onChannelPost: boolean | undefined): Proposal {
  const proposal = getProposal(db, ref)!;
  recordEvent(db, clock, { type: 'proposal.changed', ref, version: proposal.version, onChannelPost: onChannelPost ?? false });
  return proposal;
}

function setPriorityTags(db: Db, proposalId: number, ids: readonly number[]): void {
  sql(db, 'DELETE FROM proposal_priorities WHERE proposal_id = ?').run(proposalId);
  for (const id of ids) sql(db, 'INSERT INTO proposal_priorities (proposal_id, priority_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(proposalId, id);
}

export type CreateProposalResult = { kind: 'created' | 'already_submitted'; proposal: Proposal };

/**
 * Any member of a participating authority proposes an action for a year's plan, with its reason
 * and the year's priorities it serves. The same form sent twice makes one proposal. The channel
 * is told (its post of the proposal).
 */
export function createProposal(
  db: Db,
  clock: Clock,
  member: Member,
  request: { input: ActionInput; rationale: string; priorities?: readonly string[] },
  options: { formId: string; correlationId?: string },
): CreateProposalResult {
  proposerState(db, member);
  const idempotencyKey = `proposal:${submissionKey(member, options.formId)}`;
  return inTransaction(db, () => {
    const known = sql(db, 'SELECT ref FROM proposals WHERE idempotency_key = ?').get(idempotencyKey) as { ref: string } | undefined;
    if (known) return { kind: 'already_submitted' as const, proposal: getProposal(db, known.ref)! };
    const year = request.input.year;
    const priorityIds = checkPriorities(db, year, request.priorities ?? []);
    const { count } = sql(db, 'SELECT count(*) AS count FROM proposals WHERE plan_year = ?').get(year) as { count: number };
    const ref = `P${year}-${String(count + 1).padStart(2, '0')}`;
    const now = clock.now().toISOString();
    const { lastInsertRowid } = sql(
      db,
      `INSERT INTO proposals (ref, plan_year, input_json, rationale, priority, proposed_by_user_id, authority_id, idempotency_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
    ).run(ref, year, JSON.stringify(request.input), request.rationale, member.userId, member.authority.id, idempotencyKey, now, now);
    setPriorityTags(db, Number(lastInsertRowid), priorityIds);
    audit(db, clock, member, 'proposal.created', ref, { year, type: request.input.type, states: request.input.states, priorities: priorityIds }, options.correlationId);
    recordEvent(db, clock, { type: 'proposal.created', ref });
    return { kind: 'created' as const, proposal: getProposal(db, ref)! };
  });
}

function touch(db: Db, id: number, now: string): void {
  sql(db, 'UPDATE proposals SET version = version + 1, updated_at = ? WHERE id = ?').run(now, id);
}

/** Where the change was clicked: on the channel's own post of the proposal, which the turn then updates. */
export interface ProposalChangeRequest {
  ref: string;
  onChannelPost?: boolean;
  correlationId?: string;
}

/** Another authority's state takes part in the proposed action. */
export function joinProposal(db: Db, clock: Clock, member: Member, request: ProposalChangeRequest): Proposal {
  const state = proposerState(db, member);
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    if (proposal.states.includes(state)) throw new DomainError({ key: 'cycle.errors.alreadyJoined', vars: { ref: proposal.ref, state } });
    const now = clock.now().toISOString();
    sql(db, 'INSERT INTO proposal_joins (proposal_id, member_state, authority_id, user_id, at) VALUES (?, ?, ?, ?, ?)').run(proposal.id, state, member.authority.id, member.userId, now);
    touch(db, proposal.id, now);
    audit(db, clock, member, 'proposal.joined', proposal.ref, { state }, request.correlationId);
    return changed(db, clock, proposal.ref, request.onChannelPost);
  });
}

/** An authority supports the proposal (without taking part); once per authority. */
export function supportProposal(db: Db, clock: Clock, member: Member, request: ProposalChangeRequest): Proposal {
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    const { changes } = sql(db, 'INSERT INTO proposal_supports (proposal_id, authority_id, user_id, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
      proposal.id,
      member.authority.id,
      member.userId,
      clock.now().toISOString(),
    );
    if (changes === 0) throw new DomainError({ key: 'cycle.errors.alreadySupported', vars: { ref: proposal.ref, authority: member.authority.shortName } });
    touch(db, proposal.id, clock.now().toISOString());
    audit(db, clock, member, 'proposal.supported', proposal.ref, {}, request.correlationId);
    return changed(db, clock, proposal.ref, request.onChannelPost);
  });
}

/**
 * A coordinator accepts a proposal into the year's draft: it becomes a planned action with the
 * proposal's fields, every state that joined and the priorities it serves, linked both ways.
 */
export function acceptProposal(db: Db, clock: Clock, member: Member, request: ProposalChangeRequest): Proposal {
  assertCoordinator(member);
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    const now = clock.now().toISOString();
    ensureDraftPlan(db, proposal.year, now);
    const plan = sql(db, 'SELECT status FROM plans WHERE year = ?').get(proposal.year) as { status: string };
    if (plan.status !== 'draft') throw new DomainError({ key: 'cycle.errors.planClosedForProposals', vars: { year: proposal.year, planStatus: plan.status } });
    const input = proposal.input;
    const states = proposal.states;
    const ref = nextActionRef(db, proposal.year);
    const actionId = insertPlannedAction(db, input, {
      year: proposal.year,
      ref,
      states,
      // Two states that became more by joining make a multilateral action.
      scope: states.length > 2 ? 'multilateral' : input.scope,
      idempotencyKey: null,
      createdByUserId: member.userId,
      now,
    });
    tagAction(
      db,
      actionId,
      proposal.priorities.filter((priority) => !priority.removed).map((priority) => priority.id),
    );
    appendTimeline(db, { actionId, member, kind: 'created', statusTo: 'planned', version: 1, at: now });
    sql(db, "UPDATE proposals SET status = 'accepted', action_id = ?, version = version + 1, updated_at = ? WHERE id = ?").run(actionId, now, proposal.id);
    audit(db, clock, member, 'proposal.accepted', proposal.ref, { action: ref }, request.correlationId);
    appendAudit(db, clock, { actor: actorOf(member), action: 'action.created', subjectType: 'action', subjectRef: ref, details: { year: proposal.year, fromProposal: proposal.ref }, correlationId: request.correlationId });
    return changed(db, clock, proposal.ref, request.onChannelPost);
  });
}

/** A coordinator declines a proposal, saying why. */
export function declineProposal(db: Db, clock: Clock, member: Member, request: ProposalChangeRequest & { reason: unknown }): Proposal {
  assertCoordinator(member);
  const reason = cleanText(request.reason);
  if (!reason) throw new DomainError({ field: 'reason', key: 'cycle.errors.reasonRequired' });
  if (reason.length > REASON_MAX_LENGTH) throw new DomainError({ field: 'reason', key: 'plan.errors.tooLong', vars: { max: REASON_MAX_LENGTH } });
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    sql(db, "UPDATE proposals SET status = 'declined', decision_reason = ?, version = version + 1, updated_at = ? WHERE id = ?").run(reason, clock.now().toISOString(), proposal.id);
    audit(db, clock, member, 'proposal.declined', proposal.ref, {}, request.correlationId);
    return changed(db, clock, proposal.ref, request.onChannelPost);
  });
}

/**
 * The proposing authority changes its proposal (the action's fields, why, the priorities) while
 * it is open and the plan not agreed; from the version it saw, so a stale form changes nothing.
 * The states that joined stay; the year stays (the reference carries it).
 */
export function editProposal(
  db: Db,
  clock: Clock,
  member: Member,
  request: ProposalChangeRequest & { input: ActionInput; rationale: string; priorities?: readonly string[]; expectedVersion: unknown },
): Proposal {
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    assertProposerUntilAgreed(db, member, proposal);
    assertVersion(db, proposal, request.expectedVersion);
    if (request.input.year !== proposal.year) throw new DomainError({ field: 'year', key: 'proposals.errors.yearFixed', vars: { ref: proposal.ref, year: proposal.year } });
    const priorityIds = checkPriorities(db, proposal.year, request.priorities ?? []);
    const now = clock.now().toISOString();
    sql(db, 'UPDATE proposals SET input_json = ?, rationale = ?, version = version + 1, updated_at = ? WHERE id = ?').run(JSON.stringify(request.input), request.rationale, now, proposal.id);
    setPriorityTags(db, proposal.id, priorityIds);
    audit(db, clock, member, 'proposal.edited', proposal.ref, { version: proposal.version + 1, priorities: priorityIds }, request.correlationId);
    return changed(db, clock, proposal.ref, request.onChannelPost);
  });
}

function close(db: Db, proposal: Proposal & { id: number }, member: Member, kind: 'withdrawn' | 'merged', mergedIntoId: number | null, now: string): void {
  sql(db, 'INSERT INTO proposal_closures (proposal_id, kind, merged_into_id, by_user_id, authority_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(proposal.id, kind, mergedIntoId, member.userId, member.authority.id, now);
  touch(db, proposal.id, now);
}

/** The proposing authority withdraws its open proposal, until the plan is agreed. */
export function withdrawProposal(db: Db, clock: Clock, member: Member, request: ProposalChangeRequest & { expectedVersion: unknown }): Proposal {
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    assertProposerUntilAgreed(db, member, proposal);
    assertVersion(db, proposal, request.expectedVersion);
    close(db, proposal, member, 'withdrawn', null, clock.now().toISOString());
    audit(db, clock, member, 'proposal.withdrawn', proposal.ref, {}, request.correlationId);
    return changed(db, clock, proposal.ref, request.onChannelPost);
  });
}

/**
 * A coordinator merges a proposal into another of the same year: the merged one closes and says
 * where it went; its states (its own and those that joined) take part in the target, its
 * supporters support the target, and the priorities it served are added to the target's.
 */
export function mergeProposal(db: Db, clock: Clock, member: Member, request: ProposalChangeRequest & { into: unknown }): { merged: Proposal; target: Proposal } {
  assertCoordinator(member);
  const into = cleanText(request.into).toUpperCase();
  if (!into) throw new DomainError({ field: 'into', key: 'proposals.errors.chooseTarget' });
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    const targetRow = sql(db, `${PROPOSAL_SELECT} WHERE p.ref = ?`).get(into) as ProposalRow | undefined;
    if (!targetRow) throw new DomainError({ field: 'into', key: 'cycle.errors.proposalNotFound', vars: { ref: into.slice(0, 20) } });
    const target = { ...toProposal(db, targetRow), id: targetRow.id };
    if (target.ref === proposal.ref) throw new DomainError({ field: 'into', key: 'proposals.errors.mergeIntoItself', vars: { ref: proposal.ref } });
    if (target.year !== proposal.year) throw new DomainError({ field: 'into', key: 'proposals.errors.mergeOtherYear', vars: { ref: target.ref, year: proposal.year } });
    if (target.status !== 'open') throw new DomainError({ field: 'into', key: 'proposals.errors.targetClosed', vars: { ref: target.ref } });
    const now = clock.now().toISOString();
    const proposer = sql(db, 'SELECT proposed_by_user_id AS userId FROM proposals WHERE id = ?').get(proposal.id) as { userId: number };
    const joins = sql(db, 'SELECT member_state AS state, authority_id AS authorityId, user_id AS userId, at FROM proposal_joins WHERE proposal_id = ?').all(proposal.id) as Array<{
      state: string;
      authorityId: string;
      userId: number;
      at: string;
    }>;
    const carried = [
      ...proposal.input.states.map((state) => ({ state, authorityId: proposal.proposedBy.authorityId, userId: proposer.userId, at: proposal.createdAt })),
      ...joins,
    ].filter((entry) => !target.states.includes(entry.state));
    for (const entry of carried) {
      sql(db, 'INSERT INTO proposal_joins (proposal_id, member_state, authority_id, user_id, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(target.id, entry.state, entry.authorityId, entry.userId, entry.at);
    }
    sql(
      db,
      'INSERT INTO proposal_supports (proposal_id, authority_id, user_id, at) SELECT ?, authority_id, user_id, at FROM proposal_supports WHERE proposal_id = ? ON CONFLICT DO NOTHING',
    ).run(target.id, proposal.id);
    sql(db, 'INSERT INTO proposal_priorities (proposal_id, priority_id) SELECT ?, priority_id FROM proposal_priorities WHERE proposal_id = ? ON CONFLICT DO NOTHING').run(target.id, proposal.id);
    close(db, proposal, member, 'merged', target.id, now);
    touch(db, target.id, now);
    audit(db, clock, member, 'proposal.merged', proposal.ref, { into: target.ref, states: carried.map((entry) => entry.state) }, request.correlationId);
    audit(db, clock, member, 'proposal.merged_into', target.ref, { from: proposal.ref }, request.correlationId);
    const merged = changed(db, clock, proposal.ref, request.onChannelPost);
    // The target's channel post is another message: it is always updated through its event.
    return { merged, target: changed(db, clock, target.ref, false) };
  });
}

/**
 * Anyone comments on an open proposal: a short text, marked with the language its author's Teams
 * is in. `seenVersion` is the version of the card it was written on: the same person sending the
 * same card's comment again (a resent invoke) adds it once.
 */
export function commentOnProposal(db: Db, clock: Clock, member: Member, request: ProposalChangeRequest & { body: unknown; seenVersion: unknown }): Proposal {
  const body = cleanText(request.body);
  if (!body) throw new DomainError({ field: 'comment', key: 'proposals.errors.commentRequired' });
  if (body.length > COMMENT_MAX_LENGTH) throw new DomainError({ field: 'comment', key: 'plan.errors.tooLong', vars: { max: COMMENT_MAX_LENGTH } });
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    const seen = typeof request.seenVersion === 'number' || typeof request.seenVersion === 'string' ? String(request.seenVersion).slice(0, 12) : '';
    const key = `proposal-comment:${member.userId}:${proposal.ref}:v${seen}`;
    const locale = (sql(db, 'SELECT locale FROM users WHERE id = ?').get(member.userId) as { locale: string | null } | undefined)?.locale ?? null;
    const now = clock.now().toISOString();
    const { changes } = sql(db, 'INSERT INTO proposal_comments (proposal_id, body, locale, user_id, authority_id, at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
      proposal.id,
      body,
      locale,
      member.userId,
      member.authority.id,
      now,
      seen ? key : null,
    );
    if (changes === 0) return getProposal(db, proposal.ref)!;
    touch(db, proposal.id, now);
    audit(db, clock, member, 'proposal.commented', proposal.ref, { length: body.length }, request.correlationId);
    return changed(db, clock, proposal.ref, request.onChannelPost);
  });
}

/** Every comment on a proposal, oldest first (the card shows the last few). */
export function listProposalComments(db: Db, ref: string): ProposalComment[] {
  const row = sql(db, 'SELECT id FROM proposals WHERE ref = ?').get(ref) as { id: number } | undefined;
  return row ? (sql(db, `${COMMENT_SELECT} ORDER BY pc.id`).all(row.id) as CommentRow[]).map(toComment) : [];
}

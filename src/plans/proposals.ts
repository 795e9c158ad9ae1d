import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError, type DomainErrorDetail } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { submissionKey } from '../identity/submissionKey';
import { assertCoordinator } from './actionAccess';
import type { ActionInput } from './actionInput';
import { appendTimeline } from './actionTimeline';
import { ensureDraftPlan, insertAction, nextActionRef } from './planStore';
import { participatingStates } from './endorsement';

export const RATIONALE_MAX_LENGTH = 2000;
export const PRIORITY_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 1000;

export type ProposalStatus = 'open' | 'accepted' | 'declined';

export interface Proposal {
  ref: string;
  year: number;
  input: ActionInput;
  rationale: string;
  priority: string;
  status: ProposalStatus;
  decisionReason: string | null;
  /** The action it became, once accepted. */
  actionRef: string | null;
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
  authorityId: string;
  shortName: string;
  memberState: string | null;
  version: number;
  createdAt: string;
}

const PROPOSAL_SELECT = `SELECT p.id, p.ref, p.plan_year AS year, p.input_json AS input, p.rationale, p.priority, p.status, p.decision_reason AS decisionReason,
         a.ref AS actionRef, p.authority_id AS authorityId, au.short_name AS shortName, au.member_state AS memberState, p.version, p.created_at AS createdAt
    FROM proposals p JOIN authorities au ON au.id = p.authority_id LEFT JOIN actions a ON a.id = p.action_id`;

function toProposal(db: Db, row: ProposalRow): Proposal {
  const input = JSON.parse(row.input) as ActionInput;
  const joined = sql(db, 'SELECT member_state AS state, at FROM proposal_joins WHERE proposal_id = ? ORDER BY at, member_state').all(row.id) as Proposal['joined'];
  const supporters = sql(
    db,
    'SELECT au.short_name AS shortName, au.member_state AS memberState, s.at FROM proposal_supports s JOIN authorities au ON au.id = s.authority_id WHERE s.proposal_id = ? ORDER BY s.at, au.short_name',
  ).all(row.id) as Proposal['supporters'];
  return {
    ref: row.ref,
    year: row.year,
    input,
    rationale: row.rationale,
    priority: row.priority,
    status: row.status,
    decisionReason: row.decisionReason,
    actionRef: row.actionRef,
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
export function checkProposalFields(fields: { rationale?: unknown; priority?: unknown }): { rationale: string; priority: string } | { errors: DomainErrorDetail[] } {
  const errors: DomainErrorDetail[] = [];
  const rationale = cleanText(fields.rationale);
  const priority = cleanText(fields.priority);
  if (!rationale) errors.push({ field: 'rationale', key: 'plan.errors.required' });
  else if (rationale.length > RATIONALE_MAX_LENGTH) errors.push({ field: 'rationale', key: 'plan.errors.tooLong', vars: { max: RATIONALE_MAX_LENGTH } });
  if (!priority) errors.push({ field: 'priority', key: 'plan.errors.required' });
  else if (priority.length > PRIORITY_MAX_LENGTH) errors.push({ field: 'priority', key: 'plan.errors.tooLong', vars: { max: PRIORITY_MAX_LENGTH } });
  return errors.length > 0 ? { errors } : { rationale, priority };
}

function assertOpen(proposal: Proposal): void {
  if (proposal.status === 'accepted') throw new DomainError({ key: 'cycle.errors.proposalAccepted', vars: { ref: proposal.ref, action: proposal.actionRef ?? '—' } });
  if (proposal.status === 'declined') throw new DomainError({ key: 'cycle.errors.proposalDeclined', vars: { ref: proposal.ref } });
}

function audit(db: Db, clock: Clock, member: Member, action: string, ref: string, details: Record<string, unknown>, correlationId?: string): void {
  appendAudit(db, clock, { actor: actorOf(member), action, subjectType: 'proposal', subjectRef: ref, details, correlationId });
}

export type CreateProposalResult = { kind: 'created' | 'already_submitted'; proposal: Proposal };

/**
 * Any member of a participating authority proposes an action for a year's plan, with its reason
 * and the priority it serves. The same form sent twice makes one proposal.
 */
export function createProposal(
  db: Db,
  clock: Clock,
  member: Member,
  request: { input: ActionInput; rationale: string; priority: string },
  options: { formId: string; correlationId?: string },
): CreateProposalResult {
  proposerState(db, member);
  const idempotencyKey = `proposal:${submissionKey(member, options.formId)}`;
  return inTransaction(db, () => {
    const known = sql(db, 'SELECT ref FROM proposals WHERE idempotency_key = ?').get(idempotencyKey) as { ref: string } | undefined;
    if (known) return { kind: 'already_submitted' as const, proposal: getProposal(db, known.ref)! };
    const year = request.input.year;
    const { count } = sql(db, 'SELECT count(*) AS count FROM proposals WHERE plan_year = ?').get(year) as { count: number };
    const ref = `P${year}-${String(count + 1).padStart(2, '0')}`;
    const now = clock.now().toISOString();
    sql(
      db,
      `INSERT INTO proposals (ref, plan_year, input_json, rationale, priority, proposed_by_user_id, authority_id, idempotency_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(ref, year, JSON.stringify(request.input), request.rationale, request.priority, member.userId, member.authority.id, idempotencyKey, now, now);
    audit(db, clock, member, 'proposal.created', ref, { year, type: request.input.type, states: request.input.states }, options.correlationId);
    return { kind: 'created' as const, proposal: getProposal(db, ref)! };
  });
}

function touch(db: Db, id: number, now: string): void {
  sql(db, 'UPDATE proposals SET version = version + 1, updated_at = ? WHERE id = ?').run(now, id);
}

/** Another authority's state takes part in the proposed action. */
export function joinProposal(db: Db, clock: Clock, member: Member, request: { ref: string; correlationId?: string }): Proposal {
  const state = proposerState(db, member);
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    if (proposal.states.includes(state)) throw new DomainError({ key: 'cycle.errors.alreadyJoined', vars: { ref: proposal.ref, state } });
    const now = clock.now().toISOString();
    sql(db, 'INSERT INTO proposal_joins (proposal_id, member_state, authority_id, user_id, at) VALUES (?, ?, ?, ?, ?)').run(proposal.id, state, member.authority.id, member.userId, now);
    touch(db, proposal.id, now);
    audit(db, clock, member, 'proposal.joined', proposal.ref, { state }, request.correlationId);
    return getProposal(db, proposal.ref)!;
  });
}

/** An authority supports the proposal (without taking part); once per authority. */
export function supportProposal(db: Db, clock: Clock, member: Member, request: { ref: string; correlationId?: string }): Proposal {
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
    return getProposal(db, proposal.ref)!;
  });
}

/**
 * A coordinator accepts a proposal into the year's draft: it becomes a planned action with the
 * proposal's fields and every state that joined, linked both ways.
 */
export function acceptProposal(db: Db, clock: Clock, member: Member, request: { ref: string; correlationId?: string }): Proposal {
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
    const actionId = insertAction(db, {
      year: proposal.year,
      ref,
      title: input.title,
      description: input.description,
      type: input.type,
      // Two states that became more by joining make a multilateral action.
      scope: states.length > 2 ? 'multilateral' : input.scope,
      leadState: input.leadState,
      leadAuthorityId: input.leadAuthorityId,
      states,
      authorityIds: input.leadAuthorityId ? [input.leadAuthorityId] : [],
      sectors: input.sectors,
      topics: input.topics,
      period: input.period,
      places: [],
      funding: input.funding,
      status: 'planned',
      originActionId: null,
      idempotencyKey: null,
      createdByUserId: member.userId,
      now,
    });
    appendTimeline(db, { actionId, member, kind: 'created', statusTo: 'planned', version: 1, at: now });
    sql(db, "UPDATE proposals SET status = 'accepted', action_id = ?, version = version + 1, updated_at = ? WHERE id = ?").run(actionId, now, proposal.id);
    audit(db, clock, member, 'proposal.accepted', proposal.ref, { action: ref }, request.correlationId);
    appendAudit(db, clock, { actor: actorOf(member), action: 'action.created', subjectType: 'action', subjectRef: ref, details: { year: proposal.year, fromProposal: proposal.ref }, correlationId: request.correlationId });
    return getProposal(db, proposal.ref)!;
  });
}

/** A coordinator declines a proposal, saying why. */
export function declineProposal(db: Db, clock: Clock, member: Member, request: { ref: string; reason: unknown; correlationId?: string }): Proposal {
  assertCoordinator(member);
  const reason = cleanText(request.reason);
  if (!reason) throw new DomainError({ field: 'reason', key: 'cycle.errors.reasonRequired' });
  if (reason.length > REASON_MAX_LENGTH) throw new DomainError({ field: 'reason', key: 'plan.errors.tooLong', vars: { max: REASON_MAX_LENGTH } });
  return inTransaction(db, () => {
    const proposal = proposalOrFail(db, request.ref);
    assertOpen(proposal);
    sql(db, "UPDATE proposals SET status = 'declined', decision_reason = ?, version = version + 1, updated_at = ? WHERE id = ?").run(reason, clock.now().toISOString(), proposal.id);
    audit(db, clock, member, 'proposal.declined', proposal.ref, {}, request.correlationId);
    return getProposal(db, proposal.ref)!;
  });
}

import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { recordEvent } from '../events/domainEvents';
import { listMemberStates } from '../reference/participants';
import { assertCoordinator } from './actionAccess';
import { actionsOfYear, involvedStates, type ActionSummary } from './actionRows';
import { getPlanHeader, type PlanHeader } from './planQueries';

/** A meeting place is a town's name ("Porto"), shown on cards and the report. */
export const PLACE_MAX_LENGTH = 100;

export interface StateEndorsement {
  state: string;
  /** Null while the state has not endorsed. */
  endorsedAt: string | null;
  authorityShortName: string | null;
}

export interface EndorsementStatus {
  plan: PlanHeader & { meetingPlace: string | null };
  /** Every participating state, endorsed or not, in code order. */
  states: StateEndorsement[];
}

export function planOrFail(db: Db, year: number): PlanHeader {
  const plan = getPlanHeader(db, year);
  if (!plan) throw new DomainError({ key: 'plan.errors.planNotFound', vars: { year } });
  return plan;
}

/**
 * The states whose national endorsement the plan needs: the cooperation's active member states.
 * A state that joins takes part in the next plan's endorsement without any other change.
 */
export function participatingStates(db: Db): string[] {
  return listMemberStates(db).map((state) => state.code);
}

function meetingPlace(db: Db, year: number): string | null {
  return (sql(db, 'SELECT place FROM plan_meeting_places WHERE plan_year = ?').get(year) as { place: string } | undefined)?.place ?? null;
}

function storeMeetingPlace(db: Db, year: number, place: string, at: string): void {
  sql(db, 'INSERT INTO plan_meeting_places (plan_year, place, set_at) VALUES (?, ?, ?) ON CONFLICT(plan_year) DO UPDATE SET place = excluded.place, set_at = excluded.set_at').run(year, place, at);
}

/** Which participating states have endorsed the year's plan, and when. */
export function endorsementStatus(db: Db, year: number): EndorsementStatus {
  const plan = planOrFail(db, year);
  const rows = sql(
    db,
    `SELECT e.member_state AS state, e.endorsed_at AS endorsedAt, au.short_name AS authorityShortName
       FROM plan_endorsements e LEFT JOIN authorities au ON au.id = e.authority_id
      WHERE e.plan_year = ?`,
  ).all(year) as StateEndorsement[];
  const byState = new Map(rows.map((row) => [row.state, row]));
  const states = [...new Set([...participatingStates(db), ...byState.keys()])].sort();
  return {
    plan: { ...plan, meetingPlace: meetingPlace(db, year) },
    states: states.map((state) => byState.get(state) ?? { state, endorsedAt: null, authorityShortName: null }),
  };
}

/** The draft's actions a state takes part in (leads or joins), not cancelled: what its coordinator endorses. */
export function actionsForState(db: Db, year: number, state: string): ActionSummary[] {
  return actionsOfYear(db, year).filter((action) => action.status !== 'cancelled' && involvedStates(action).includes(state));
}

/** The state a coordinator endorses for; refused for an EU-level authority, which has none. */
export function endorsingState(member: Member): string {
  assertCoordinator(member);
  const state = member.authority.memberState;
  if (!state) throw new DomainError({ key: 'cycle.errors.noStateToEndorse', vars: { authority: member.authority.shortName } });
  return state;
}

export function cleanPlace(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const place = value.replace(/\s+/g, ' ').trim();
  if (!place) return null;
  if (place.length > PLACE_MAX_LENGTH) throw new DomainError({ field: 'place', key: 'cycle.errors.placeTooLong', vars: { max: PLACE_MAX_LENGTH } });
  return place;
}

function assertDraft(plan: PlanHeader): void {
  if (plan.status !== 'draft') throw new DomainError({ key: 'cycle.errors.notDraft', vars: { year: plan.year, planStatus: plan.status } });
}

export interface EndorseResult {
  state: string;
  /** True when this endorsement was the last one missing: the plan is now agreed. */
  agreed: boolean;
  status: EndorsementStatus;
}

/**
 * A state's coordinator endorses the draft for their state. When every participating state has,
 * the plan is agreed: date, place (this form's, else the one a coordinator recorded) and the
 * number of actions agreed are kept, and the channel is told.
 */
export function endorsePlan(db: Db, clock: Clock, member: Member, request: { year: number; place?: unknown; correlationId?: string }): EndorseResult {
  const state = endorsingState(member);
  const place = cleanPlace(request.place);
  return inTransaction(db, () => {
    const plan = planOrFail(db, request.year);
    assertDraft(plan);
    if (!participatingStates(db).includes(state)) throw new DomainError({ key: 'cycle.errors.stateNotParticipating', vars: { state, year: plan.year } });
    const previous = sql(db, 'SELECT endorsed_at AS at FROM plan_endorsements WHERE plan_year = ? AND member_state = ?').get(plan.year, state) as { at: string } | undefined;
    if (previous) throw new DomainError({ key: 'cycle.errors.alreadyEndorsed', vars: { state, year: plan.year, at: previous.at } });
    const now = clock.now().toISOString();
    sql(db, 'INSERT INTO plan_endorsements (plan_year, member_state, endorsed_by_user_id, authority_id, endorsed_at) VALUES (?, ?, ?, ?, ?)').run(
      plan.year,
      state,
      member.userId,
      member.authority.id,
      now,
    );
    if (place) storeMeetingPlace(db, plan.year, place, now);
    appendAudit(db, clock, { actor: actorOf(member), action: 'plan.endorsed', subjectType: 'plan', subjectRef: String(plan.year), details: { state }, correlationId: request.correlationId });
    recordEvent(db, clock, { type: 'plan.endorsed', ref: String(plan.year), state });
    const agreed = agreeWhenAllEndorsed(db, clock, member, plan.year, request.correlationId);
    return { state, agreed, status: endorsementStatus(db, plan.year) };
  });
}

/**
 * Agrees a draft once every participating state has endorsed it: after an endorsement, and after a
 * state that had not endorsed leaves the cooperation (the others' endorsements then suffice).
 * Call inside the transaction of that change; true when the plan is now agreed.
 */
export function agreeWhenAllEndorsed(db: Db, clock: Clock, member: Member, year: number, correlationId?: string): boolean {
  const status = endorsementStatus(db, year);
  if (status.plan.status !== 'draft' || !status.states.some((entry) => entry.endorsedAt !== null)) return false;
  if (!status.states.every((entry) => entry.endorsedAt !== null)) return false;
  const count = actionsOfYear(db, year).filter((action) => action.status !== 'cancelled').length;
  sql(db, "UPDATE plans SET status = 'agreed', agreed_at = ?, agreed_place = ?, agreed_action_count = ? WHERE year = ?").run(clock.now().toISOString(), meetingPlace(db, year), count, year);
  appendAudit(db, clock, { actor: actorOf(member), action: 'plan.agreed', subjectType: 'plan', subjectRef: String(year), details: { actions: count }, correlationId });
  recordEvent(db, clock, { type: 'plan.agreed', ref: String(year) });
  return true;
}

/**
 * A coordinator records where the plan is (or was) agreed: before the last endorsement it is the
 * place the agreement will carry; once agreed, it corrects it.
 */
export function setMeetingPlace(db: Db, clock: Clock, member: Member, request: { year: number; place: unknown; correlationId?: string }): EndorsementStatus {
  assertCoordinator(member);
  const place = cleanPlace(request.place);
  if (!place) throw new DomainError({ field: 'place', key: 'cycle.errors.placeRequired' });
  return inTransaction(db, () => {
    const plan = planOrFail(db, request.year);
    if (plan.status === 'assessed') throw new DomainError({ key: 'cycle.errors.alreadyAssessed', vars: { year: plan.year } });
    storeMeetingPlace(db, plan.year, place, clock.now().toISOString());
    if (plan.status === 'agreed') sql(db, 'UPDATE plans SET agreed_place = ? WHERE year = ?').run(place, plan.year);
    appendAudit(db, clock, { actor: actorOf(member), action: 'plan.place_set', subjectType: 'plan', subjectRef: String(plan.year), details: { status: plan.status }, correlationId: request.correlationId });
    return endorsementStatus(db, plan.year);
  });
}

import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { assertCoordinator } from './actionAccess';
import { actionsOfYear, type ActionSummary } from './actionRows';
import { appendTimeline } from './actionTimeline';
import { getPlanHeader, type PlanStatus } from './planQueries';
import { ensureDraftPlan, insertAction, nextActionRef } from './planStore';
import { isCarriedOver } from './transitions';
import type { ActionStatus, ActionTopic, FundingSource } from './vocabulary';

export interface CarryOverItem {
  fromRef: string;
  title: string;
  status: ActionStatus;
  /** The copy's reference in the next plan, once made. */
  toRef: string | null;
}

export interface CarryOverPlan {
  fromYear: number;
  toYear: number;
  /** Status of the target plan before carrying over; null when it does not exist yet. */
  targetStatus: PlanStatus | null;
  /** Not implemented and not carried over yet: what a confirmation copies. */
  toCopy: CarryOverItem[];
  /** Carried over before (by anyone): never copied twice. */
  alreadyCarried: CarryOverItem[];
  /** Cancelled actions stay behind: cancelling was the decision about them. */
  cancelled: number;
}

export interface CarryOverResult extends CarryOverPlan {
  copied: CarryOverItem[];
  planCreated: boolean;
}

type ActionWithId = ActionSummary & { id: number };

function copiesOf(db: Db, fromYear: number): Map<number, string> {
  const rows = sql(
    db,
    `SELECT c.origin_action_id AS originId, c.ref FROM actions c JOIN actions o ON o.id = c.origin_action_id WHERE o.plan_year = ?`,
  ).all(fromYear) as Array<{ originId: number; ref: string }>;
  return new Map(rows.map((row) => [row.originId, row.ref]));
}

function checkYears(db: Db, fromYear: number, toYear: number): PlanStatus | null {
  if (toYear !== fromYear + 1) throw new DomainError({ key: 'plan.errors.carryOverNextYear', vars: { from: fromYear, to: toYear, next: fromYear + 1 } });
  if (!getPlanHeader(db, fromYear)) throw new DomainError({ key: 'plan.errors.planNotFound', vars: { year: fromYear } });
  const target = getPlanHeader(db, toYear);
  // An agreed plan was negotiated as it stands; carrying over is how its draft begins.
  if (target && target.status !== 'draft') throw new DomainError({ key: 'plan.errors.targetNotDraft', vars: { year: toYear, context: target.status } });
  return target?.status ?? null;
}

function describe(db: Db, fromYear: number, toYear: number): CarryOverPlan & { pending: ActionWithId[] } {
  const targetStatus = checkYears(db, fromYear, toYear);
  const copies = copiesOf(db, fromYear);
  const actions = actionsOfYear(db, fromYear);
  const item = (action: ActionWithId): CarryOverItem => ({ fromRef: action.ref, title: action.title, status: action.status, toRef: copies.get(action.id) ?? null });
  const candidates = actions.filter((action) => isCarriedOver(action.status));
  const pending = candidates.filter((action) => !copies.has(action.id));
  return {
    fromYear,
    toYear,
    targetStatus,
    toCopy: pending.map(item),
    alreadyCarried: actions.filter((action) => copies.has(action.id)).map(item),
    cancelled: actions.filter((action) => action.status === 'cancelled').length,
    pending,
  };
}

/** What carrying a year's unfinished actions over would do, for the confirmation card. Writes nothing. */
export function previewCarryOver(db: Db, fromYear: number, toYear: number): CarryOverPlan {
  const { pending: _pending, ...plan } = describe(db, fromYear, toYear);
  return plan;
}

/**
 * Copies the actions of `fromYear` not implemented (planned, initiated, postponed) into the draft
 * plan of the next year, each linked to its origin, with a new reference and status planned.
 * Coordinators only. Running it again copies only what was not copied yet: usually nothing.
 */
export function carryOverPlan(db: Db, clock: Clock, member: Member, request: { fromYear: number; toYear: number; correlationId?: string }): CarryOverResult {
  assertCoordinator(member);
  return inTransaction(db, () => {
    const { pending, ...plan } = describe(db, request.fromYear, request.toYear);
    const now = clock.now().toISOString();
    const planCreated = pending.length > 0 && ensureDraftPlan(db, request.toYear, now);
    const authorities = sql(db, 'SELECT authority_id AS id FROM action_authorities WHERE action_id = ? ORDER BY authority_id');
    const copied: CarryOverItem[] = [];
    for (const origin of pending) {
      const ref = nextActionRef(db, request.toYear);
      const actionId = insertAction(db, {
        year: request.toYear,
        ref,
        title: origin.title,
        description: origin.description,
        type: origin.type,
        scope: origin.scope,
        leadState: origin.leadState ?? origin.states[0],
        leadAuthorityId: origin.leadAuthority?.id ?? null,
        states: origin.states,
        authorityIds: (authorities.all(origin.id) as Array<{ id: string }>).map((row) => row.id),
        sectors: origin.sectors,
        topics: origin.topics as ActionTopic[],
        // Last year's dates are past; the new plan schedules the action afresh within its year.
        period: String(request.toYear),
        places: origin.places,
        funding: origin.funding as FundingSource[],
        status: 'planned',
        originActionId: origin.id,
        idempotencyKey: null,
        createdByUserId: member.userId,
        now,
      });
      appendTimeline(db, { actionId, member, kind: 'carried_over', statusFrom: origin.status, statusTo: 'planned', note: null, version: 1, at: now });
      copied.push({ fromRef: origin.ref, title: origin.title, status: origin.status, toRef: ref });
    }
    if (copied.length > 0) {
      appendAudit(db, clock, {
        actor: actorOf(member),
        action: 'plan.carried_over',
        subjectType: 'plan',
        subjectRef: String(request.toYear),
        details: { fromYear: request.fromYear, copied: copied.map((item) => [item.fromRef, item.toRef]), alreadyCarried: plan.alreadyCarried.length, planCreated },
        correlationId: request.correlationId,
      });
    }
    return { ...plan, toCopy: [], copied, planCreated };
  });
}

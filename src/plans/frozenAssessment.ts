import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { recordEvent } from '../events/domainEvents';
import { assertCoordinator } from './actionAccess';
import { listAmendments, type Amendment } from './amendments';
import { planOrFail } from './endorsement';
import { frozenFigures, liveAssessment, type PlanAssessment } from './planSummary';
import { ACTION_STATUSES } from './vocabulary';

/** One published figure that no longer matches the actions: "implemented: 6 then, 7 now". */
export interface FigureChange {
  /** `total` or a status. */
  figure: string;
  frozen: number;
  now: number;
}

/** What the report adds to the figures in the annual cycle: when they were frozen, what moved since, the amendments. */
export interface PlanCycleReport {
  frozenAt: string | null;
  changes: FigureChange[];
  amendments: Amendment[];
}

function differences(frozen: PlanAssessment, live: PlanAssessment): FigureChange[] {
  const changes: FigureChange[] = [];
  if (frozen.total !== live.total) changes.push({ figure: 'total', frozen: frozen.total, now: live.total });
  for (const status of ACTION_STATUSES) {
    if (frozen.counts[status] !== live.counts[status]) changes.push({ figure: status, frozen: frozen.counts[status], now: live.counts[status] });
  }
  return changes;
}

export function planCycleReport(db: Db, year: number): PlanCycleReport {
  const plan = planOrFail(db, year);
  const frozen = frozenFigures(db, year);
  return {
    frozenAt: frozen?.frozenAt ?? null,
    changes: frozen ? differences(frozen, liveAssessment(db, plan)) : [],
    amendments: listAmendments(db, year),
  };
}

/**
 * Coordinators freeze the year's assessment (after the year, or at the annual meeting): the
 * figures are stored as they are and published from then on; the plan becomes `assessed`.
 */
export function assessPlan(db: Db, clock: Clock, member: Member, request: { year: number; correlationId?: string }): PlanCycleReport {
  assertCoordinator(member);
  return inTransaction(db, () => {
    const plan = planOrFail(db, request.year);
    if (plan.status === 'draft') throw new DomainError({ key: 'cycle.errors.assessDraft', vars: { year: plan.year } });
    if (plan.status === 'assessed') throw new DomainError({ key: 'cycle.errors.alreadyAssessed', vars: { year: plan.year } });
    const now = clock.now().toISOString();
    const figures = liveAssessment(db, plan);
    sql(db, 'INSERT INTO plan_assessments (plan_year, figures_json, assessed_by_user_id, assessed_at) VALUES (?, ?, ?, ?)').run(plan.year, JSON.stringify(figures), member.userId, now);
    sql(db, "UPDATE plans SET status = 'assessed' WHERE year = ?").run(plan.year);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'plan.assessed',
      subjectType: 'plan',
      subjectRef: String(plan.year),
      details: { total: figures.total, implemented: figures.counts.implemented },
      correlationId: request.correlationId,
    });
    recordEvent(db, clock, { type: 'plan.assessed', ref: String(plan.year) });
    return planCycleReport(db, plan.year);
  });
}

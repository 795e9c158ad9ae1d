import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { submissionKey } from '../identity/submissionKey';
import { assertCoordinator } from './actionAccess';
import { getActionDetail, type ActionDetail } from './actionQueries';
import { appendTimeline } from './actionTimeline';
import type { ActionInput } from './actionInput';
import { ensureDraftPlan, insertPlannedAction, nextActionRef } from './planStore';
import { recordAmendmentIfAgreed } from './amendments';
import { checkPriorityChoice, tagAction } from './priorities';
import { DomainError } from '../errors';

export type CreateActionResult = { kind: 'created' | 'already_submitted'; action: ActionDetail };

function previous(db: Db, idempotencyKey: string): ActionDetail | null {
  const row = sql(db, 'SELECT ref FROM actions WHERE idempotency_key = ?').get(idempotencyKey) as { ref: string } | undefined;
  return row ? getActionDetail(db, row.ref) : null;
}

/**
 * Adds an action to a year's plan (creating the plan as a draft if needed). Coordinators only.
 * The same form submitted twice (a resent invoke, a double click) creates one action.
 */
export function createAction(
  db: Db,
  clock: Clock,
  member: Member,
  input: ActionInput,
  /** `formId`: the id the form was shown with; sent again by the same person, it gets the first's action. */
  /** `priorities`: the ids of the year's priorities it serves, as the form sends them. */
  options: { formId: string; priorities?: readonly string[]; correlationId?: string },
): CreateActionResult {
  assertCoordinator(member);
  const idempotencyKey = submissionKey(member, options.formId);
  // The check and the write share one IMMEDIATE transaction, so two clicks are decided in turn.
  return inTransaction(db, () => {
    const known = previous(db, idempotencyKey);
    if (known) return { kind: 'already_submitted' as const, action: known };
    const priorities = checkPriorityChoice(db, input.year, options.priorities ?? []);
    if (!priorities.ok) throw new DomainError(priorities.errors);
    const now = clock.now().toISOString();
    const planCreated = ensureDraftPlan(db, input.year, now);
    const ref = nextActionRef(db, input.year);
    const actionId = insertPlannedAction(db, input, {
      year: input.year,
      ref,
      states: input.states,
      scope: input.scope,
      idempotencyKey,
      createdByUserId: member.userId,
      now,
    });
    tagAction(db, actionId, priorities.ids);
    appendTimeline(db, { actionId, member, kind: 'created', statusTo: 'planned', version: 1, at: now });
    const amendment = recordAmendmentIfAgreed(db, { year: input.year, ref, kind: 'added', member, at: now });
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'action.created',
      subjectType: 'action',
      subjectRef: ref,
      details: { year: input.year, type: input.type, scope: input.scope, states: input.states, planCreated, amendment },
      correlationId: options.correlationId,
    });
    return { kind: 'created' as const, action: getActionDetail(db, ref)! };
  });
}

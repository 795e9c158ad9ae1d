import { ACTION_STATUSES, type ActionStatus } from './vocabulary';

/**
 * The life of a plan action: planned -> initiated -> implemented, with postponement and
 * cancellation on the way. Implemented and cancelled are final: the annual assessment counts them.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  planned: ['initiated', 'postponed', 'cancelled'],
  initiated: ['implemented', 'postponed', 'cancelled'],
  postponed: ['planned', 'initiated', 'cancelled'],
  implemented: [],
  cancelled: [],
};

/** Statuses whose change must say why (the reason is the update's note). */
export const REASON_REQUIRED: ReadonlySet<ActionStatus> = new Set(['cancelled']);

export function isActionStatus(value: unknown): value is ActionStatus {
  return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);
}

export function allowedNextStatuses(status: ActionStatus): readonly ActionStatus[] {
  return ALLOWED_TRANSITIONS[status];
}

export function canMove(from: ActionStatus, to: ActionStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Not implemented at the end of the year: what the assessment lists and what carry-over copies (except cancelled). */
export function isNotImplemented(status: ActionStatus): boolean {
  return status !== 'implemented';
}

export function isCarriedOver(status: ActionStatus): boolean {
  return status === 'planned' || status === 'initiated' || status === 'postponed';
}

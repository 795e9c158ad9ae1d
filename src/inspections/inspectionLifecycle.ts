import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError, type DomainErrorDetail } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { checkDates } from './inspectionInput';
import { getInspection, type InspectionView } from './inspectionQueries';
import { today } from './dates';
import { recordEvent } from '../events/domainEvents';
import { INSPECTION_STATUSES, LEAD_ONLY_STATUSES, REASON_MAX_LENGTH, TRANSITIONS, type InspectionStatus } from './vocabulary';

export function allowedTransitions(status: InspectionStatus): readonly InspectionStatus[] {
  return TRANSITIONS[status];
}

/** Members of a participating authority act on the inspection; coordinators act on every one. */
export function takesPart(inspection: InspectionView, member: Member): boolean {
  return member.role === 'coordinator' || inspection.authorities.some((authority) => authority.id === member.authority.id);
}

export function leads(inspection: InspectionView, member: Member): boolean {
  return member.role === 'coordinator' || inspection.leadAuthority.id === member.authority.id;
}

/**
 * The message for a move the lifecycle does not allow: it names where the inspection is and
 * where it can go from there (status codes; the adapter shows their labels).
 */
export function transitionError(inspection: InspectionView, to: InspectionStatus): DomainErrorDetail {
  if (inspection.status === to) return { key: 'inspections.errors.alreadyInStatus', vars: { ref: inspection.ref, status: to } };
  const allowed = allowedTransitions(inspection.status);
  if (allowed.length === 0) return { key: 'inspections.errors.lifecycleOver', vars: { ref: inspection.ref, status: inspection.status } };
  return { key: 'inspections.errors.transitionNotAllowed', vars: { ref: inspection.ref, status: inspection.status, to, allowed: allowed.join(',') } };
}

export function checkTransition(inspection: InspectionView, to: InspectionStatus): void {
  if (!allowedTransitions(inspection.status).includes(to)) throw new DomainError(transitionError(inspection, to));
}

export function checkMayChange(inspection: InspectionView, member: Member, to: InspectionStatus): void {
  if (!takesPart(inspection, member)) {
    throw new DomainError({ key: 'inspections.errors.notParticipating', vars: { ref: inspection.ref, authorities: inspection.authorities.map((a) => a.shortName).join(', ') } });
  }
  if (LEAD_ONLY_STATUSES.includes(to) && !leads(inspection, member)) {
    throw new DomainError({ key: 'inspections.errors.leadOnly', vars: { ref: inspection.ref, authority: inspection.leadAuthority.shortName, to } });
  }
}

export function inspectionOrFail(db: Db, ref: string): InspectionView {
  const inspection = getInspection(db, ref);
  if (!inspection) throw new DomainError({ key: 'inspections.errors.notFound', vars: { ref: ref.trim().slice(0, 40) } });
  return inspection;
}

export interface StatusChangeRequest extends InspectionChangeRequest {
  to: string;
  /** New dates: required to postpone. */
  startDate?: string | null;
  endDate?: string | null;
  /** Required to cancel; optional when postponing. */
  reason?: string | null;
}

export interface StatusChangeOptions {
  /**
   * The line recorded on the linked plan action's timeline when the inspection is carried out, in
   * the channel's language (the adapter writes it; carrying out changes no field it names).
   */
  timelineNote?: string;
}

/** What every change of a shared inspection may say about where it was made. */
export interface InspectionChangeRequest {
  ref: string;
  /**
   * The change was made on the cooperation channel's own post of the inspection, which the
   * person's click updates in place for everyone: no update of that post needs to follow.
   */
  onChannelPost?: boolean;
  correlationId?: string;
}

/** The inspection as a change left it, with the `inspection.changed` event that tells of it. */
export function changedInspection(db: Db, clock: Clock, request: InspectionChangeRequest): InspectionView {
  const inspection = getInspection(db, request.ref)!;
  recordEvent(db, clock, { type: 'inspection.changed', ref: inspection.ref, version: inspection.version, onChannelPost: request.onChannelPost ?? false });
  return inspection;
}

interface Change {
  startDate: string;
  endDate: string;
  reason: string | null;
}

function checkedChange(inspection: InspectionView, to: InspectionStatus, request: StatusChangeRequest, day: string): Change {
  const reason = request.reason?.trim() || null;
  const errors: DomainErrorDetail[] = [];
  if (reason && reason.length > REASON_MAX_LENGTH) errors.push({ field: 'reason', key: 'inspections.errors.tooLong', vars: { max: REASON_MAX_LENGTH } });
  if (to === 'cancelled' && !reason) errors.push({ field: 'reason', key: 'inspections.errors.reasonRequired' });
  if (to === 'postponed') {
    const startDate = request.startDate?.trim() ?? '';
    const endDate = request.endDate?.trim() ?? '';
    checkDates(startDate, endDate, { start: 'startDate', end: 'endDate' }, errors);
    if (errors.length === 0 && startDate < day) errors.push({ field: 'startDate', key: 'inspections.errors.postponeToPast' });
    if (errors.length === 0 && startDate === inspection.startDate && endDate === inspection.endDate) errors.push({ field: 'startDate', key: 'inspections.errors.sameDates' });
    if (errors.length > 0) throw new DomainError(errors);
    return { startDate, endDate, reason };
  }
  if (to === 'carried_out' && day < inspection.startDate) errors.push({ key: 'inspections.errors.notStartedYet', vars: { ref: inspection.ref, date: inspection.startDate } });
  if (errors.length > 0) throw new DomainError(errors);
  return { startDate: inspection.startDate, endDate: inspection.endDate, reason: to === 'cancelled' ? reason : null };
}

const timelineColumns = new WeakMap<Db, Set<string>>();

/**
 * The plan feature's migration types timeline entries (kind, action_version); a store without it
 * has plain status/note rows. Read once per connection.
 */
function hasTypedTimeline(db: Db): boolean {
  let columns = timelineColumns.get(db);
  if (!columns) {
    columns = new Set((db.pragma('table_info(action_updates)') as Array<{ name: string }>).map((column) => column.name));
    timelineColumns.set(db, columns);
  }
  return columns.has('kind') && columns.has('action_version');
}

/**
 * On the linked plan action's timeline: the inspection took place. A note only: the action's
 * status and version stay, so the lead's "mark implemented" button on the card stays valid.
 */
function recordOnActionTimeline(db: Db, clock: Clock, member: Member, inspection: InspectionView, note: string, correlationId?: string): void {
  if (!inspection.action) return;
  const entry = { actionId: inspection.action.id, userId: member.userId, authorityId: member.authority.id, note, version: inspection.action.version, at: clock.now().toISOString() };
  if (hasTypedTimeline(db)) {
    sql(
      db,
      `INSERT INTO action_updates (action_id, user_id, authority_id, kind, status_from, status_to, note, action_version, created_at)
       VALUES (@actionId, @userId, @authorityId, 'note', NULL, NULL, @note, @version, @at)`,
    ).run(entry);
  } else {
    const { version: _version, ...plain } = entry;
    sql(db, 'INSERT INTO action_updates (action_id, user_id, authority_id, status_from, status_to, note, created_at) VALUES (@actionId, @userId, @authorityId, NULL, NULL, @note, @at)').run(plain);
  }
  appendAudit(db, clock, {
    actor: actorOf(member),
    action: 'action.inspection_recorded',
    subjectType: 'action',
    subjectRef: inspection.action.ref,
    details: { inspection: inspection.ref },
    correlationId,
  });
}

/**
 * Moves an inspection along its lifecycle (agreed, carried out, postponed with new dates,
 * cancelled with a reason, closed). "Report shared" is reached by recording the outcome.
 */
export function changeInspectionStatus(db: Db, clock: Clock, member: Member, request: StatusChangeRequest, options: StatusChangeOptions = {}): InspectionView {
  if (!(INSPECTION_STATUSES as readonly string[]).includes(request.to)) throw new DomainError({ key: 'inspections.errors.unknownChoice' });
  const to = request.to as InspectionStatus;
  return inTransaction(db, () => {
    const inspection = inspectionOrFail(db, request.ref);
    checkTransition(inspection, to);
    checkMayChange(inspection, member, to);
    if (to === 'report_shared') throw new DomainError({ key: 'inspections.errors.reportThroughForm', vars: { ref: inspection.ref } });
    const change = checkedChange(inspection, to, request, today(clock));
    const now = clock.now().toISOString();
    sql(db, 'UPDATE inspections SET status = ?, start_date = ?, end_date = ?, status_reason = ?, version = version + 1, updated_at = ? WHERE id = ?').run(
      to,
      change.startDate,
      change.endDate,
      change.reason,
      now,
      inspection.id,
    );
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'inspection.status_changed',
      subjectType: 'inspection',
      subjectRef: inspection.ref,
      details: {
        from: inspection.status,
        to,
        ...(to === 'postponed' ? { previousDates: [inspection.startDate, inspection.endDate], newDates: [change.startDate, change.endDate] } : {}),
        ...(change.reason ? { reason: change.reason } : {}),
      },
      correlationId: request.correlationId,
    });
    const updated = changedInspection(db, clock, { ...request, ref: inspection.ref });
    if (to === 'carried_out' && updated.action) {
      recordOnActionTimeline(db, clock, member, updated, options.timelineNote ?? updated.ref, request.correlationId);
    }
    return updated;
  });
}

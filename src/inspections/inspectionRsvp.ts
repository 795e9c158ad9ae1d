import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { changedInspection, inspectionOrFail, type InspectionChangeRequest } from './inspectionLifecycle';
import type { InspectionView } from './inspectionQueries';
import { RSVP_ANSWERS, RSVP_OPEN_STATUSES, type RsvpAnswer } from './vocabulary';

/**
 * Inspectors of the participating states say whether they join; ELA staff may too when ELA's
 * support was requested. A joint inspection is staffed from several states, so one person's
 * answer does not speak for their authority.
 */
function mayAnswer(inspection: InspectionView, member: Member): boolean {
  if (member.authority.memberState) return inspection.states.includes(member.authority.memberState);
  return inspection.elaSupport && member.authority.type === 'eu_agency';
}

/** Records "I'll join" or "Can't join" for this person; answering again changes the answer. */
export function answerInvitation(db: Db, clock: Clock, member: Member, request: InspectionChangeRequest & { answer: string }): InspectionView {
  if (!(RSVP_ANSWERS as readonly string[]).includes(request.answer)) throw new DomainError({ key: 'inspections.errors.unknownChoice' });
  const answer = request.answer as RsvpAnswer;
  return inTransaction(db, () => {
    const inspection = inspectionOrFail(db, request.ref);
    if (!RSVP_OPEN_STATUSES.includes(inspection.status)) throw new DomainError({ key: 'inspections.errors.rsvpClosed', vars: { ref: inspection.ref, status: inspection.status } });
    if (!mayAnswer(inspection, member)) throw new DomainError({ key: 'inspections.errors.stateNotTakingPart', vars: { ref: inspection.ref, states: inspection.states.join(', ') } });
    const previous = inspection.participants.find((participant) => participant.userId === member.userId);
    // A repeated click changes nothing and is not worth an audit line.
    if (previous?.answer === answer && previous.authority.id === member.authority.id) return inspection;
    const now = clock.now().toISOString();
    sql(
      db,
      `INSERT INTO inspection_participants (inspection_id, user_id, authority_id, answer, answered_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(inspection_id, user_id) DO UPDATE SET authority_id = excluded.authority_id, answer = excluded.answer, answered_at = excluded.answered_at`,
    ).run(inspection.id, member.userId, member.authority.id, answer, now);
    sql(db, 'UPDATE inspections SET version = version + 1, updated_at = ? WHERE id = ?').run(now, inspection.id);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'inspection.rsvp',
      subjectType: 'inspection',
      subjectRef: inspection.ref,
      details: { answer, previous: previous?.answer ?? null },
      correlationId: request.correlationId,
    });
    return changedInspection(db, clock, { ...request, ref: inspection.ref });
  });
}

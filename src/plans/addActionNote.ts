import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { actionByRef } from './actionRows';
import { getActionDetail, type ActionDetail } from './actionQueries';
import { assertMayUpdate } from './actionAccess';
import { appendTimeline, cleanNote } from './actionTimeline';
import { NOTE_MAX_LENGTH } from './vocabulary';

/**
 * Adds a progress note to an action's timeline without changing its status. A note only appends,
 * so it needs no expected version; it does raise the version, because a card or tab showing the
 * timeline without it is now out of date.
 */
export function addActionNote(db: Db, clock: Clock, member: Member, request: { ref: string; note: unknown; correlationId?: string }): ActionDetail {
  const note = cleanNote(request.note);
  if (!note) throw new DomainError({ field: 'note', key: 'plan.errors.noteRequired' });
  if (note.length > NOTE_MAX_LENGTH) throw new DomainError({ field: 'note', key: 'plan.errors.noteTooLong', vars: { max: NOTE_MAX_LENGTH } });
  return inTransaction(db, () => {
    const action = actionByRef(db, request.ref);
    if (!action) throw new DomainError({ key: 'plan.errors.actionNotFound', vars: { ref: request.ref.slice(0, 20) } });
    assertMayUpdate(member, action);
    const at = clock.now().toISOString();
    sql(db, 'UPDATE actions SET version = version + 1, updated_at = ? WHERE id = ?').run(at, action.id);
    appendTimeline(db, { actionId: action.id, member, kind: 'note', note, version: action.version + 1, at });
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'action.note_added',
      subjectType: 'action',
      subjectRef: action.ref,
      details: { version: action.version + 1 },
      correlationId: request.correlationId,
    });
    return getActionDetail(db, action.ref)!;
  });
}

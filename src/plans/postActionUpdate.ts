import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Member } from '../identity/members';
import { actionByRef } from './actionRows';
import { assertMayUpdate } from './actionAccess';
import { addActionNote } from './addActionNote';
import { cleanNote } from './actionTimeline';
import { readVersion, updateActionStatus, type StatusUpdateRequest } from './updateActionStatus';
import { getActionDetail, type ActionDetail } from './actionQueries';
import { StaleActionError } from './planErrors';
import type { ActionStatus } from './vocabulary';

export type ActionUpdateResult = { kind: 'note'; action: ActionDetail } | { kind: 'status'; action: ActionDetail; from: ActionStatus };

/**
 * One "post update" on an action, from a card, a one-liner or the tab: a status and a note. The
 * status the action already has, with a note, is a note (every form offers "keep the status, note
 * only"); any other status is a status change, refused on a stale version. Decided here, against
 * the stored status in the same transaction as the write, so no adapter decides it on its own.
 */
/** Whether the action's status changed after the version a person saw (null: no version given). */
function statusChangedSince(db: Db, actionId: number, seenVersion: number | null): boolean {
  if (seenVersion === null) return false;
  return sql(db, "SELECT 1 FROM action_updates WHERE action_id = ? AND kind = 'status' AND action_version > ? LIMIT 1").get(actionId, seenVersion) !== undefined;
}

export function postActionUpdate(db: Db, clock: Clock, member: Member, request: StatusUpdateRequest): ActionUpdateResult {
  return inTransaction(db, (): ActionUpdateResult => {
    const stored = actionByRef(db, request.ref);
    const sameStatus = stored !== null && typeof request.status === 'string' && request.status.trim() === stored.status;
    if (sameStatus && statusChangedSince(db, stored.id, readVersion(request.expectedVersion))) {
      // The person was looking at another status and chose this one: someone else made the same
      // change first. Theirs is a status change on a stale version, refused with the action as it
      // is now, not silently turned into a note (two tabs moving an action at once: one wins).
      throw new StaleActionError(getActionDetail(db, stored.ref)!);
    }
    if (sameStatus && cleanNote(request.note)) {
      // A note only appends, so it takes no version: a newer note on the timeline does not make it wrong.
      return { kind: 'note', action: addActionNote(db, clock, member, { ref: request.ref, note: request.note, correlationId: request.correlationId }) };
    }
    if (sameStatus) {
      // Nothing to change and nothing to add, whatever the version: say both, since the forms'
      // "keep" choice means "a note only". Someone who may not update hears that instead.
      assertMayUpdate(member, stored);
      throw new DomainError([
        { field: 'status', key: 'plan.errors.alreadyInStatus', vars: { ref: stored.ref, current: stored.status } },
        { field: 'note', key: 'plan.errors.noteRequired' },
      ]);
    }
    // Unknown action, unknown status, stale version, refused move: the status command says which.
    const action = updateActionStatus(db, clock, member, request);
    // Read in this same IMMEDIATE transaction, so it is the status the change moved from; had the
    // action been missing, the command above would have refused.
    return { kind: 'status', action, from: stored!.status };
  });
}

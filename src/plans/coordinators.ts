import { z } from 'zod';
import coordinatorsFile from '../reference/coordinators.json';
import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const coordinatorsSchema = z.object({
  coordinators: z.array(
    z.object({
      aadObjectId: z.string().regex(guid, 'must be the Entra object id (a GUID) of the person'),
      memberState: z.string().regex(/^[A-Z]{2}$/),
      label: z.string().max(200).optional(),
    }),
  ),
});

export type Coordinator = z.infer<typeof coordinatorsSchema>['coordinators'][number];

/** The coordinators file, checked: a typo in an object id or a state code is refused as a whole and reported. */
export function loadCoordinators(raw: unknown = coordinatorsFile, memberStates?: readonly string[]): Coordinator[] {
  const { coordinators } = coordinatorsSchema.parse(raw);
  for (const coordinator of coordinators) {
    if (memberStates && !memberStates.includes(coordinator.memberState)) {
      throw new Error(`coordinators.json: ${coordinator.aadObjectId} names unknown member state ${coordinator.memberState}`);
    }
  }
  return coordinators;
}

/**
 * Brings users.role in line with the coordinators list: people on it become coordinators (now, or
 * at their first visit through a trigger); people taken off it become members again. A role set by
 * hand in the store for someone never on the list is left alone. Each change is audited.
 */
export function syncCoordinators(db: Db, clock: Clock, coordinators: readonly Coordinator[]): { granted: number; revoked: number } {
  return db.transaction(() => {
    const listed = new Set(coordinators.map((c) => c.aadObjectId.toLowerCase()));
    const previously = (sql(db, 'SELECT aad_object_id AS id FROM coordinators').all() as Array<{ id: string }>).map((row) => row.id.toLowerCase());
    let revoked = 0;
    for (const id of previously.filter((id) => !listed.has(id))) {
      const user = sql(db, "UPDATE users SET role = 'member' WHERE aad_object_id = ? COLLATE NOCASE AND role = 'coordinator' RETURNING id, authority_id AS authorityId").get(id) as
        | { id: number; authorityId: string | null }
        | undefined;
      if (user) {
        revoked += 1;
        appendAudit(db, clock, { actor: SYSTEM_ACTOR, action: 'user.coordinator_revoked', subjectType: 'user', subjectRef: String(user.id) });
      }
    }
    sql(db, 'DELETE FROM coordinators').run();
    let granted = 0;
    for (const coordinator of coordinators) {
      sql(db, 'INSERT INTO coordinators (aad_object_id, member_state, label) VALUES (?, ?, ?)').run(coordinator.aadObjectId, coordinator.memberState, coordinator.label ?? null);
      const user = sql(db, "UPDATE users SET role = 'coordinator' WHERE aad_object_id = ? COLLATE NOCASE AND role <> 'coordinator' RETURNING id").get(coordinator.aadObjectId) as
        | { id: number }
        | undefined;
      if (user) {
        granted += 1;
        appendAudit(db, clock, { actor: SYSTEM_ACTOR, action: 'user.coordinator_granted', subjectType: 'user', subjectRef: String(user.id), details: { memberState: coordinator.memberState } });
      }
    }
    return { granted, revoked };
  }).immediate();
}

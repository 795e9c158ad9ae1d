import { sql, type Db } from '../store/database';
import type { ActionScope, ActionStatus, ActionTopic, ActionType, FundingSource } from './vocabulary';
import type { Place } from './actionRows';
import type { ActionInput } from './actionInput';

/** Creates the year's plan as a draft when it does not exist yet; true when it did not. */
export function ensureDraftPlan(db: Db, year: number, now: string): boolean {
  const { changes } = sql(db, "INSERT INTO plans (year, status, created_at) VALUES (?, 'draft', ?) ON CONFLICT(year) DO NOTHING").run(year, now);
  return changes === 1;
}

/**
 * The next reference of a year's plan (2024-43 after 2024-42). Plan references carry no prefix and
 * were partly imported, so the number follows the highest one in use; call it inside the inserting
 * transaction, whose write lock keeps two writers from taking the same number.
 */
export function nextActionRef(db: Db, year: number): string {
  const { highest } = sql(
    db,
    "SELECT COALESCE(MAX(CAST(substr(ref, 6) AS INTEGER)), 0) AS highest FROM actions WHERE plan_year = ? AND ref LIKE ? || '-%'",
  ).get(year, String(year)) as { highest: number };
  return `${year}-${String(highest + 1).padStart(2, '0')}`;
}

export interface NewActionRow {
  year: number;
  ref: string;
  title: string;
  description: string;
  type: ActionType;
  scope: ActionScope;
  leadState: string;
  leadAuthorityId: string | null;
  states: string[];
  authorityIds: string[];
  sectors: string[];
  topics: ActionTopic[];
  period: string | null;
  places: Place[];
  funding: FundingSource[];
  status: ActionStatus;
  originActionId: number | null;
  idempotencyKey: string | null;
  createdByUserId: number | null;
  now: string;
}

/** Inserts an action with its states, authorities, sectors and topics; returns its id. */
export function insertAction(db: Db, row: NewActionRow): number {
  const { lastInsertRowid } = sql(
    db,
    `INSERT INTO actions (plan_year, ref, title, description, type, scope, lead_state, lead_authority_id, period, places_json, funding_json,
                          status, origin_action_id, idempotency_key, created_by_user_id, created_at, updated_at)
     VALUES (@year, @ref, @title, @description, @type, @scope, @leadState, @leadAuthorityId, @period, @places, @funding,
             @status, @originActionId, @idempotencyKey, @createdByUserId, @now, @now)`,
  ).run({ ...row, places: JSON.stringify(row.places), funding: JSON.stringify(row.funding) });
  const actionId = Number(lastInsertRowid);
  for (const state of row.states) sql(db, 'INSERT INTO action_states (action_id, member_state) VALUES (?, ?)').run(actionId, state);
  for (const authority of row.authorityIds) sql(db, 'INSERT INTO action_authorities (action_id, authority_id) VALUES (?, ?)').run(actionId, authority);
  for (const sector of row.sectors) sql(db, 'INSERT INTO action_sectors (action_id, nace_code) VALUES (?, ?)').run(actionId, sector);
  for (const topic of row.topics) sql(db, 'INSERT INTO action_topics (action_id, topic) VALUES (?, ?)').run(actionId, topic);
  return actionId;
}

/**
 * A new planned action from a form's fields (a coordinator's, or a proposal's when accepted): its
 * lead authority is its only authority so far, and it has no places yet.
 */
export function insertPlannedAction(
  db: Db,
  input: ActionInput,
  row: Pick<NewActionRow, 'year' | 'ref' | 'states' | 'scope' | 'idempotencyKey' | 'createdByUserId' | 'now'>,
): number {
  const { title, description, type, leadState, leadAuthorityId, sectors, topics, period, funding } = input;
  return insertAction(db, {
    ...row,
    title,
    description,
    type,
    leadState,
    leadAuthorityId,
    authorityIds: leadAuthorityId ? [leadAuthorityId] : [],
    sectors,
    topics,
    period,
    places: [],
    funding,
    status: 'planned',
    originActionId: null,
  });
}

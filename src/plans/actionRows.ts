import { sql, type Db } from '../store/database';
import type { ActionScope, ActionStatus, ActionType } from './vocabulary';

export interface Place {
  city: string | null;
  region: string | null;
  country: string;
}

/** An action as lists, tiles and summaries show it. */
export interface ActionSummary {
  ref: string;
  year: number;
  title: string;
  description: string;
  type: ActionType;
  scope: ActionScope;
  status: ActionStatus;
  statusReason: string | null;
  leadState: string | null;
  leadAuthority: { id: string; shortName: string } | null;
  states: string[];
  sectors: string[];
  topics: string[];
  period: string | null;
  startDate: string | null;
  endDate: string | null;
  places: Place[];
  funding: string[];
  /** The action of the previous year's plan this one was carried over from. */
  originRef: string | null;
  version: number;
  updatedAt: string;
}

/** The row as ACTION_SELECT reads it: the summary's own fields, with the lead and the JSON lists still flat. */
type ActionRow = Omit<ActionSummary, 'leadAuthority' | 'states' | 'sectors' | 'topics' | 'places' | 'funding'> & {
  id: number;
  leadAuthorityId: string | null;
  leadAuthorityShortName: string | null;
  places: string;
  funding: string;
};

const ACTION_SELECT = `SELECT a.id, a.plan_year AS year, a.ref, a.title, a.description, a.type, a.scope, a.status,
    a.status_reason AS statusReason, a.lead_state AS leadState, a.lead_authority_id AS leadAuthorityId,
    au.short_name AS leadAuthorityShortName, a.period, a.start_date AS startDate, a.end_date AS endDate,
    a.places_json AS places, a.funding_json AS funding, o.ref AS originRef, a.version, a.updated_at AS updatedAt
  FROM actions a
  LEFT JOIN authorities au ON au.id = a.lead_authority_id
  LEFT JOIN actions o ON o.id = a.origin_action_id`;

/** Reference order is numeric: 2024-9 comes before 2024-10, and 2024-100 after 2024-99. */
export const REF_ORDER = 'a.plan_year, CAST(substr(a.ref, 6) AS INTEGER), a.ref';

type SetRow = { actionId: number; value: string };

function grouped(rows: SetRow[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const row of rows) {
    const list = groups.get(row.actionId) ?? [];
    list.push(row.value);
    groups.set(row.actionId, list);
  }
  return groups;
}

function toSummaries(db: Db, rows: ActionRow[]): Array<ActionSummary & { id: number }> {
  const ids = JSON.stringify(rows.map((row) => row.id));
  // Three set-valued lookups for the whole list rather than three per action.
  const lookup = (table: string, column: string) =>
    grouped(
      sql(db, `SELECT action_id AS actionId, ${column} AS value FROM ${table} WHERE action_id IN (SELECT value FROM json_each(?)) ORDER BY ${column}`).all(ids) as SetRow[],
    );
  const states = lookup('action_states', 'member_state');
  const sectors = lookup('action_sectors', 'nace_code');
  const topics = lookup('action_topics', 'topic');
  return rows.map(({ leadAuthorityId, leadAuthorityShortName, places, funding, ...row }) => ({
    ...row,
    leadAuthority: leadAuthorityId ? { id: leadAuthorityId, shortName: leadAuthorityShortName ?? leadAuthorityId } : null,
    states: states.get(row.id) ?? [],
    sectors: sectors.get(row.id) ?? [],
    topics: topics.get(row.id) ?? [],
    places: JSON.parse(places) as Place[],
    funding: JSON.parse(funding) as string[],
  }));
}

/** Every action of a year's plan, in reference order, with its internal id for further lookups. */
export function actionsOfYear(db: Db, year: number): Array<ActionSummary & { id: number }> {
  return toSummaries(db, sql(db, `${ACTION_SELECT} WHERE a.plan_year = ? ORDER BY ${REF_ORDER}`).all(year) as ActionRow[]);
}

/** Every action of every plan, in year and reference order. */
export function allActions(db: Db): Array<ActionSummary & { id: number }> {
  return toSummaries(db, sql(db, `${ACTION_SELECT} ORDER BY ${REF_ORDER}`).all() as ActionRow[]);
}

/**
 * The plan actions with dates that end on or after `fromDate`, for the calendar feed, earliest
 * first. Inspection actions that an inspection already serves are left out: the inspection is
 * in the feed itself, with its own dates and status.
 */
export function datedActions(db: Db, fromDate: string, limit = 500): Array<ActionSummary & { id: number }> {
  return toSummaries(
    db,
    sql(
      db,
      `${ACTION_SELECT}
        WHERE a.start_date IS NOT NULL AND COALESCE(a.end_date, a.start_date) >= ?
          AND NOT (a.type IN ('concerted_inspection', 'joint_inspection') AND EXISTS (SELECT 1 FROM inspections i WHERE i.action_id = a.id))
        ORDER BY a.start_date, ${REF_ORDER} LIMIT ?`,
    ).all(fromDate, limit) as ActionRow[],
  );
}

export function actionByRef(db: Db, ref: string): (ActionSummary & { id: number }) | null {
  const row = sql(db, `${ACTION_SELECT} WHERE a.ref = ?`).get(ref.trim()) as ActionRow | undefined;
  return row ? toSummaries(db, [row])[0] : null;
}

/** Drops the internal id before an action leaves the domain. */
export function withoutId<T extends { id: number }>(action: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = action;
  return rest;
}

/** "ES-PT": the two states of a bilateral action, in alphabetical order; null for other actions. */
export function bilateralPair(action: Pick<ActionSummary, 'scope' | 'states'>): string | null {
  if (action.scope !== 'bilateral' || action.states.length !== 2) return null;
  return [...action.states].sort().join('-');
}

/** The states an action involves: its participants and its lead. */
export function involvedStates(action: Pick<ActionSummary, 'states' | 'leadState'>): string[] {
  return [...new Set([...action.states, ...(action.leadState ? [action.leadState] : [])])].sort();
}

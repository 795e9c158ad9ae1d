import { sql, type Db } from '../store/database';
import type { ActionScope, ActionStatus, ActionType } from './vocabulary';

export interface Place {
  city: string | null;
  region: string | null;
  country: string;
}

export interface ActionSummary {
  ref: string;
  title: string;
  description: string;
  type: ActionType;
  scope: ActionScope;
  status: ActionStatus;
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
  version: number;
  updatedAt: string;
}

export interface PlanView {
  year: number;
  status: 'draft' | 'agreed' | 'assessed';
  agreedActionCount: number | null;
  actions: ActionSummary[];
}

interface ActionRow {
  id: number;
  ref: string;
  title: string;
  description: string;
  type: ActionType;
  scope: ActionScope;
  status: ActionStatus;
  leadState: string | null;
  leadAuthorityId: string | null;
  leadAuthorityShortName: string | null;
  period: string | null;
  startDate: string | null;
  endDate: string | null;
  places: string;
  funding: string;
  version: number;
  updatedAt: string;
}

export function listPlanYears(db: Db): number[] {
  return (sql(db, 'SELECT year FROM plans ORDER BY year').all() as Array<{ year: number }>).map((row) => row.year);
}

function groupByAction(rows: Array<{ actionId: number; value: string }>): Map<number, string[]> {
  const grouped = new Map<number, string[]>();
  for (const row of rows) {
    const list = grouped.get(row.actionId) ?? [];
    list.push(row.value);
    grouped.set(row.actionId, list);
  }
  return grouped;
}

/** One year's plan with every action, in reference order; null when the year has no plan. */
export function getPlanView(db: Db, year: number): PlanView | null {
  const plan = sql(db, 'SELECT year, status, agreed_action_count AS agreedActionCount FROM plans WHERE year = ?').get(year) as
    | Omit<PlanView, 'actions'>
    | undefined;
  if (!plan) return null;
  const rows = sql(
    db,
    `SELECT a.id, a.ref, a.title, a.description, a.type, a.scope, a.status, a.lead_state AS leadState,
            a.lead_authority_id AS leadAuthorityId, au.short_name AS leadAuthorityShortName, a.period,
            a.start_date AS startDate, a.end_date AS endDate, a.places_json AS places, a.funding_json AS funding,
            a.version, a.updated_at AS updatedAt
       FROM actions a LEFT JOIN authorities au ON au.id = a.lead_authority_id
      WHERE a.plan_year = ? ORDER BY a.ref`,
  ).all(year) as ActionRow[];
  // Three set-valued lookups for the whole year rather than three per action.
  const states = groupByAction(
    sql(db, `SELECT s.action_id AS actionId, s.member_state AS value FROM action_states s JOIN actions a ON a.id = s.action_id WHERE a.plan_year = ? ORDER BY s.member_state`).all(year) as Array<{ actionId: number; value: string }>,
  );
  const sectors = groupByAction(
    sql(db, `SELECT s.action_id AS actionId, s.nace_code AS value FROM action_sectors s JOIN actions a ON a.id = s.action_id WHERE a.plan_year = ? ORDER BY s.nace_code`).all(year) as Array<{ actionId: number; value: string }>,
  );
  const topics = groupByAction(
    sql(db, `SELECT t.action_id AS actionId, t.topic AS value FROM action_topics t JOIN actions a ON a.id = t.action_id WHERE a.plan_year = ? ORDER BY t.topic`).all(year) as Array<{ actionId: number; value: string }>,
  );
  return {
    ...plan,
    actions: rows.map((row) => ({
      ref: row.ref,
      title: row.title,
      description: row.description,
      type: row.type,
      scope: row.scope,
      status: row.status,
      leadState: row.leadState,
      leadAuthority: row.leadAuthorityId ? { id: row.leadAuthorityId, shortName: row.leadAuthorityShortName ?? row.leadAuthorityId } : null,
      states: states.get(row.id) ?? [],
      sectors: sectors.get(row.id) ?? [],
      topics: topics.get(row.id) ?? [],
      period: row.period,
      startDate: row.startDate,
      endDate: row.endDate,
      places: JSON.parse(row.places) as Place[],
      funding: JSON.parse(row.funding) as string[],
      version: row.version,
      updatedAt: row.updatedAt,
    })),
  };
}

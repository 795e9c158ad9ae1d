import { sql, type Db } from '../store/database';
import type { NewActionRow } from '../plans/planStore';

/** An imported action: a new action's fields, with exact dates, a source note and looser places. */
export interface DemoActionRow
  extends Pick<NewActionRow, 'year' | 'ref' | 'title' | 'description' | 'type' | 'scope' | 'sectors' | 'topics' | 'period' | 'funding' | 'status' | 'now'> {
  states: string[];
  leadState: string | null;
  leadAuthority: string | null;
  authorities: string[];
  startDate: string | null;
  endDate: string | null;
  places: Array<{ city: string | null; region?: string | null; country: string }>;
  source: string;
}

/**
 * Inserts one demo action with its states, authorities, sectors and topics; returns its id.
 * Unlike planStore's insertAction it keeps exact dates and the source note, which only imported
 * actions have.
 */
export function insertDemoAction(db: Db, action: DemoActionRow): number {
  const { lastInsertRowid } = sql(
    db,
    `INSERT INTO actions (plan_year, ref, title, description, type, scope, lead_state, lead_authority_id, period,
                          start_date, end_date, places_json, funding_json, status, source_note, created_at, updated_at)
     VALUES (@year, @ref, @title, @description, @type, @scope, @leadState, @leadAuthority, @period,
             @startDate, @endDate, @places, @funding, @status, @source, @now, @now)`,
  ).run({
    year: action.year,
    ref: action.ref,
    title: action.title,
    description: action.description,
    type: action.type,
    scope: action.scope,
    leadState: action.leadState,
    leadAuthority: action.leadAuthority,
    period: action.period,
    startDate: action.startDate,
    endDate: action.endDate,
    places: JSON.stringify(action.places),
    funding: JSON.stringify(action.funding),
    status: action.status,
    source: action.source,
    now: action.now,
  });
  const actionId = Number(lastInsertRowid);
  for (const state of action.states) sql(db, 'INSERT INTO action_states (action_id, member_state) VALUES (?, ?)').run(actionId, state);
  for (const authority of action.authorities) sql(db, 'INSERT INTO action_authorities (action_id, authority_id) VALUES (?, ?)').run(actionId, authority);
  for (const sector of action.sectors) sql(db, 'INSERT INTO action_sectors (action_id, nace_code) VALUES (?, ?)').run(actionId, sector);
  for (const topic of action.topics) sql(db, 'INSERT INTO action_topics (action_id, topic) VALUES (?, ?)').run(actionId, topic);
  return actionId;
}

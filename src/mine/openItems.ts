import { sql, inTransaction, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { listAuthorities } from '../reference/participants';
import { addDays, today } from '../inspections/dates';
import type { AlertView } from '../alerts/alertQueries';
import type { InspectionView } from '../inspections/inspectionQueries';
import type { RequestView } from '../requests/requestQueries';
import type { InspectionKind, InspectionStatus } from '../inspections/vocabulary';

/** A plan action the lead state has not touched for this long is waiting for an update. */
export const STALE_ACTION_DAYS = 90;
/** Each list holds at most this many items, the most pressing first; the count says how many there are. */
export const OPEN_ITEMS_PER_LIST = 25;

export interface OpenAlert {
  ref: string;
  companyName: string;
  urgency: 'routine' | 'priority' | 'urgent';
  reportingAuthority: string;
  reportingState: string | null;
  createdAt: string;
}

/** What the authority (or the person) has to do on an inspection: agree, report it carried out, share the report; or just take part. */
export type InspectionTask = 'agree' | 'report_carried_out' | 'share_report' | 'take_part';

export interface OpenInspection {
  ref: string;
  kind: InspectionKind;
  status: InspectionStatus;
  city: string;
  startDate: string;
  endDate: string;
  joined: boolean;
  task: InspectionTask;
}

export interface OpenAction {
  ref: string;
  title: string;
  status: 'planned' | 'initiated' | 'postponed';
  /** Its last day, or the end of its plan's year when it has no dates. */
  endDate: string;
  lastUpdateAt: string;
  overdue: boolean;
  stale: boolean;
}

export interface OpenRequest {
  ref: string;
  requester: string;
  requesterState: string;
  urgency: string;
  status: 'sent' | 'acknowledged' | 'answered_partially';
  dueDate: string;
  overdue: boolean;
}

export interface OpenList<T> {
  items: T[];
  total: number;
}

export interface OpenItems {
  authorityId: string;
  memberState: string | null;
  today: string;
  alerts: OpenList<OpenAlert>;
  inspections: OpenList<OpenInspection>;
  actions: OpenList<OpenAction>;
  requests: OpenList<OpenRequest>;
}

/** The participating authorities of these states, other than `except`. */
function participantsOf(db: Db, states: readonly string[], except: readonly string[]): string[] {
  const wanted = new Set(states);
  const left = new Set(except);
  return listAuthorities(db)
    .filter((authority) => authority.role === 'participant' && authority.memberState && wanted.has(authority.memberState) && !left.has(authority.id))
    .map((authority) => authority.id);
}

/** An open alert waits for the authorities of its countries concerned that have not answered it (never the reporting one). */
export function authoritiesAwaitedOnAlert(db: Db, alert: AlertView): string[] {
  if (alert.status !== 'open') return [];
  return participantsOf(db, alert.countriesConcerned, [alert.reportingAuthority.id, ...alert.responses.map((response) => response.authorityId)]);
}

/** An inspection involves its participating authorities until it is closed or cancelled. */
export function authoritiesOfInspection(inspection: InspectionView): string[] {
  if (inspection.status === 'closed' || inspection.status === 'cancelled') return [];
  return inspection.authorities.map((authority) => authority.id);
}

/** An open request waits for the addressed authorities that have not answered it fully. */
export function authoritiesAwaitedOnRequest(request: RequestView): string[] {
  if (request.status !== 'open') return [];
  return request.addressees.filter((addressee) => addressee.status !== 'answered_fully').map((addressee) => addressee.authorityId);
}

const limit = <T>(rows: T[]): OpenList<T> => ({ items: rows.slice(0, OPEN_ITEMS_PER_LIST), total: rows.length });

function openAlerts(db: Db, member: Member): OpenAlert[] {
  if (member.authority.role !== 'participant' || !member.authority.memberState) return [];
  return sql(
    db,
    `SELECT a.ref, c.name AS companyName, a.urgency, ra.short_name AS reportingAuthority, ra.member_state AS reportingState, a.created_at AS createdAt
       FROM alerts a
       JOIN alert_countries ac ON ac.alert_id = a.id AND ac.member_state = @state
       JOIN companies c ON c.id = a.company_id
       JOIN authorities ra ON ra.id = a.reporting_authority_id
      WHERE a.status = 'open' AND a.reporting_authority_id <> @authority
        AND NOT EXISTS (SELECT 1 FROM alert_responses r WHERE r.alert_id = a.id AND r.authority_id = @authority)
      ORDER BY CASE a.urgency WHEN 'urgent' THEN 0 WHEN 'priority' THEN 1 ELSE 2 END, a.created_at, a.id`,
  ).all({ state: member.authority.memberState, authority: member.authority.id }) as OpenAlert[];
}

function taskOf(status: InspectionStatus, endDate: string, day: string): InspectionTask {
  if (status === 'proposed' || status === 'postponed') return 'agree';
  if (status === 'agreed' && endDate < day) return 'report_carried_out';
  if (status === 'carried_out') return 'share_report';
  return 'take_part';
}

function openInspections(db: Db, member: Member, day: string): OpenInspection[] {
  const rows = sql(
    db,
    `SELECT i.ref, i.kind, i.status, i.city, i.start_date AS startDate, i.end_date AS endDate,
            EXISTS (SELECT 1 FROM inspection_participants p WHERE p.inspection_id = i.id AND p.user_id = @userId AND p.answer = 'join') AS joined,
            EXISTS (SELECT 1 FROM inspection_authorities ia WHERE ia.inspection_id = i.id AND ia.authority_id = @authority) AS ours
       FROM inspections i
      WHERE i.status NOT IN ('closed', 'cancelled', 'report_shared')
        AND (EXISTS (SELECT 1 FROM inspection_participants p WHERE p.inspection_id = i.id AND p.user_id = @userId AND p.answer = 'join')
             OR EXISTS (SELECT 1 FROM inspection_authorities ia WHERE ia.inspection_id = i.id AND ia.authority_id = @authority))
      ORDER BY i.start_date, i.id`,
  ).all({ userId: member.userId, authority: member.authority.id }) as Array<Omit<OpenInspection, 'joined' | 'task'> & { joined: number; ours: number }>;
  return rows
    .map(({ ours, joined, ...row }) => ({ ...row, joined: joined === 1, task: ours === 1 ? taskOf(row.status, row.endDate, day) : ('take_part' as const) }))
    // The authority's own inspections that need nothing of it yet appear only for those who joined.
    .filter((row) => row.joined || row.task !== 'take_part')
    .sort((a, b) => Number(a.task === 'take_part') - Number(b.task === 'take_part') || a.startDate.localeCompare(b.startDate));
}

function openActions(db: Db, member: Member, day: string): OpenAction[] {
  if (!member.authority.memberState) return [];
  const staleBefore = addDays(day, -STALE_ACTION_DAYS);
  const rows = sql(
    db,
    `SELECT a.ref, a.title, a.status, COALESCE(a.end_date, a.plan_year || '-12-31') AS endDate,
            COALESCE((SELECT max(u.created_at) FROM action_updates u WHERE u.action_id = a.id), a.created_at) AS lastUpdateAt
       FROM actions a
      WHERE a.lead_state = @state AND a.status IN ('planned', 'initiated', 'postponed')
      ORDER BY endDate, a.ref`,
  ).all({ state: member.authority.memberState }) as Array<Omit<OpenAction, 'overdue' | 'stale'>>;
  return rows
    .map((row) => ({ ...row, overdue: row.endDate < day, stale: row.lastUpdateAt.slice(0, 10) < staleBefore }))
    .filter((row) => row.overdue || row.stale);
}

function openRequests(db: Db, member: Member, day: string): OpenRequest[] {
  const rows = sql(
    db,
    `SELECT r.ref, ra.short_name AS requester, ra.member_state AS requesterState, r.urgency, d.status, d.due_date AS dueDate
       FROM information_request_addressees d
       JOIN information_requests r ON r.id = d.request_id
       JOIN authorities ra ON ra.id = r.requester_authority_id
      WHERE d.authority_id = @authority AND r.status = 'open' AND d.status <> 'answered_fully'
      ORDER BY d.due_date, r.id`,
  ).all({ authority: member.authority.id }) as Array<Omit<OpenRequest, 'overdue'>>;
  return rows.map((row) => ({ ...row, overdue: row.dueDate < day }));
}

/**
 * What waits for one member: alerts their authority has not answered, inspections they joined or
 * their authority must act on, the overdue or untouched plan actions their state leads, and the
 * requests addressed to their authority not answered in full. A read of case data: audited, with
 * the references shown, in its own transaction. Used by `/mine` and the tab alike.
 */
export function readOpenItems(db: Db, clock: Clock, member: Member, correlationId?: string): OpenItems {
  const day = today(clock);
  return inTransaction(db, () => {
    const items: OpenItems = {
      authorityId: member.authority.id,
      memberState: member.authority.memberState,
      today: day,
      alerts: limit(openAlerts(db, member)),
      inspections: limit(openInspections(db, member, day)),
      actions: limit(openActions(db, member, day)),
      requests: limit(member.authority.role === 'participant' ? openRequests(db, member, day) : []),
    };
    const refs = [items.alerts, items.inspections, items.actions, items.requests].flatMap((list) => list.items.map((item) => item.ref));
    appendAudit(db, clock, { actor: actorOf(member), action: 'open_items.read', subjectType: 'authority', subjectRef: member.authority.id, details: { refs }, correlationId });
    return items;
  });
}

import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { today } from '../inspections/dates';
import { assertMayUseRequestBoard } from './requestBoard';
import { workingDaysBetween } from './workingDays';

/**
 * IMI-style indicators of each addressed authority, per year of sending: how many of the parts
 * addressed to it were answered within their deadline, and how long answers took.
 *
 * The rules, applied the same way to every authority:
 * - A part is answered when it is answered fully, or answered in part on a request the requester
 *   then closed (they took that answer as enough). Its answer date is the (UTC) day of its last answer.
 * - A part is measured once answered, or once its deadline has passed unanswered (on an open
 *   request by today; on a closed or withdrawn one by the day it ended). A part still within its
 *   deadline, or one whose request was withdrawn in time, is counted as addressed but not measured.
 * - The deadline is the one in force: a new deadline the requester accepted replaces the first.
 * - Days to answer are WORKING days of the addressed state, counted as deadlines are (the day of
 *   sending excluded, weekends and national public holidays not counted), so they read against
 *   the 2 (urgent) and 25 (normal) days of Directive 2014/67/EU art. 6(6).
 * Aggregates of no content: every member of a participating authority and coordinators see them.
 */
export interface AuthorityIndicators {
  authorityId: string;
  shortName: string;
  memberState: string;
  names: Record<string, string>;
  /** Parts addressed to the authority in requests sent that year (withdrawn ones included). */
  addressed: number;
  measured: number;
  answeredInTime: number;
  answeredLate: number;
  /** Deadline passed without an answer. */
  unanswered: number;
  /** answeredInTime / measured; null while nothing is measured. */
  shareInTime: number | null;
  /** Mean working days from sending to answer over the answered parts; null without one. */
  averageWorkingDays: number | null;
}

export interface RequestIndicators {
  year: number;
  /** Years in which requests were sent, newest first. */
  years: number[];
  today: string;
  dayCount: 'working';
  authorities: AuthorityIndicators[];
}

interface PartRow {
  authorityId: string;
  shortName: string;
  memberState: string;
  names: string;
  requestStatus: 'open' | 'closed' | 'withdrawn';
  partStatus: string;
  dueDate: string;
  answeredAt: string | null;
  createdAt: string;
  endedAt: string | null;
}

export function requestYears(db: Db): number[] {
  return (sql(db, "SELECT DISTINCT CAST(substr(created_at, 1, 4) AS INTEGER) AS year FROM information_requests ORDER BY year DESC").all() as Array<{ year: number }>).map((r) => r.year);
}

/** The indicators of the year as of `day` (YYYY-MM-DD), one row per authority addressed that year. */
export function requestIndicators(db: Db, year: number, day: string): RequestIndicators {
  const parts = sql(
    db,
    `SELECT a.authority_id AS authorityId, au.short_name AS shortName, au.member_state AS memberState, au.names_json AS names,
            r.status AS requestStatus, a.status AS partStatus, a.due_date AS dueDate, a.answered_at AS answeredAt,
            r.created_at AS createdAt, r.ended_at AS endedAt
       FROM information_request_addressees a JOIN information_requests r ON r.id = a.request_id JOIN authorities au ON au.id = a.authority_id
      WHERE r.created_at >= @from AND r.created_at < @to
      ORDER BY au.member_state, au.short_name`,
  ).all({ from: `${year}-01-01`, to: `${year + 1}-01-01` }) as PartRow[];

  const byAuthority = new Map<string, AuthorityIndicators & { totalDays: number }>();
  for (const part of parts) {
    let row = byAuthority.get(part.authorityId);
    if (!row) {
      row = {
        authorityId: part.authorityId,
        shortName: part.shortName,
        memberState: part.memberState,
        names: JSON.parse(part.names) as Record<string, string>,
        addressed: 0,
        measured: 0,
        answeredInTime: 0,
        answeredLate: 0,
        unanswered: 0,
        shareInTime: null,
        averageWorkingDays: null,
        totalDays: 0,
      };
      byAuthority.set(part.authorityId, row);
    }
    row.addressed += 1;
    const answered = part.answeredAt !== null && (part.partStatus === 'answered_fully' || (part.requestStatus === 'closed' && part.partStatus === 'answered_partially'));
    if (answered) {
      const answeredOn = part.answeredAt!.slice(0, 10);
      row.measured += 1;
      if (answeredOn <= part.dueDate) row.answeredInTime += 1;
      else row.answeredLate += 1;
      row.totalDays += workingDaysBetween(part.memberState, part.createdAt.slice(0, 10), answeredOn);
      continue;
    }
    const endedOn = part.requestStatus === 'open' ? day : (part.endedAt ?? part.createdAt).slice(0, 10);
    if (part.dueDate < endedOn) {
      row.measured += 1;
      row.unanswered += 1;
    }
  }

  const authorities = [...byAuthority.values()].map(({ totalDays, ...row }) => {
    const answered = row.answeredInTime + row.answeredLate;
    return {
      ...row,
      shareInTime: row.measured > 0 ? row.answeredInTime / row.measured : null,
      averageWorkingDays: answered > 0 ? Math.round((totalDays / answered) * 10) / 10 : null,
    };
  });
  return { year, years: requestYears(db), today: day, dayCount: 'working', authorities };
}

/** The indicators as a member reads them: aggregates, but drawn from case data, so the read is audited. */
export function readRequestIndicators(db: Db, clock: Clock, member: Member, year: number, correlationId?: string): RequestIndicators {
  assertMayUseRequestBoard(member);
  return inTransaction(db, () => {
    const indicators = requestIndicators(db, year, today(clock));
    appendAudit(db, clock, { actor: actorOf(member), action: 'request.indicators_read', subjectType: 'information_request', details: { year }, correlationId });
    return indicators;
  });
}

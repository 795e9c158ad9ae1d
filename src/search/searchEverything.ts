import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { isAlertParticipant } from '../alerts/alertAccess';
import { searchCompanies } from '../companies/companyMatching';
import { detectIdentifier } from '../companies/identifiers';
import { foldText } from '../plans/actionQueries';

export type SearchKind = 'company' | 'alert' | 'inspection' | 'action';

/** One record found, with what a result line shows; `key` opens it (a reference, or a company's id). */
export interface SearchHit {
  kind: SearchKind;
  key: string;
  /** Company name, alert's company, action title; for an inspection its place. */
  title: string;
  /** Country code (company, alert's registration, inspection's place), null when none. */
  country: string | null;
  status: string | null;
  /** When the record was created: results are newest first across kinds. */
  at: string;
}

export interface SearchPage {
  items: SearchHit[];
  hasMore: boolean;
}

/** Shortest text searched: one letter would match nearly everything. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
/** Candidates read per kind: a person pages through a few dozen results, not thousands. */
const PER_KIND = 200;

interface SearchQuery {
  text: string;
  offset?: number;
  limit?: number;
  correlationId?: string;
}

function companiesFound(db: Db, text: string): number[] {
  return searchCompanies(db, text, detectIdentifier(text), PER_KIND).map((company) => company.companyId);
}

/**
 * Companies: every participating authority sees them all; a supporting body (ELA), which takes no
 * part in the alert network, only those targeted by an inspection, so a name alone never tells it
 * that an alert exists.
 */
function companyHits(db: Db, member: Member, companyIds: number[]): SearchHit[] {
  const onlyInspected = !isAlertParticipant(member);
  return (
    sql(
      db,
      `SELECT 'company' AS kind, CAST(c.id AS TEXT) AS key, c.name AS title, c.country, NULL AS status, c.created_at AS at
         FROM companies c
        WHERE c.id IN (SELECT value FROM json_each(@ids))
          AND (@onlyInspected = 0 OR EXISTS (SELECT 1 FROM inspection_companies ic WHERE ic.company_id = c.id))`,
    ).all({ ids: JSON.stringify(companyIds), onlyInspected: onlyInspected ? 1 : 0 }) as SearchHit[]
  );
}

/** Alerts (participating authorities only): by reference, IMI request number, case reference or company. */
function alertHits(db: Db, text: string, companyIds: number[]): SearchHit[] {
  return sql(
    db,
    `SELECT 'alert' AS kind, a.ref AS key, c.name AS title, a.registration_country AS country, a.status, a.created_at AS at
       FROM alerts a JOIN companies c ON c.id = a.company_id
      WHERE a.id IN (SELECT id FROM alerts WHERE ref = upper(@text)
                     UNION SELECT id FROM alerts WHERE upper(imi_request_number) = upper(@text)
                     UNION SELECT id FROM alerts WHERE upper(case_reference) = upper(@text)
                     UNION SELECT id FROM alerts WHERE company_id IN (SELECT value FROM json_each(@ids)))
      ORDER BY a.created_at DESC, a.id DESC LIMIT @limit`,
  ).all({ text, ids: JSON.stringify(companyIds), limit: PER_KIND }) as SearchHit[];
}

/** Inspections in a place named like the text, without accents or case ("merida" finds "Mérida"). */
function inspectionsInPlace(db: Db, text: string): number[] {
  const folded = foldText(text);
  const rows = sql(db, 'SELECT id, city, region FROM inspections').all() as Array<{ id: number; city: string | null; region: string | null }>;
  return rows.filter((row) => (row.city && foldText(row.city).includes(folded)) || (row.region && foldText(row.region).includes(folded))).map((row) => row.id);
}

/** Inspections (every member sees them, as in /cji): by reference, IMI request number, place or target company. */
function inspectionHits(db: Db, text: string, companyIds: number[]): SearchHit[] {
  return sql(
    db,
    `SELECT 'inspection' AS kind, i.ref AS key, coalesce(i.city, '') AS title, i.place_state AS country, i.status, i.created_at AS at
       FROM inspections i
      WHERE i.ref = upper(@text)
         OR upper(i.imi_request_number) = upper(@text)
         OR i.id IN (SELECT value FROM json_each(@placed))
         OR i.id IN (SELECT inspection_id FROM inspection_companies WHERE company_id IN (SELECT value FROM json_each(@ids)))
      ORDER BY i.created_at DESC, i.id DESC LIMIT @limit`,
  ).all({ text, placed: JSON.stringify(inspectionsInPlace(db, text)), ids: JSON.stringify(companyIds), limit: PER_KIND }) as SearchHit[];
}

/**
 * Plan actions (public to every member): by reference (or its year, "2024"), or words of the title or a place, without
 * accents or case ("merida" finds "Mérida"). A plan holds a few dozen actions a year, so they are
 * folded here rather than indexed.
 */
function actionHits(db: Db, text: string): SearchHit[] {
  const folded = foldText(text);
  const rows = sql(db, 'SELECT ref, title, places_json AS places, lead_state AS country, status, created_at AS at FROM actions ORDER BY created_at DESC, ref DESC').all() as Array<{
    ref: string;
    title: string;
    places: string;
    country: string | null;
    status: string;
    at: string;
  }>;
  const hits: SearchHit[] = [];
  for (const row of rows) {
    if (hits.length >= PER_KIND) break;
    if (foldText(row.ref).startsWith(folded) || foldText(row.title).includes(folded) || foldText(row.places).includes(folded)) {
      hits.push({ kind: 'action', key: row.ref, title: row.title, country: row.country, status: row.status, at: row.at });
    }
  }
  return hits;
}

const KIND_ORDER: Record<SearchKind, number> = { alert: 0, inspection: 1, action: 2, company: 3 };

/**
 * `/search` and the message extension: companies, alerts, inspections and plan actions matching
 * one text, newest first, one page of them (one extra tells whether there is a next). What the
 * member may not see is never read: alerts only for participating authorities. The search is
 * audited with the alerts it showed, as opening them would be.
 */
export function searchEverything(db: Db, clock: Clock, member: Member, query: SearchQuery): SearchPage {
  const text = query.text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, SEARCH_MAX_LENGTH);
  const limit = query.limit ?? 10;
  const offset = Math.max(0, query.offset ?? 0);
  if (text.length < SEARCH_MIN_LENGTH) return { items: [], hasMore: false };
  const companyIds = companiesFound(db, text);
  const participant = isAlertParticipant(member);
  const hits = [
    ...companyHits(db, member, companyIds),
    ...(participant ? alertHits(db, text, companyIds) : []),
    ...inspectionHits(db, text, companyIds),
    ...actionHits(db, text),
  ].sort((a, b) => (a.at === b.at ? KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.key.localeCompare(a.key) : a.at < b.at ? 1 : -1));
  const items = hits.slice(offset, offset + limit);
  const alertRefs = items.filter((hit) => hit.kind === 'alert').map((hit) => hit.key);
  appendAudit(db, clock, {
    actor: actorOf(member),
    action: 'search.listed',
    subjectType: 'search',
    details: { offset, found: hits.length, alerts: alertRefs },
    correlationId: query.correlationId,
  });
  return { items, hasMore: hits.length > offset + limit };
}

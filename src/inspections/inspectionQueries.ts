import { sql, type Db } from '../store/database';
import type { FraudType } from '../alerts/vocabulary';
import type { InspectionKind, InspectionStatus, RsvpAnswer } from './vocabulary';
import type { Language } from '../i18n/languages';
import { writtenLanguage } from '../i18n/writtenLanguage';

export interface AuthorityRef {
  id: string;
  shortName: string;
  memberState: string | null;
}

export interface InspectionOutcome {
  companiesInspected: number;
  workersChecked: number;
  /** Infringements found per fraud type; types with none are left out. */
  infringements: Partial<Record<FraudType, number>>;
  followUp: string;
  reportReference: string;
  reportedAt: string;
  reportedByAuthorityId: string;
  /** The outcome form that recorded it, so that a resent submission is recognised. */
  formId: string | null;
}

export interface InspectionParticipant {
  userId: number;
  displayName: string | null;
  authority: AuthorityRef;
  answer: RsvpAnswer;
  answeredAt: string;
}

export interface InspectionCompany {
  id: number;
  name: string;
  identifiers: Array<{ type: string; country: string; value: string }>;
  /** Fraud alerts on the same company, newest first. */
  alertRefs: string[];
}

export interface LinkedAction {
  id: number;
  ref: string;
  title: string;
  status: string;
  version: number;
  leadAuthority: AuthorityRef | null;
}

export interface InspectionView {
  id: number;
  ref: string;
  kind: InspectionKind;
  status: InspectionStatus;
  hostState: string;
  states: string[];
  authorities: AuthorityRef[];
  leadAuthority: AuthorityRef;
  sector: string | null;
  city: string;
  region: string | null;
  placeState: string;
  startDate: string;
  endDate: string;
  action: LinkedAction | null;
  elaSupport: boolean;
  notes: string | null;
  /** The IMI request the inspection follows, as typed; null when none. */
  imiRequestNumber: string | null;
  /** The language the notes were written in, from their author's recorded Teams locale; null when unknown. */
  notesLanguage: Language | null;
  statusReason: string | null;
  outcome: InspectionOutcome | null;
  companies: InspectionCompany[];
  participants: InspectionParticipant[];
  createdByUserId: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The row as INSPECTION_SELECT reads it: the view's own fields, with the lead, the action and the flags still flat. */
type InspectionRow = Omit<InspectionView, 'states' | 'authorities' | 'leadAuthority' | 'action' | 'elaSupport' | 'outcome' | 'companies' | 'participants' | 'notesLanguage'> & {
  notesLocale: string | null;
  leadAuthorityId: string;
  leadShortName: string;
  leadState: string | null;
  actionId: number | null;
  elaSupport: number;
  outcome: string | null;
};

const INSPECTION_SELECT = `SELECT i.id, i.ref, i.kind, i.status, i.host_state AS hostState, i.lead_authority_id AS leadAuthorityId,
    la.short_name AS leadShortName, la.member_state AS leadState, i.nace_code AS sector, i.city, i.region, i.place_state AS placeState,
    i.start_date AS startDate, i.end_date AS endDate, i.action_id AS actionId, i.ela_support AS elaSupport, i.notes, i.imi_request_number AS imiRequestNumber,
    (SELECT u.locale FROM users u WHERE u.id = i.created_by_user_id) AS notesLocale,
    i.status_reason AS statusReason, i.outcome_json AS outcome, i.created_by_user_id AS createdByUserId,
    i.created_at AS createdAt, i.updated_at AS updatedAt, i.version
  FROM inspections i JOIN authorities la ON la.id = i.lead_authority_id`;

function linkedAction(db: Db, actionId: number | null): LinkedAction | null {
  if (actionId === null) return null;
  const row = sql(
    db,
    `SELECT a.id, a.ref, a.title, a.status, a.version, a.lead_authority_id AS leadId, au.short_name AS leadShortName, au.member_state AS leadState
       FROM actions a LEFT JOIN authorities au ON au.id = a.lead_authority_id WHERE a.id = ?`,
  ).get(actionId) as (Omit<LinkedAction, 'leadAuthority'> & { leadId: string | null; leadShortName: string | null; leadState: string | null }) | undefined;
  if (!row) return null;
  const { leadId, leadShortName, leadState, ...action } = row;
  return { ...action, leadAuthority: leadId ? { id: leadId, shortName: leadShortName ?? leadId, memberState: leadState } : null };
}

function companiesOf(db: Db, inspectionId: number): InspectionCompany[] {
  const companies = sql(
    db,
    'SELECT c.id, c.name FROM inspection_companies ic JOIN companies c ON c.id = ic.company_id WHERE ic.inspection_id = ? ORDER BY c.name, c.id',
  ).all(inspectionId) as Array<{ id: number; name: string }>;
  return companies.map((company) => ({
    ...company,
    identifiers: sql(db, 'SELECT type, country, value FROM company_identifiers WHERE company_id = ? ORDER BY id').all(company.id) as InspectionCompany['identifiers'],
    alertRefs: (sql(db, 'SELECT ref FROM alerts WHERE company_id = ? ORDER BY created_at DESC, id DESC').all(company.id) as Array<{ ref: string }>).map((row) => row.ref),
  }));
}

function toView(db: Db, row: InspectionRow): InspectionView {
  const states = (sql(db, 'SELECT member_state AS code FROM inspection_states WHERE inspection_id = ? ORDER BY member_state').all(row.id) as Array<{ code: string }>).map((r) => r.code);
  const authorities = sql(
    db,
    `SELECT au.id, au.short_name AS shortName, au.member_state AS memberState
       FROM inspection_authorities ia JOIN authorities au ON au.id = ia.authority_id WHERE ia.inspection_id = ? ORDER BY au.member_state, au.id`,
  ).all(row.id) as AuthorityRef[];
  const participants = (
    sql(
      db,
      `SELECT p.user_id AS userId, u.display_name AS displayName, p.authority_id AS authorityId, au.short_name AS shortName,
              au.member_state AS memberState, p.answer, p.answered_at AS answeredAt
         FROM inspection_participants p JOIN users u ON u.id = p.user_id JOIN authorities au ON au.id = p.authority_id
        WHERE p.inspection_id = ? ORDER BY au.member_state, au.id, p.answered_at, p.user_id`,
    ).all(row.id) as Array<{ userId: number; displayName: string | null; authorityId: string; shortName: string; memberState: string | null; answer: RsvpAnswer; answeredAt: string }>
  ).map((p) => ({ userId: p.userId, displayName: p.displayName, authority: { id: p.authorityId, shortName: p.shortName, memberState: p.memberState }, answer: p.answer, answeredAt: p.answeredAt }));
  const { leadAuthorityId, leadShortName, leadState, actionId, elaSupport, outcome, notesLocale, ...own } = row;
  return {
    ...own,
    notesLanguage: row.notes ? writtenLanguage(notesLocale) : null,
    states,
    authorities,
    leadAuthority: { id: leadAuthorityId, shortName: leadShortName, memberState: leadState },
    action: linkedAction(db, actionId),
    elaSupport: elaSupport === 1,
    outcome: outcome ? (JSON.parse(outcome) as InspectionOutcome) : null,
    companies: companiesOf(db, row.id),
    participants,
  };
}

/** "cji-2026-7" and "CJI-2026-007" are the same reference. */
export function normaliseInspectionRef(text: string): string | null {
  const match = /^CJI-(\d{4})-(\d{1,6})$/i.exec(text.trim());
  return match ? `CJI-${match[1]}-${match[2].padStart(3, '0')}` : null;
}

export function getInspection(db: Db, ref: string): InspectionView | null {
  const normalised = normaliseInspectionRef(ref);
  if (!normalised) return null;
  const row = sql(db, `${INSPECTION_SELECT} WHERE i.ref = ?`).get(normalised) as InspectionRow | undefined;
  return row ? toView(db, row) : null;
}

export function getInspectionById(db: Db, id: number): InspectionView | null {
  const row = sql(db, `${INSPECTION_SELECT} WHERE i.id = ?`).get(id) as InspectionRow | undefined;
  return row ? toView(db, row) : null;
}

export type InspectionPeriod = 'upcoming' | 'past';

export interface InspectionListFilter {
  /** Upcoming: not yet ended on `today`, soonest first. Past: ended before `today`, latest first. */
  period: InspectionPeriod;
  today: string;
  country?: string | null;
  sector?: string | null;
  offset?: number;
  limit?: number;
}

export interface InspectionListItem {
  ref: string;
  kind: InspectionKind;
  status: InspectionStatus;
  city: string;
  placeState: string;
  startDate: string;
  endDate: string;
  states: string;
  leadShortName: string;
  joining: number;
}

/** Inspections of a period, filtered by a participating (or place) state and a sector; one extra row tells whether there is a next page. */
export function listInspections(db: Db, filter: InspectionListFilter): { items: InspectionListItem[]; hasMore: boolean } {
  const limit = filter.limit ?? 8;
  const order = filter.period === 'upcoming' ? 'i.start_date ASC, i.id ASC' : 'i.start_date DESC, i.id DESC';
  const rows = sql(
    db,
    `SELECT i.ref, i.kind, i.status, i.city, i.place_state AS placeState, i.start_date AS startDate, i.end_date AS endDate,
            (SELECT group_concat(member_state, ', ') FROM (SELECT member_state FROM inspection_states s WHERE s.inspection_id = i.id ORDER BY member_state)) AS states,
            la.short_name AS leadShortName,
            (SELECT count(*) FROM inspection_participants p WHERE p.inspection_id = i.id AND p.answer = 'join') AS joining
       FROM inspections i JOIN authorities la ON la.id = i.lead_authority_id
      WHERE ((@period = 'upcoming' AND i.end_date >= @today) OR (@period = 'past' AND i.end_date < @today))
        AND (@country IS NULL OR i.place_state = @country OR EXISTS (SELECT 1 FROM inspection_states s WHERE s.inspection_id = i.id AND s.member_state = @country))
        AND (@sector IS NULL OR i.nace_code = @sector)
      ORDER BY ${order}
      LIMIT @limit OFFSET @offset`,
  ).all({ period: filter.period, today: filter.today, country: filter.country ?? null, sector: filter.sector ?? null, limit: limit + 1, offset: filter.offset ?? 0 }) as InspectionListItem[];
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}

export interface OverlappingInspection {
  ref: string;
  status: InspectionStatus;
  city: string;
  placeState: string;
  startDate: string;
  endDate: string;
  leadShortName: string;
}

/** "Badajoz", " badajoz " and "BADAJOZ" are one place; so are "Perpignan" and "Perpignán". */
export function samePlaceName(a: string, b: string): boolean {
  const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
  return fold(a) === fold(b);
}

/** Live inspections (not cancelled) at the same city of the same state whose dates overlap. */
export function overlappingInspections(db: Db, place: { city: string; placeState: string; startDate: string; endDate: string }, excludeId: number | null = null): OverlappingInspection[] {
  const candidates = sql(
    db,
    `SELECT i.ref, i.status, i.city, i.place_state AS placeState, i.start_date AS startDate, i.end_date AS endDate, la.short_name AS leadShortName
       FROM inspections i JOIN authorities la ON la.id = i.lead_authority_id
      WHERE i.place_state = @placeState AND i.status <> 'cancelled' AND i.start_date <= @endDate AND i.end_date >= @startDate
        AND (@excludeId IS NULL OR i.id <> @excludeId)
      ORDER BY i.start_date, i.id`,
  ).all({ placeState: place.placeState, startDate: place.startDate, endDate: place.endDate, excludeId }) as OverlappingInspection[];
  return candidates.filter((candidate) => samePlaceName(candidate.city, place.city));
}

/** Every inspection of the calendar feed: from a year back on, soonest first. */
export function inspectionsForCalendar(db: Db, fromDate: string, limit = 500): InspectionView[] {
  const rows = sql(db, `${INSPECTION_SELECT} WHERE i.end_date >= ? ORDER BY i.start_date, i.id LIMIT ?`).all(fromDate, limit) as InspectionRow[];
  return rows.map((row) => toView(db, row));
}

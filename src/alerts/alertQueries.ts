import { sql, type Db } from '../store/database';
import { writtenLanguage } from '../i18n/writtenLanguage';
import type { Language } from '../i18n/languages';
import type { Answer, AlertStatus, FraudType, Outcome, Urgency } from './vocabulary';
import { authoritiesNotAnswered, type AwaitedAuthority } from './answerDeadlines';
import type { AlertChange } from './alertChanges';

export interface AlertResponseView {
  authorityId: string;
  authorityShortName: string;
  memberState: string | null;
  answer: Answer;
  note: string | null;
  /** The language the note was written in, from its author's recorded Teams locale; null when unknown. */
  noteLanguage: Language | null;
  respondedAt: string;
  /** Given before the alert's latest edit: it answered the alert as it was then. */
  beforeEdit: boolean;
}

/** One correction of a posted alert, for the history on its card. */
export interface AlertEditView {
  at: string;
  by: { shortName: string; memberState: string | null };
  changes: AlertChange[];
}

export interface AlertView {
  id: number;
  ref: string;
  status: AlertStatus;
  urgency: Urgency;
  company: { id: number; name: string; identifiers: Array<{ type: string; country: string; value: string }> };
  registrationCountry: string;
  countriesConcerned: string[];
  fraudTypes: FraudType[];
  sector: string | null;
  summary: string | null;
  /** The language the summary was written in, from its author's recorded Teams locale; null when unknown. */
  summaryLanguage: Language | null;
  imiRequestNumber: string | null;
  caseReference: string | null;
  /** `names`: the authority's names by language, and its own official name under `local`. */
  reportingAuthority: { id: string; shortName: string; memberState: string | null; names: Record<string, string> };
  reportingUserId: number | null;
  createdAt: string;
  outcome: Outcome | null;
  closedAt: string | null;
  personalDataHidden: boolean;
  responses: AlertResponseView[];
  /** Its corrections, newest first. */
  edits: AlertEditView[];
  /** Set when its author (or a coordinator of their state) withdrew it: it is closed then. */
  withdrawal: { at: string; reason: string | null; by: { shortName: string; memberState: string | null } | null } | null;
  /** The day answers are asked for by (urgent and priority alerts); null: no deadline. */
  answersDueOn: string | null;
  /** The concerned authorities that have not answered yet. */
  notAnswered: AwaitedAuthority[];
  version: number;
}

interface AlertRow {
  id: number;
  ref: string;
  status: AlertStatus;
  urgency: Urgency;
  companyId: number;
  companyName: string;
  registrationCountry: string;
  sector: string | null;
  summary: string | null;
  summaryLanguage: string | null;
  imiRequestNumber: string | null;
  caseReference: string | null;
  authorityId: string;
  authorityShortName: string;
  authorityNames: string;
  authorityState: string | null;
  reportingUserId: number | null;
  createdAt: string;
  outcome: Outcome | null;
  closedAt: string | null;
  hiddenAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  withdrawnByShortName: string | null;
  withdrawnByState: string | null;
  answersDueOn: string | null;
  version: number;
}

const ALERT_SELECT = `SELECT a.id, a.ref, a.status, a.urgency, a.company_id AS companyId, c.name AS companyName,
    a.registration_country AS registrationCountry, a.nace_code AS sector, a.summary, a.imi_request_number AS imiRequestNumber,
    (SELECT u.locale FROM users u WHERE u.id = a.reporting_user_id) AS summaryLanguage,
    a.case_reference AS caseReference, a.reporting_authority_id AS authorityId, au.short_name AS authorityShortName, au.names_json AS authorityNames,
    au.member_state AS authorityState, a.reporting_user_id AS reportingUserId, a.created_at AS createdAt, a.outcome,
    a.closed_at AS closedAt, a.personal_data_hidden_at AS hiddenAt, a.version,
    a.withdrawn_at AS withdrawnAt, a.withdrawal_reason AS withdrawalReason, wa.short_name AS withdrawnByShortName, wa.member_state AS withdrawnByState,
    a.answers_due_on AS answersDueOn
  FROM alerts a JOIN companies c ON c.id = a.company_id JOIN authorities au ON au.id = a.reporting_authority_id
  LEFT JOIN users wu ON wu.id = a.withdrawn_by_user_id LEFT JOIN authorities wa ON wa.id = wu.authority_id`;

function toView(db: Db, row: AlertRow): AlertView {
  const identifiers = sql(db, 'SELECT type, country, value FROM company_identifiers WHERE company_id = ? ORDER BY id').all(row.companyId) as AlertView['company']['identifiers'];
  const countries = (sql(db, 'SELECT member_state AS code FROM alert_countries WHERE alert_id = ? ORDER BY member_state').all(row.id) as Array<{ code: string }>).map((r) => r.code);
  const fraudTypes = (sql(db, 'SELECT fraud_type AS type FROM alert_fraud_types WHERE alert_id = ? ORDER BY fraud_type').all(row.id) as Array<{ type: FraudType }>).map((r) => r.type);
  const responses = (
    sql(
      db,
      `SELECT r.authority_id AS authorityId, au.short_name AS authorityShortName, au.member_state AS memberState, r.answer, r.note,
              u.locale AS noteLanguage, r.responded_at AS respondedAt
         FROM alert_responses r JOIN authorities au ON au.id = r.authority_id LEFT JOIN users u ON u.id = r.user_id
        WHERE r.alert_id = ? ORDER BY au.member_state, au.id`,
    ).all(row.id) as Array<Omit<AlertResponseView, 'noteLanguage' | 'beforeEdit'> & { noteLanguage: string | null }>
  ).map((response) => ({ ...response, noteLanguage: response.note ? writtenLanguage(response.noteLanguage) : null }));
  const edits = (
    sql(
      db,
      `SELECT e.edited_at AS at, au.short_name AS shortName, au.member_state AS memberState, e.changes_json AS changes
         FROM alert_edits e JOIN authorities au ON au.id = e.authority_id WHERE e.alert_id = ? ORDER BY e.id DESC`,
    ).all(row.id) as Array<{ at: string; shortName: string; memberState: string | null; changes: string }>
  ).map((edit) => ({ at: edit.at, by: { shortName: edit.shortName, memberState: edit.memberState }, changes: JSON.parse(edit.changes) as AlertChange[] }));
  const lastEditAt = edits[0]?.at ?? null;
  return {
    id: row.id,
    ref: row.ref,
    status: row.status,
    urgency: row.urgency,
    company: { id: row.companyId, name: row.companyName, identifiers },
    registrationCountry: row.registrationCountry,
    countriesConcerned: countries,
    fraudTypes,
    sector: row.sector,
    summary: row.summary,
    summaryLanguage: row.summary ? writtenLanguage(row.summaryLanguage) : null,
    imiRequestNumber: row.imiRequestNumber,
    caseReference: row.caseReference,
    reportingAuthority: { id: row.authorityId, shortName: row.authorityShortName, memberState: row.authorityState, names: JSON.parse(row.authorityNames) as Record<string, string> },
    reportingUserId: row.reportingUserId,
    createdAt: row.createdAt,
    outcome: row.outcome,
    closedAt: row.closedAt,
    personalDataHidden: row.hiddenAt !== null,
    responses: responses.map((response) => ({ ...response, beforeEdit: lastEditAt !== null && response.respondedAt < lastEditAt })),
    edits,
    withdrawal: row.withdrawnAt
      ? { at: row.withdrawnAt, reason: row.withdrawalReason, by: row.withdrawnByShortName ? { shortName: row.withdrawnByShortName, memberState: row.withdrawnByState } : null }
      : null,
    answersDueOn: row.answersDueOn,
    notAnswered: row.status === 'open' ? authoritiesNotAnswered(db, row.id) : [],
    version: row.version,
  };
}

export function getAlert(db: Db, ref: string): AlertView | null {
  const row = sql(db, `${ALERT_SELECT} WHERE a.ref = ?`).get(ref.trim().toUpperCase()) as AlertRow | undefined;
  return row ? toView(db, row) : null;
}

export function getAlertById(db: Db, id: number): AlertView | null {
  const row = sql(db, `${ALERT_SELECT} WHERE a.id = ?`).get(id) as AlertRow | undefined;
  return row ? toView(db, row) : null;
}

export function alertsOfCompany(db: Db, companyId: number): AlertView[] {
  return (sql(db, `${ALERT_SELECT} WHERE a.company_id = ? ORDER BY a.created_at DESC, a.id DESC`).all(companyId) as AlertRow[]).map((row) => toView(db, row));
}

export interface AlertListFilter {
  text?: string | null;
  country?: string | null;
  status?: AlertStatus | null;
  authorityId?: string | null;
  reporterUserId?: number | null;
  offset?: number;
  limit?: number;
}

export interface AlertListItem {
  ref: string;
  status: AlertStatus;
  urgency: Urgency;
  companyName: string;
  reportingAuthorityShortName: string;
  reportingState: string | null;
  createdAt: string;
  responseCount: number;
}

const LIST_COLUMNS = `a.ref, a.status, a.urgency, c.name AS companyName, au.short_name AS reportingAuthorityShortName,
    au.member_state AS reportingState, a.created_at AS createdAt,
    (SELECT count(*) FROM alert_responses r WHERE r.alert_id = a.id) AS responseCount`;

const LIST_FILTERS = `(@status IS NULL OR a.status = @status)
    AND (@authorityId IS NULL OR a.reporting_authority_id = @authorityId)
    AND (@reporterUserId IS NULL OR a.reporting_user_id = @reporterUserId)
    AND (@country IS NULL OR a.registration_country = @country
         OR EXISTS (SELECT 1 FROM alert_countries ac WHERE ac.alert_id = a.id AND ac.member_state = @country))`;

/** Companies a free text designates: an identifier's compact form, or words of the name. */
function companiesMatchingText(db: Db, text: string): number[] {
  const ids = new Set<number>();
  const compact = text.toUpperCase().replace(/[\s.\-/_]/g, '');
  for (const row of sql(db, 'SELECT company_id AS id FROM company_identifiers WHERE value = ?').all(compact) as Array<{ id: number }>) ids.add(row.id);
  if (text.length >= 3) {
    const rows = sql(db, 'SELECT rowid AS id FROM companies_fts WHERE companies_fts MATCH ? LIMIT 500').all(`"${text.replace(/"/g, ' ')}"`) as Array<{ id: number }>;
    for (const row of rows) ids.add(row.id);
  }
  return [...ids];
}

/**
 * Alerts newest first, filtered; one extra row tells whether there is a next page. A text filter
 * first finds the companies it designates (trigram index, identifiers), so the listing reads
 * only their alerts instead of scanning every alert.
 */
export function listAlerts(db: Db, filter: AlertListFilter): { items: AlertListItem[]; hasMore: boolean } {
  const limit = filter.limit ?? 10;
  const text = filter.text?.trim() || null;
  const params = {
    status: filter.status ?? null,
    authorityId: filter.authorityId ?? null,
    reporterUserId: filter.reporterUserId ?? null,
    country: filter.country ?? null,
    limit: limit + 1,
    offset: filter.offset ?? 0,
  };
  const from = 'FROM alerts a JOIN companies c ON c.id = a.company_id JOIN authorities au ON au.id = a.reporting_authority_id';
  const rows = text
    ? (sql(
        db,
        `SELECT ${LIST_COLUMNS} ${from}
          WHERE a.id IN (SELECT id FROM alerts WHERE ref = upper(@text)
                         UNION ALL SELECT id FROM alerts WHERE company_id IN (SELECT value FROM json_each(@companyIds)))
            AND ${LIST_FILTERS}
          ORDER BY a.created_at DESC, a.id DESC LIMIT @limit OFFSET @offset`,
      ).all({ ...params, text, companyIds: JSON.stringify(companiesMatchingText(db, text)) }) as AlertListItem[])
    : (sql(db, `SELECT ${LIST_COLUMNS} ${from} WHERE ${LIST_FILTERS} ORDER BY a.created_at DESC, a.id DESC LIMIT @limit OFFSET @offset`).all(params) as AlertListItem[]);
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}

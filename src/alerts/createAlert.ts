import { groupCommitted, inTransaction, sql, type Db } from '../store/database';
import { DomainError } from '../errors';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { submissionKey } from '../identity/submissionKey';
import { insertCompany } from '../companies/companyStore';
import { companiesWithIdentifiers, companiesWithSimilarName } from '../companies/companyMatching';
import { NACE_REVISION } from '../reference/nace';
import { nextReference } from '../store/references';
import type { AlertInput } from './alertInput';
import { getAlertById, type AlertView } from './alertQueries';
import { assertAlertParticipant } from './alertAccess';
import { recordEvent } from '../events/domainEvents';
import { answersDueOn, type AnswerDays } from './answerDeadlines';

export interface FlaggedCompany {
  companyId: number;
  companyName: string;
  matchedBy: 'identifier' | 'name';
  alerts: Array<{ ref: string; memberState: string | null; authorityShortName: string; createdAt: string }>;
}

/** The user's answer to "already flagged": add to that company, or (for a name match) a new one. */
export type CompanyChoice = { kind: 'ask' } | { kind: 'existing'; companyId: number } | { kind: 'new' };

export type CreateAlertResult =
  | { kind: 'created'; alert: AlertView }
  | { kind: 'already_submitted'; alert: AlertView }
  | { kind: 'possible_duplicate'; flagged: FlaggedCompany[] };

export interface CreateAlertOptions {
  /** The id the form was shown with: sent again by the same person, it gets the first's alert. */
  formId: string;
  companyChoice: CompanyChoice;
  /** Working days for answers by urgency (configured); the defaults otherwise. */
  answerDays?: AnswerDays;
  correlationId?: string;
}

/** Companies of earlier alerts with one of these identifiers (first) or a closely matching name. */
function flaggedCompanies(db: Db, input: AlertInput, sameIdentifier: number[]): FlaggedCompany[] {
  const byIdentifier = sameIdentifier.map((companyId) => ({ companyId, matchedBy: 'identifier' as const }));
  const byName = companiesWithSimilarName(db, input.companyName)
    .filter((match) => !sameIdentifier.includes(match.companyId))
    .map((match) => ({ companyId: match.companyId, companyName: match.name, matchedBy: 'name' as const }));
  const flagged: FlaggedCompany[] = [];
  for (const candidate of [...byIdentifier, ...byName]) {
    const alerts = sql(
      db,
      `SELECT a.ref, au.member_state AS memberState, au.short_name AS authorityShortName, a.created_at AS createdAt
         FROM alerts a JOIN authorities au ON au.id = a.reporting_authority_id
        WHERE a.company_id = ? ORDER BY a.created_at DESC LIMIT 5`,
    ).all(candidate.companyId) as FlaggedCompany['alerts'];
    if (alerts.length === 0) continue;
    const companyName = 'companyName' in candidate ? candidate.companyName : (sql(db, 'SELECT name FROM companies WHERE id = ?').get(candidate.companyId) as { name: string }).name;
    flagged.push({ companyId: candidate.companyId, matchedBy: candidate.matchedBy, companyName, alerts });
  }
  return flagged;
}

function addMissingIdentifiers(db: Db, companyId: number, input: AlertInput): void {
  for (const identifier of input.identifiers) {
    sql(
      db,
      `INSERT INTO company_identifiers (company_id, type, country, value, personal) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(type, country, value) DO NOTHING`,
    ).run(companyId, identifier.type, identifier.country, identifier.value, identifier.personal ? 1 : 0);
  }
}

/**
 * Records a fraud alert from a member of a participating authority. A company already flagged
 * (same identifier, or a closely matching name) is shown to the user first; everything else is
 * written in one transaction with its audit entry and its `alert.created` event.
 */
function writeAlert(db: Db, clock: Clock, member: Member, input: AlertInput, options: CreateAlertOptions): CreateAlertResult {
  assertAlertParticipant(member);
  const idempotencyKey = submissionKey(member, options.formId);
  // One IMMEDIATE transaction from the first check to the last write: two clicks on the same
  // form, or two authorities flagging the same company at once, are decided one after the other.
  return inTransaction(db, (): CreateAlertResult => {
    const previous = sql(db, 'SELECT id FROM alerts WHERE idempotency_key = ?').get(idempotencyKey) as { id: number } | undefined;
    if (previous) return { kind: 'already_submitted', alert: getAlertById(db, previous.id)! };

    const sameIdentifier = companiesWithIdentifiers(db, input.identifiers);
    if (options.companyChoice.kind === 'ask') {
      const flagged = flaggedCompanies(db, input, sameIdentifier);
      if (flagged.length > 0) return { kind: 'possible_duplicate', flagged };
    }

    const now = clock.now();
    let companyId: number;
    if (options.companyChoice.kind === 'existing') {
      if (!sql(db, 'SELECT 1 FROM companies WHERE id = ?').get(options.companyChoice.companyId)) throw new DomainError({ key: 'alerts.errors.companyGone' });
      companyId = options.companyChoice.companyId;
    }
    else if (sameIdentifier.length > 0) companyId = sameIdentifier[0];
    else companyId = insertCompany(db, clock, { name: input.companyName, country: input.registrationCountry, naceCode: input.sector, identifiers: input.identifiers });
    addMissingIdentifiers(db, companyId, input);

    const ref = nextReference(db, 'AL', now.getUTCFullYear(), 4);
    const { lastInsertRowid } = sql(
      db,
      `INSERT INTO alerts (ref, company_id, reporting_user_id, reporting_authority_id, registration_country, nace_code, nace_revision,
                           urgency, summary, imi_request_number, case_reference, idempotency_key, answers_due_on, created_at, updated_at)
       VALUES (@ref, @companyId, @userId, @authorityId, @registrationCountry, @sector, @naceRevision, @urgency, @summary,
               @imiRequestNumber, @caseReference, @idempotencyKey, @answersDueOn, @now, @now)`,
    ).run({
      ref,
      companyId,
      userId: member.userId,
      authorityId: member.authority.id,
      registrationCountry: input.registrationCountry,
      sector: input.sector,
      naceRevision: input.sector ? NACE_REVISION : null,
      urgency: input.urgency,
      summary: input.summary,
      imiRequestNumber: input.imiRequestNumber,
      caseReference: input.caseReference,
      idempotencyKey,
      answersDueOn: answersDueOn(input.urgency, now.toISOString(), member.authority.memberState ?? input.registrationCountry, options.answerDays),
      now: now.toISOString(),
    });
    const alertId = Number(lastInsertRowid);
    for (const country of input.countriesConcerned) sql(db, 'INSERT INTO alert_countries (alert_id, member_state) VALUES (?, ?)').run(alertId, country);
    for (const type of input.fraudTypes) sql(db, 'INSERT INTO alert_fraud_types (alert_id, fraud_type) VALUES (?, ?)').run(alertId, type);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'alert.created',
      subjectType: 'alert',
      subjectRef: ref,
      details: { companyId, urgency: input.urgency, fraudTypes: input.fraudTypes, linkedToExisting: options.companyChoice.kind === 'existing' || sameIdentifier.length > 0 },
      correlationId: options.correlationId,
    });
    recordEvent(db, clock, { type: 'alert.created', ref });
    const alert = getAlertById(db, alertId)!;
    return { kind: 'created' as const, alert };
  });
}

/**
 * Group-committed: a meeting's worth of alerts arrives within seconds, and each commit costs more
 * than the alert's statements together.
 */
export const createAlert = groupCommitted(writeAlert);

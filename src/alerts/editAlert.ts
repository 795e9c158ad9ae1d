import { groupCommitted, inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError, type DomainErrorDetail } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { recordEvent } from '../events/domainEvents';
import { getAlert, type AlertView } from './alertQueries';
import { assertAlertParticipant } from './alertAccess';
import { validateAlertDraft, type AlertDraft } from './alertInput';
import { answersDueOn, type AnswerDays } from './answerDeadlines';
import { diffAlert, EDITABLE_FIELDS } from './alertChanges';
import { NOTE_MAX_LENGTH } from './vocabulary';
import type { Identifier } from '../companies/identifiers';

/** The fields of a posted alert its author may correct, as typed into the edit form. */
export type AlertEditDraft = Pick<AlertDraft, 'summary' | 'identifiers' | 'fraudTypes' | 'countriesConcerned' | 'urgency'>;

interface VersionedRequest {
  ref: string;
  /** The version the person's card or form showed: a change made since refuses theirs. */
  expectedVersion: unknown;
  /** Made on the channel's own post, which the click updates for everyone (see respondToAlert). */
  onChannelPost?: boolean;
  correlationId?: string;
}

export interface AlertEditRequest extends VersionedRequest {
  draft: AlertEditDraft;
  answerDays?: AnswerDays;
}

export interface AlertWithdrawalRequest extends VersionedRequest {
  reason: unknown;
}

/** A correction or withdrawal made from a view older than the stored alert: refused, with the alert as it is now. */
export class StaleAlertError extends DomainError {
  constructor(readonly current: AlertView) {
    super({ key: 'alertEdit.errors.stale', field: 'version', vars: { ref: current.ref } });
    this.name = 'StaleAlertError';
  }
}

export function isStaleAlertError(error: unknown): error is StaleAlertError {
  return error instanceof StaleAlertError;
}

function readVersion(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : null;
}

/** Who may correct or withdraw an alert: the person who posted it, or a coordinator of the reporting authority's state. */
export function mayEditAlert(member: Member, alert: AlertView): boolean {
  if (alert.reportingUserId !== null && alert.reportingUserId === member.userId) return true;
  const state = alert.reportingAuthority.memberState;
  return member.role === 'coordinator' && (state ? member.authority.memberState === state : member.authority.id === alert.reportingAuthority.id);
}

/** The open alert this person may change, at the version they saw; refused otherwise, each in words of its own. */
function editableAlert(db: Db, member: Member, request: VersionedRequest): AlertView {
  const version = readVersion(request.expectedVersion);
  const alert = getAlert(db, request.ref);
  if (!alert) throw new DomainError({ key: 'alerts.errors.notFound', vars: { ref: request.ref.slice(0, 20) } });
  if (!mayEditAlert(member, alert)) {
    throw new DomainError({ key: 'alertEdit.errors.notAllowed', vars: { ref: alert.ref, state: alert.reportingAuthority.memberState ?? alert.reportingAuthority.shortName } });
  }
  if (alert.withdrawal) throw new DomainError({ key: 'alertEdit.errors.withdrawn', vars: { ref: alert.ref } });
  if (alert.status !== 'open') throw new DomainError({ key: 'alerts.errors.alreadyClosed', vars: { ref: alert.ref } });
  if (version === null || version !== alert.version) throw new StaleAlertError(alert);
  return alert;
}

const same = (a: { type: string; country: string; value: string }, b: { type: string; country: string; value: string }) => a.type === b.type && a.country === b.country && a.value === b.value;

/**
 * Brings the company's identifiers to the corrected list. An identifier another company holds is
 * refused (the alert would then designate two companies); one that another alert or an inspection
 * of the same company also relies on is kept, and its removal refused, so a correction of one
 * alert never rewrites what another authority reported.
 */
function applyIdentifiers(db: Db, alert: AlertView, identifiers: Identifier[]): void {
  const current = sql(db, 'SELECT id, type, country, value FROM company_identifiers WHERE company_id = ?').all(alert.company.id) as Array<{ id: number; type: string; country: string; value: string }>;
  const added = identifiers.filter((identifier) => !current.some((known) => same(known, identifier)));
  const removed = current.filter((known) => !identifiers.some((identifier) => same(known, identifier)));
  const errors: DomainErrorDetail[] = [];
  for (const identifier of added) {
    const holder = sql(db, 'SELECT c.name FROM company_identifiers i JOIN companies c ON c.id = i.company_id WHERE i.type = ? AND i.country = ? AND i.value = ?').get(
      identifier.type,
      identifier.country,
      identifier.value,
    ) as { name: string } | undefined;
    if (holder) errors.push({ field: 'identifiers', key: 'alertEdit.errors.identifierOfAnotherCompany', vars: { value: identifier.value, company: holder.name } });
  }
  if (removed.length > 0) {
    const shared = sql(db, 'SELECT 1 FROM alerts WHERE company_id = ? AND id <> ? UNION ALL SELECT 1 FROM inspection_companies WHERE company_id = ? LIMIT 1').get(alert.company.id, alert.id, alert.company.id);
    if (shared) errors.push({ field: 'identifiers', key: 'alertEdit.errors.identifierShared', vars: { value: removed.map((r) => r.value).join(', ') } });
  }
  if (errors.length > 0) throw new DomainError(errors);
  for (const identifier of removed) sql(db, 'DELETE FROM company_identifiers WHERE id = ?').run(identifier.id);
  for (const identifier of added) {
    sql(db, 'INSERT INTO company_identifiers (company_id, type, country, value, personal) VALUES (?, ?, ?, ?, ?)').run(alert.company.id, identifier.type, identifier.country, identifier.value, identifier.personal ? 1 : 0);
  }
}

/** The draft of the whole alert: the stored fields that cannot be edited, and the edited ones as typed. */
function wholeDraft(alert: AlertView, draft: AlertEditDraft): AlertDraft {
  return {
    companyName: alert.company.name,
    registrationCountry: alert.registrationCountry,
    sector: alert.sector ?? '',
    imiRequestNumber: alert.imiRequestNumber ?? '',
    caseReference: alert.caseReference ?? '',
    ...draft,
  };
}

/**
 * Corrects a posted alert: summary, identifiers (checked as when it was posted), fraud types,
 * countries concerned and urgency. The edit is kept with what it changed, for the card's history;
 * answers already given stay, and the card tells they were given before it. A new urgency moves
 * the deadline for answers, counted from the day the alert was posted.
 */
function writeEdit(db: Db, clock: Clock, member: Member, request: AlertEditRequest): AlertView {
  assertAlertParticipant(member);
  return inTransaction(db, () => {
    const alert = editableAlert(db, member, request);
    const checked = validateAlertDraft(wholeDraft(alert, request.draft));
    if (!checked.ok) {
      const errors = checked.errors.filter((error) => (EDITABLE_FIELDS as readonly string[]).some((field) => error.field === field || error.field?.startsWith(`${field}.`)));
      throw new DomainError(errors.length > 0 ? errors : checked.errors);
    }
    const input = checked.input;
    const changes = diffAlert(
      { summary: alert.summary, identifiers: alert.company.identifiers, fraudTypes: alert.fraudTypes, countriesConcerned: alert.countriesConcerned, urgency: alert.urgency },
      { summary: input.summary, identifiers: input.identifiers, fraudTypes: input.fraudTypes, countriesConcerned: input.countriesConcerned, urgency: input.urgency },
    );
    if (changes.length === 0) throw new DomainError({ key: 'alertEdit.errors.nothingChanged', vars: { ref: alert.ref } });
    if (changes.some((change) => change.field === 'identifiers')) applyIdentifiers(db, alert, input.identifiers);
    const now = clock.now().toISOString();
    const dueOn =
      input.urgency === alert.urgency
        ? alert.answersDueOn
        : answersDueOn(input.urgency, alert.createdAt, alert.reportingAuthority.memberState ?? alert.registrationCountry, request.answerDays);
    sql(db, 'UPDATE alerts SET summary = ?, urgency = ?, answers_due_on = ?, version = version + 1, updated_at = ? WHERE id = ?').run(input.summary, input.urgency, dueOn, now, alert.id);
    sql(db, 'DELETE FROM alert_countries WHERE alert_id = ?').run(alert.id);
    for (const country of input.countriesConcerned) sql(db, 'INSERT INTO alert_countries (alert_id, member_state) VALUES (?, ?)').run(alert.id, country);
    sql(db, 'DELETE FROM alert_fraud_types WHERE alert_id = ?').run(alert.id);
    for (const type of input.fraudTypes) sql(db, 'INSERT INTO alert_fraud_types (alert_id, fraud_type) VALUES (?, ?)').run(alert.id, type);
    sql(db, 'INSERT INTO alert_edits (alert_id, version, user_id, authority_id, changes_json, edited_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      alert.id,
      alert.version + 1,
      member.userId,
      member.authority.id,
      JSON.stringify(changes),
      now,
    );
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'alert.edited',
      subjectType: 'alert',
      subjectRef: alert.ref,
      // What changed, by field and code: never the texts themselves (the summary may name people).
      details: { changes, answersDueOn: dueOn },
      correlationId: request.correlationId,
    });
    const edited = getAlert(db, alert.ref)!;
    recordEvent(db, clock, { type: 'alert.changed', ref: alert.ref, version: edited.version, onChannelPost: request.onChannelPost ?? false });
    return edited;
  });
}

/**
 * Withdraws a posted alert with a reason: it is closed without an outcome, shown as withdrawn,
 * kept for the audit and then deleted by retention like any closed alert.
 */
function writeWithdrawal(db: Db, clock: Clock, member: Member, request: AlertWithdrawalRequest): AlertView {
  assertAlertParticipant(member);
  const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (!reason) throw new DomainError({ field: 'reason', key: 'alertEdit.errors.reasonRequired' });
  if (reason.length > NOTE_MAX_LENGTH) throw new DomainError({ field: 'reason', key: 'alerts.errors.tooLong', vars: { max: NOTE_MAX_LENGTH } });
  return inTransaction(db, () => {
    const alert = editableAlert(db, member, request);
    const now = clock.now().toISOString();
    sql(
      db,
      `UPDATE alerts SET status = 'closed', outcome = NULL, closed_at = @now, closed_by_user_id = @userId, withdrawn_at = @now, withdrawal_reason = @reason,
              withdrawn_by_user_id = @userId, version = version + 1, updated_at = @now WHERE id = @id`,
    ).run({ now, userId: member.userId, reason, id: alert.id });
    appendAudit(db, clock, { actor: actorOf(member), action: 'alert.withdrawn', subjectType: 'alert', subjectRef: alert.ref, details: { reasonLength: reason.length }, correlationId: request.correlationId });
    const withdrawn = getAlert(db, alert.ref)!;
    recordEvent(db, clock, { type: 'alert.changed', ref: alert.ref, version: withdrawn.version, onChannelPost: request.onChannelPost ?? false });
    return withdrawn;
  });
}

/** Group-committed like the answers: corrections come in while the channel answers. */
export const editAlert = groupCommitted(writeEdit);
export const withdrawAlert = groupCommitted(writeWithdrawal);

import type { Request, Response } from 'restify';
import { isDomainError, type DomainError } from '../../src/errors';
import { languageFromLocale, type Language } from '../../src/i18n/languages';
import { translator, type Translate } from '../../src/i18n/translate';
import { isStaleActionError, planErrorText } from '../../src/plans/planErrors';
import { log } from '../../src/log';

/** The reader's language: `?locale=` first (links opened in a browser), then Accept-Language. */
export function requestLanguage(req: Request, fallback: Language): Language {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const fromQuery = typeof query.locale === 'string' ? query.locale : null;
  return languageFromLocale(fromQuery ?? req.header('accept-language'), fallback);
}

export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.send(status, { error: { code, message, ...extra } });
}

// Domain error keys that mean "no such thing" rather than "you asked for something wrong", with the code the tab reads.
const NOT_FOUND_CODES = new Map([
  ['plan.errors.actionNotFound', 'action_not_found'],
  ['plan.errors.planNotFound', 'plan_not_found'],
  ['cycle.errors.proposalNotFound', 'proposal_not_found'],
  ['alerts.errors.notFound', 'alert_not_found'],
  ['inspections.errors.notFound', 'inspection_not_found'],
  ['requests.errors.notFound', 'request_not_found'],
]);
// Refusals of who the reader is (their state, their role), not of what they typed.
const FORBIDDEN_KEYS = new Set(['plan.errors.notInvolved', 'plan.errors.coordinatorsOnly', 'cycle.errors.notParticipating', 'states.errors.coordinatorsOnly', 'requests.errors.participantsOnly', 'alerts.errors.participantsOnly', 'alertEdit.errors.notAllowed']);

/**
 * A domain error as an HTTP answer in the reader's language: 409 with the current action for a
 * stale update, 404 for unknown references, 403 for refusals, else 400 with a message per field.
 */
export function sendDomainError(res: Response, error: DomainError, t: Translate, language: Language, extra: Record<string, unknown> = {}): void {
  const messages = error.details.map((detail) => ({ field: detail.field ?? null, message: planErrorText(t, language, detail) }));
  const fields = Object.fromEntries(messages.filter((m) => m.field).map((m) => [m.field, m.message]));
  const message = messages.map((m) => m.message).join(' ');
  if (isStaleActionError(error)) {
    sendError(res, 409, 'stale_version', message, { current: error.current });
    return;
  }
  const key = error.details[0]?.key ?? '';
  const notFound = NOT_FOUND_CODES.get(key);
  if (notFound) sendError(res, 404, notFound, message);
  else if (FORBIDDEN_KEYS.has(key)) sendError(res, 403, 'not_allowed', message, extra);
  else sendError(res, 400, 'invalid_input', message, { fields, ...extra });
}

/** Domain errors become answers; anything else is logged with a correlation id the user can quote. */
export function sendFailure(res: Response, error: unknown, t: Translate, language: Language, correlationId: string, path: string): void {
  if (isDomainError(error)) {
    sendDomainError(res, error, t, language);
    return;
  }
  log.error('tab.api_failed', { path, correlationId, error: error as Error });
  if (!res.headersSent) sendError(res, 500, 'unexpected', t('errors.unexpected', { correlationId }), { correlationId });
}

export type { Language, Translate };
export { translator };

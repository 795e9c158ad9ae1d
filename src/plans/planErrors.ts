import { DomainError, type DomainErrorDetail } from '../errors';
import type { Language } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import type { ActionDetail } from './actionQueries';
import { countryName } from '../reference/countries';

/** An update made from a view of an older version: refused, with the action as it is now. */
export class StaleActionError extends DomainError {
  constructor(readonly current: ActionDetail) {
    // The newest timeline entry is the change the stale view did not show.
    const last = current.timeline[0] ?? null;
    super({
      key: 'plan.errors.stale',
      field: 'version',
      vars: {
        ref: current.ref,
        status: current.status,
        by: last?.by.authority ? `${last.by.authority.shortName} (${last.by.authority.memberState ?? 'EU'})` : '—',
        at: last?.at ?? current.updatedAt,
      },
    });
    this.name = 'StaleActionError';
  }
}

export function isStaleActionError(error: unknown): error is StaleActionError {
  return error instanceof StaleActionError;
}

/** Variables holding status codes, shown as the status's name in the reader's language. */
const STATUS_VARS = new Set(['status', 'current', 'target']);

/**
 * The message of a plan error in the reader's language. Domain errors carry codes (statuses,
 * lists of statuses, ISO times); they become words, lists and dates here, once for bot and tab.
 */
export function planErrorText(t: Translate, language: Language, detail: DomainErrorDetail): string {
  const vars: Record<string, string | number> = { ...(detail.vars ?? {}) };
  for (const [name, value] of Object.entries(vars)) {
    if (STATUS_VARS.has(name) && typeof value === 'string') vars[name] = t(`plan.status.${value}`);
  }
  // A plan's own status (draft, agreed, assessed), named as the tab names it.
  if (typeof vars.planStatus === 'string') vars.planStatus = t(`tab.planStatus.${vars.planStatus}`);
  if (typeof vars.allowed === 'string') {
    const names = vars.allowed.split(',').filter(Boolean).map((status) => t(`plan.status.${status}`));
    vars.allowed = new Intl.ListFormat(language, { type: 'disjunction' }).format(names);
  }
  if (typeof vars.at === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(vars.at)) {
    vars.at = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(new Date(vars.at));
  }
  // A member state's code (the open process's messages), named in the reader's language.
  if (typeof vars.country === 'string' && /^[A-Z]{2}$/.test(vars.country)) vars.country = countryName(vars.country, language);
  return t(detail.key, vars);
}

import type { DomainErrorDetail } from '../errors';
import { IDENTIFIER_TYPES, normaliseIdentifier, type Identifier, type IdentifierType } from '../companies/identifiers';
import { isKnownCountry } from '../reference/countries';
import { isNaceDivision } from '../reference/nace';
import { isImiRequestNumber } from '../reference/imi';
import { COMPANY_NAME_MAX_LENGTH, FRAUD_TYPES, MAX_IDENTIFIERS, SUMMARY_MAX_LENGTH, URGENCIES, type FraudType, type Urgency } from './vocabulary';

/** What a person typed into the alert form, before any checking. */
export interface AlertDraft {
  companyName?: string;
  identifiers?: Array<{ type?: string; value?: string; country?: string }>;
  registrationCountry?: string;
  countriesConcerned?: string[];
  sector?: string;
  fraudTypes?: string[];
  urgency?: string;
  summary?: string;
  imiRequestNumber?: string;
  caseReference?: string;
}

/** A checked alert, ready to store. */
export interface AlertInput {
  companyName: string;
  identifiers: Identifier[];
  registrationCountry: string;
  countriesConcerned: string[];
  sector: string | null;
  fraudTypes: FraudType[];
  urgency: Urgency;
  summary: string;
  imiRequestNumber: string | null;
  caseReference: string | null;
}

export type AlertValidation = { ok: true; input: AlertInput } | { ok: false; errors: DomainErrorDetail[] };

const trimmed = (value: string | undefined) => (value ?? '').replace(/\s+$/u, '').replace(/^\s+/u, '');

/**
 * Checks a whole submission and reports every problem at once, each as a catalogue key on the
 * field it belongs to, so the form can be shown again with all messages and all typed values.
 */
export function validateAlertDraft(draft: AlertDraft): AlertValidation {
  const errors: DomainErrorDetail[] = [];
  const companyName = trimmed(draft.companyName);
  if (!companyName) errors.push({ field: 'companyName', key: 'alerts.errors.required' });
  else if (companyName.length > COMPANY_NAME_MAX_LENGTH) errors.push({ field: 'companyName', key: 'alerts.errors.tooLong', vars: { max: COMPANY_NAME_MAX_LENGTH } });

  const identifiers: Identifier[] = [];
  const typed = (draft.identifiers ?? []).slice(0, MAX_IDENTIFIERS);
  typed.forEach((row, index) => {
    const value = trimmed(row.value);
    if (!value) return;
    const field = `identifiers.${index}`;
    if (!row.type || !(IDENTIFIER_TYPES as readonly string[]).includes(row.type)) {
      errors.push({ field, key: 'alerts.errors.identifierTypeRequired' });
      return;
    }
    const result = normaliseIdentifier(row.type as IdentifierType, value, row.country ? row.country.toUpperCase() : null);
    if (!result.ok) errors.push({ field, key: `alerts.errors.identifier.${result.problem}` });
    else if (identifiers.some((known) => known.type === result.identifier.type && known.value === result.identifier.value)) errors.push({ field, key: 'alerts.errors.identifierRepeated' });
    else identifiers.push(result.identifier);
  });
  if (identifiers.length === 0 && !errors.some((e) => e.field?.startsWith('identifiers.'))) {
    errors.push({ field: 'identifiers.0', key: 'alerts.errors.identifierRequired' });
  }

  const registrationCountry = trimmed(draft.registrationCountry).toUpperCase();
  if (!registrationCountry) errors.push({ field: 'registrationCountry', key: 'alerts.errors.required' });
  else if (!isKnownCountry(registrationCountry)) errors.push({ field: 'registrationCountry', key: 'alerts.errors.unknownCountry' });

  const countriesConcerned = [...new Set((draft.countriesConcerned ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))];
  if (countriesConcerned.length === 0) errors.push({ field: 'countriesConcerned', key: 'alerts.errors.chooseAtLeastOne' });
  else if (countriesConcerned.some((c) => !isKnownCountry(c))) errors.push({ field: 'countriesConcerned', key: 'alerts.errors.unknownCountry' });

  const sector = trimmed(draft.sector) || null;
  if (sector && !isNaceDivision(sector)) errors.push({ field: 'sector', key: 'alerts.errors.unknownSector' });

  const fraudTypes = [...new Set((draft.fraudTypes ?? []).map((f) => f.trim()).filter(Boolean))];
  if (fraudTypes.length === 0) errors.push({ field: 'fraudTypes', key: 'alerts.errors.chooseAtLeastOne' });
  else if (fraudTypes.some((f) => !(FRAUD_TYPES as readonly string[]).includes(f))) errors.push({ field: 'fraudTypes', key: 'alerts.errors.unknownChoice' });

  const urgency = trimmed(draft.urgency) || 'routine';
  if (!(URGENCIES as readonly string[]).includes(urgency)) errors.push({ field: 'urgency', key: 'alerts.errors.unknownChoice' });

  const summary = trimmed(draft.summary);
  if (!summary) errors.push({ field: 'summary', key: 'alerts.errors.required' });
  else if (summary.length > SUMMARY_MAX_LENGTH) errors.push({ field: 'summary', key: 'alerts.errors.tooLong', vars: { max: SUMMARY_MAX_LENGTH } });

  const imiRequestNumber = trimmed(draft.imiRequestNumber) || null;
  if (imiRequestNumber && !isImiRequestNumber(imiRequestNumber)) errors.push({ field: 'imiRequestNumber', key: 'alerts.errors.badReference' });
  const caseReference = trimmed(draft.caseReference) || null;
  if (caseReference && !/^[\p{L}\d][\p{L}\d ./_:-]{0,59}$/u.test(caseReference)) errors.push({ field: 'caseReference', key: 'alerts.errors.badReference' });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      companyName,
      identifiers,
      registrationCountry,
      countriesConcerned,
      sector,
      fraudTypes: fraudTypes as FraudType[],
      urgency: urgency as Urgency,
      summary,
      imiRequestNumber,
      caseReference,
    },
  };
}

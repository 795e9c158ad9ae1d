import type { DomainErrorDetail } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { AlertDraft } from '../../src/alerts/alertInput';
import type { FlaggedCompany } from '../../src/alerts/createAlert';
import { FRAUD_TYPES, MAX_IDENTIFIERS, URGENCIES } from '../../src/alerts/vocabulary';
import { IDENTIFIER_TYPES } from '../../src/companies/identifiers';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { countryChoices, formatDate, sectorChoices, splitMultiSelect, vocabularyChoices } from '../cards/choices';

/** What the form shows in its inputs: exactly what the user typed, as strings. */
export type FormValues = Record<string, string>;

const SCALAR_FIELDS = ['companyName', 'registrationCountry', 'countriesConcerned', 'sector', 'fraudTypes', 'urgency', 'summary', 'imiRequestNumber', 'caseReference'] as const;

/** The ids of identifier row `index` in the alert form and its correction form. */
export const fieldIds = (index: number) => ({ typeId: `identifierType${index}`, valueId: `identifierValue${index}`, countryId: `identifierCountry${index}` });

export interface AlertFormState {
  formId: string;
  values: FormValues;
  errors?: DomainErrorDetail[];
  flagged?: FlaggedCompany[];
  mode?: 'message' | 'dialog';
  notice?: string | null;
}

/** Reads a form submission: the values to show again, the draft to check, and the form's identity. */

/**
 * The identifier rows of the alert form and of its correction form, each with what was typed and
 * its error; only the new alert's first row shows an example identifier.
 */
export function identifierRows(t: Translate, values: Record<string, string | undefined>, rowErrors: string[], options: { examplePlaceholder: boolean }) {
  return Array.from({ length: MAX_IDENTIFIERS }, (_, i) => ({
    ...fieldIds(i),
    type: values[fieldIds(i).typeId] ?? '',
    value: values[fieldIds(i).valueId] ?? '',
    country: values[fieldIds(i).countryId] ?? '',
    error: rowErrors[i],
    labelType: t('alerts.form.identifierType'),
    labelValue: t('alerts.form.identifierValue'),
    labelCountry: t('alerts.form.identifierCountry'),
    countryPlaceholder: t('alerts.form.identifierCountryPlaceholder'),
    placeholder: options.examplePlaceholder && i === 0 ? t('alerts.form.identifierValuePlaceholder') : '',
  }));
}

export function readAlertSubmission(data: Record<string, unknown>): { formId: string | null; values: FormValues; draft: AlertDraft; companyChoice: string | null } {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const values: FormValues = {};
  for (const field of SCALAR_FIELDS) values[field] = text(field);
  for (let i = 0; i < MAX_IDENTIFIERS; i++) {
    const ids = fieldIds(i);
    values[ids.typeId] = text(ids.typeId);
    values[ids.valueId] = text(ids.valueId);
    values[ids.countryId] = text(ids.countryId);
  }
  const draft: AlertDraft = {
    companyName: values.companyName,
    identifiers: Array.from({ length: MAX_IDENTIFIERS }, (_, i) => {
      const ids = fieldIds(i);
      return { type: values[ids.typeId], value: values[ids.valueId], country: values[ids.countryId] };
    }),
    registrationCountry: values.registrationCountry,
    countriesConcerned: splitMultiSelect(values.countriesConcerned),
    sector: values.sector,
    fraudTypes: splitMultiSelect(values.fraudTypes),
    urgency: values.urgency,
    summary: values.summary,
    imiRequestNumber: values.imiRequestNumber,
    caseReference: values.caseReference,
  };
  const formId = typeof data.formId === 'string' && /^[0-9a-f-]{36}$/i.test(data.formId) ? data.formId : null;
  return { formId, values, draft, companyChoice: text('companyChoice') || null };
}

/** Prefill from `/alert <identifier> [company name]` or a message's text. */
export function prefilledValues(prefill: { identifierType?: string; identifier?: string; companyName?: string; summary?: string; registrationCountry?: string }): FormValues {
  return {
    companyName: prefill.companyName ?? '',
    identifierType0: prefill.identifierType ?? (prefill.identifier ? 'eu_vat' : ''),
    identifierValue0: prefill.identifier ?? '',
    registrationCountry: prefill.registrationCountry ?? '',
    summary: prefill.summary ?? '',
    urgency: 'routine',
  };
}

export function alertFormCard(t: Translate, language: Language, state: AlertFormState): AdaptiveCard {
  const errors: Record<string, string> = {};
  for (const field of SCALAR_FIELDS) errors[field] = '';
  const rowErrors = Array.from({ length: MAX_IDENTIFIERS }, () => '');
  for (const error of state.errors ?? []) {
    const message = t(error.key, error.vars);
    const row = /^identifiers\.(\d+)$/.exec(error.field ?? '');
    if (row) rowErrors[Number(row[1])] = message;
    else if (error.field && error.field in errors) errors[error.field] = message;
  }
  const values = state.values;
  const flagged = state.flagged ?? [];
  const companyChoices = flagged.slice(0, 3).map((company) => ({ title: t('alerts.form.addToExisting', { company: company.companyName }), value: `existing:${company.companyId}` }));
  if (flagged.length > 0 && flagged.every((company) => company.matchedBy === 'name')) companyChoices.push({ title: t('alerts.form.createNew'), value: 'new' });
  return renderCard('alertForm', {
    notice: state.notice ?? '',
    mode: state.mode ?? 'message',
    formId: state.formId,
    formError: (state.errors ?? []).length > 0 ? t('alerts.form.fixErrors') : '',
    requiredMessage: t('alerts.errors.required'),
    labels: t('alerts.form', { returnObjects: true }) as unknown as Record<string, string>,
    values: Object.fromEntries(SCALAR_FIELDS.map((field) => [field, values[field] ?? ''])),
    errors,
    // The latest alert per company is enough to recognise it, and keeps the card under Teams' size limit.
    flagged: flagged.slice(0, 3).flatMap((company) =>
      company.alerts.slice(0, 1).map((alert) => ({
        line: t('alerts.form.duplicateLine', { company: company.companyName, state: alert.memberState ?? alert.authorityShortName, date: formatDate(alert.createdAt, language), ref: alert.ref }),
      })),
    ),
    companyChoices,
    companyChoiceValue: companyChoices.length === 1 ? companyChoices[0].value : '',
    identifierRows: identifierRows(t, values, rowErrors, { examplePlaceholder: true }),
    identifierTypeChoices: vocabularyChoices(t, 'alerts.identifierType', IDENTIFIER_TYPES),
    countryChoices: countryChoices(language),
    sectorChoices: sectorChoices(language),
    fraudTypeChoices: vocabularyChoices(t, 'alerts.fraudType', FRAUD_TYPES),
    urgencyChoices: vocabularyChoices(t, 'alerts.urgency', URGENCIES),
  }, language);
}

import type { DomainErrorDetail } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { AlertView } from '../../src/alerts/alertQueries';
import type { AlertEditDraft } from '../../src/alerts/editAlert';
import { FRAUD_TYPES, MAX_IDENTIFIERS, URGENCIES } from '../../src/alerts/vocabulary';
import { IDENTIFIER_TYPES } from '../../src/companies/identifiers';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { fieldIds, identifierRows } from './alertForm';
import { countryChoices, splitMultiSelect, vocabularyChoices } from '../cards/choices';

/** What the edit form shows in its inputs: exactly what the user typed (or what is stored), as strings. */
export type EditValues = Record<string, string>;

const SCALAR_FIELDS = ['countriesConcerned', 'fraudTypes', 'urgency', 'summary', 'reason'] as const;

/** The form prefilled with the alert as stored. */
export function storedValues(alert: AlertView): EditValues {
  const values: EditValues = {
    countriesConcerned: alert.countriesConcerned.join(','),
    fraudTypes: alert.fraudTypes.join(','),
    urgency: alert.urgency,
    summary: alert.summary ?? '',
    reason: '',
  };
  for (let i = 0; i < MAX_IDENTIFIERS; i++) {
    const identifier = alert.company.identifiers[i];
    const ids = fieldIds(i);
    values[ids.typeId] = identifier?.type ?? '';
    values[ids.valueId] = identifier?.value ?? '';
    values[ids.countryId] = identifier?.country ?? '';
  }
  return values;
}

/** Reads the edit form's submission: the values to show again and the draft to check. */
export function readEditSubmission(data: Record<string, unknown>): { values: EditValues; draft: AlertEditDraft } {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const values: EditValues = {};
  for (const field of SCALAR_FIELDS) values[field] = text(field);
  for (let i = 0; i < MAX_IDENTIFIERS; i++) for (const id of Object.values(fieldIds(i))) values[id] = text(id);
  return {
    values,
    draft: {
      summary: values.summary,
      identifiers: Array.from({ length: MAX_IDENTIFIERS }, (_, i) => {
        const ids = fieldIds(i);
        return { type: values[ids.typeId], value: values[ids.valueId], country: values[ids.countryId] };
      }),
      countriesConcerned: splitMultiSelect(values.countriesConcerned),
      fraudTypes: splitMultiSelect(values.fraudTypes),
      urgency: values.urgency,
    },
  };
}

export interface EditFormState {
  alert: AlertView;
  values: EditValues;
  errors?: DomainErrorDetail[];
  /** A message over the form (a stale view, a refusal); '' for none. */
  message?: string;
  notice?: string | null;
}

/** The correction form of a posted alert, with its withdrawal, at the version the person sees. */
export function alertEditFormCard(t: Translate, language: Language, state: EditFormState): AdaptiveCard {
  const errors: Record<string, string> = { identifiers: '' };
  for (const field of SCALAR_FIELDS) errors[field] = '';
  const rowErrors = Array.from({ length: MAX_IDENTIFIERS }, () => '');
  const general: string[] = [];
  for (const error of state.errors ?? []) {
    const message = t(error.key, error.vars);
    const row = /^identifiers\.(\d+)$/.exec(error.field ?? '');
    if (row) rowErrors[Number(row[1])] = message;
    else if (error.field && error.field in errors) errors[error.field] = errors[error.field] ? `${errors[error.field]} ${message}` : message;
    else general.push(message);
  }
  const fieldErrors = (state.errors ?? []).length > general.length;
  const formError = [state.message ?? '', ...general, fieldErrors ? t('alertEdit.form.fixErrors') : ''].filter(Boolean).join(' ');
  const values = state.values;
  return renderCard(
    'alertEditForm',
    {
      notice: state.notice ?? '',
      ref: state.alert.ref,
      version: String(state.alert.version),
      title: t('alertEdit.form.title', { ref: state.alert.ref }),
      labels: t('alertEdit.form', { returnObjects: true }) as unknown as Record<string, string>,
      fieldLabels: t('alerts.form', { returnObjects: true }) as unknown as Record<string, string>,
      identifiersHeader: t('alerts.form.identifiersHeader'),
      formError,
      requiredMessage: t('alerts.errors.required'),
      reasonRequired: t('alertEdit.errors.reasonRequired'),
      values: Object.fromEntries(SCALAR_FIELDS.map((field) => [field, values[field] ?? ''])),
      errors,
      identifierRows: identifierRows(t, values, rowErrors, { examplePlaceholder: false }),
      identifierTypeChoices: vocabularyChoices(t, 'alerts.identifierType', IDENTIFIER_TYPES),
      countryChoices: countryChoices(language),
      fraudTypeChoices: vocabularyChoices(t, 'alerts.fraudType', FRAUD_TYPES),
      urgencyChoices: vocabularyChoices(t, 'alerts.urgency', URGENCIES),
    },
    language,
  );
}

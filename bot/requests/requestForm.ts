import type { DomainErrorDetail } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { Authority } from '../../src/reference/participants';
import type { RequestDraft } from '../../src/requests/createRequest';
import { IDENTIFIER_TYPES } from '../../src/companies/identifiers';
import { authorityName } from '../../src/reference/authorityNames';
import { QUESTION_CATALOGUE, questionText } from '../../src/requests/questionCatalogue';
import { WORKING_DAYS } from '../../src/requests/workingDays';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { splitMultiSelect, vocabularyChoices } from '../cards/choices';

/** What the form shows in its inputs: exactly what the user typed, as strings. */
export type FormValues = Record<string, string>;

const SCALAR_FIELDS = ['addressees', 'companyIdentifier', 'companyIdentifierType', 'companyName', 'freeQuestion', 'urgency', 'alertRef', 'inspectionRef', 'imiRequestNumber', 'caseReference'] as const;
const ERROR_FIELDS = [...SCALAR_FIELDS, 'questions'] as const;

/** One multi-select per topic, so the catalogue reads grouped as it is kept. */
const topicFieldId = (topicId: string) => `questions_${topicId}`;

export function readRequestSubmission(data: Record<string, unknown>): { formId: string | null; values: FormValues; draft: RequestDraft } {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const values: FormValues = {};
  for (const field of SCALAR_FIELDS) values[field] = text(field);
  for (const topic of QUESTION_CATALOGUE.topics) values[topicFieldId(topic.id)] = text(topicFieldId(topic.id));
  const draft: RequestDraft = {
    addressees: splitMultiSelect(values.addressees),
    companyIdentifier: values.companyIdentifier,
    companyIdentifierType: values.companyIdentifierType,
    companyName: values.companyName,
    alertRef: values.alertRef,
    inspectionRef: values.inspectionRef,
    questions: QUESTION_CATALOGUE.topics.flatMap((topic) => splitMultiSelect(values[topicFieldId(topic.id)])),
    freeQuestion: values.freeQuestion,
    urgency: values.urgency,
    imiRequestNumber: values.imiRequestNumber,
    caseReference: values.caseReference,
  };
  const formId = typeof data.formId === 'string' && /^[0-9a-f-]{36}$/i.test(data.formId) ? data.formId : null;
  return { formId, values, draft };
}

export interface RequestFormState {
  formId: string;
  values: FormValues;
  errors?: DomainErrorDetail[];
  notice?: string | null;
  /** Participating authorities of other states than the asker's. */
  addressable: readonly Authority[];
}

export function requestFormCard(t: Translate, language: Language, state: RequestFormState): AdaptiveCard {
  const errors: Record<string, string> = Object.fromEntries(ERROR_FIELDS.map((field) => [field, '']));
  const general: string[] = [];
  for (const error of state.errors ?? []) {
    const message = t(error.key, error.vars);
    if (error.field && error.field in errors) errors[error.field] = message;
    else general.push(message);
  }
  const values = state.values;
  return renderCard(
    'requestForm',
    {
      notice: state.notice ?? '',
      formId: state.formId,
      formError: (state.errors ?? []).length > 0 ? [t('requests.form.fixErrors'), ...general].join(' ') : '',
      requiredMessage: t('requests.errors.chooseAtLeastOne'),
      labels: t('requests.form', { returnObjects: true }) as unknown as Record<string, string>,
      values: Object.fromEntries(SCALAR_FIELDS.map((field) => [field, values[field] ?? ''])),
      errors,
      authorityChoices: state.addressable.map((authority) => ({ title: `${authority.shortName} (${authority.memberState}) – ${authorityName(authority, language)}`, value: authority.id })),
      identifierTypeChoices: vocabularyChoices(t, 'alerts.identifierType', IDENTIFIER_TYPES.filter((type) => type !== 'other')),
      topics: QUESTION_CATALOGUE.topics.map((topic) => ({
        id: topicFieldId(topic.id),
        name: topic.names[language],
        value: values[topicFieldId(topic.id)] ?? '',
        choices: QUESTION_CATALOGUE.questions.filter((q) => q.topic === topic.id).map((q) => ({ title: questionText(q, language), value: q.id })),
      })),
      urgencyChoices: (Object.keys(WORKING_DAYS) as Array<keyof typeof WORKING_DAYS>).map((urgency) => ({ title: t(`requests.urgencyChoice.${urgency}`, { days: WORKING_DAYS[urgency] }), value: urgency })),
    },
    language,
  );
}

import type { DomainErrorDetail } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { Authority, MemberState } from '../../src/reference/participants';
import type { ActionDraft } from '../../src/plans/actionInput';
import { ACTION_SCOPES, ACTION_TOPICS, ACTION_TYPES, FUNDING_SOURCES } from '../../src/plans/vocabulary';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { sectorChoices, splitMultiSelect, vocabularyChoices } from '../cards/choices';
import { planErrorText } from '../../src/plans/planErrors';

/** The form's inputs; `actionTitle` because the card's own title is `labels.title`. */
export const ACTION_FORM_FIELDS = ['year', 'period', 'actionTitle', 'description', 'type', 'scope', 'states', 'leadState', 'leadAuthority', 'topics', 'sectors', 'funding'] as const;
type Field = (typeof ACTION_FORM_FIELDS)[number];

export type ActionFormValues = Record<Field, string>;

export function emptyActionForm(year: number): ActionFormValues {
  const values = Object.fromEntries(ACTION_FORM_FIELDS.map((field) => [field, ''])) as ActionFormValues;
  return { ...values, year: String(year), scope: 'multilateral' };
}

/** Reads a submission: the values to show again, the draft to check and the form's identity. */
export function readActionSubmission(data: Record<string, unknown>): { formId: string | null; values: ActionFormValues; draft: ActionDraft } {
  const values = Object.fromEntries(ACTION_FORM_FIELDS.map((field) => [field, typeof data[field] === 'string' ? (data[field] as string) : ''])) as ActionFormValues;
  const draft: ActionDraft = {
    year: values.year,
    title: values.actionTitle,
    description: values.description,
    type: values.type,
    scope: values.scope,
    states: splitMultiSelect(values.states),
    leadState: values.leadState,
    leadAuthority: values.leadAuthority,
    sectors: splitMultiSelect(values.sectors),
    topics: splitMultiSelect(values.topics),
    period: values.period,
    funding: splitMultiSelect(values.funding),
  };
  const formId = typeof data.formId === 'string' && /^[0-9a-f-]{36}$/i.test(data.formId) ? data.formId : null;
  return { formId, values, draft };
}

export interface ActionFormState {
  formId: string;
  values: ActionFormValues;
  errors?: DomainErrorDetail[];
  notice?: string | null;
  memberStates: MemberState[];
  authorities: Authority[];
}

// The domain names the title field `title`; the form names it `actionTitle`.
const formField = (field: string | undefined): string | undefined => (field === 'title' ? 'actionTitle' : field);

/** A form that asks for an action's fields and more (a proposal: why, and the priority it serves). */
export interface ActionFormVariant {
  template: 'proposalForm' | 'actionForm';
  /** Labels over the action form's. */
  labels: Record<string, string>;
  /** The extra fields' typed values; their errors are shown under them like the action's. */
  values: Record<string, string>;
  /** The extra fields' choices (a proposal: the year's priorities). */
  choices?: Record<string, Array<{ title: string; value: string }>>;
  /** More of the template's data (a proposal: its verb, and the proposal an edit is of). */
  data?: Record<string, unknown>;
}

/** The new-action form of coordinators, with a message at each wrong field and every typed value kept. */
export function actionFormCard(t: Translate, language: Language, state: ActionFormState, variant?: ActionFormVariant): AdaptiveCard {
  // Both forms offer the year's priorities; a form shown without them offers none.
  variant = { template: 'actionForm', labels: {}, ...variant, values: { priorities: '', ...variant?.values }, choices: { priorities: [], ...variant?.choices } };
  const errors: Record<string, string> = Object.fromEntries([...ACTION_FORM_FIELDS, ...Object.keys(variant?.values ?? {})].map((field) => [field, '']));
  const general: string[] = [];
  for (const error of state.errors ?? []) {
    const field = formField(error.field);
    const message = planErrorText(t, language, error);
    if (field && field in errors) errors[field] = message;
    else general.push(message);
  }
  const stateName = (code: string) => state.memberStates.find((s) => s.code === code)?.names[language] ?? code;
  return renderCard(variant?.template ?? 'actionForm', {
    ...variant?.data,
    notice: state.notice ?? '',
    formId: state.formId,
    formError: (state.errors ?? []).length > 0 ? [t('plan.form.fixErrors'), ...general].join(' ') : '',
    requiredMessage: t('plan.errors.required'),
    labels: { ...(t('plan.form.labels', { returnObjects: true }) as unknown as Record<string, string>), priorities: t('priorities.form.label'), ...variant?.labels },
    values: { ...state.values, ...variant?.values },
    errors,
    choices: {
      type: vocabularyChoices(t, 'plan.type', ACTION_TYPES),
      scope: vocabularyChoices(t, 'plan.scope', ACTION_SCOPES),
      states: state.memberStates.map((s) => ({ title: stateName(s.code), value: s.code })),
      leadState: state.memberStates.map((s) => ({ title: stateName(s.code), value: s.code })),
      leadAuthority: state.authorities
        .filter((authority) => authority.memberState !== null)
        .map((authority) => ({ title: `${authority.shortName} (${authority.memberState}) – ${authority.names[language] ?? authority.names.en}`, value: authority.id })),
      topics: vocabularyChoices(t, 'plan.topic', ACTION_TOPICS),
      sectors: sectorChoices(language),
      funding: vocabularyChoices(t, 'plan.funding', FUNDING_SOURCES),
      ...variant?.choices,
    },
  }, language);
}

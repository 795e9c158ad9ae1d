import type { DomainErrorDetail } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { EU_COUNTRIES, countryName } from '../../src/reference/countries';
import { planErrorText } from '../../src/plans/planErrors';
import { JOINING_AUTHORITY_TYPES, type AuthorityDraft } from '../../src/membership/participantInput';
import type { ParticipatingState } from '../../src/membership/membershipChanges';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { byTitleChoices, vocabularyChoices } from '../cards/choices';

export const STATE_FORM_FIELDS = ['country', 'shortName', 'nameLocal', 'nameEn', 'type', 'emailDomains', 'tenantIds'] as const;
export type StateFormValues = Record<(typeof STATE_FORM_FIELDS)[number], string>;

export const EMPTY_STATE_FORM: StateFormValues = { country: '', shortName: '', nameLocal: '', nameEn: '', type: '', emailDomains: '', tenantIds: '' };

/** Which form: a new state with its first authority, or an authority for a state already in. */
export type StateFormKind = 'state' | 'authority';

export function readStateSubmission(data: Record<string, unknown>): { formId: string | null; values: StateFormValues; draft: AuthorityDraft } {
  const values = Object.fromEntries(STATE_FORM_FIELDS.map((field) => [field, typeof data[field] === 'string' ? (data[field] as string) : ''])) as StateFormValues;
  const formId = typeof data.formId === 'string' && /^[0-9a-f-]{36}$/i.test(data.formId) ? data.formId : null;
  return { formId, values, draft: values };
}

export interface StateFormState {
  kind: StateFormKind;
  formId: string;
  values: StateFormValues;
  /** The countries offered: EU states not in the cooperation (a new state), or those in it (an authority). */
  countries: readonly string[];
  errors?: DomainErrorDetail[];
  notice?: string | null;
}

/** The form, with a message at each wrong field and every typed value kept. */
export function stateFormCard(t: Translate, language: Language, state: StateFormState): AdaptiveCard {
  const errors: Record<string, string> = Object.fromEntries(STATE_FORM_FIELDS.map((field) => [field, '']));
  const general: string[] = [];
  for (const error of state.errors ?? []) {
    const message = planErrorText(t, language, error);
    if (error.field && error.field in errors && !errors[error.field]) errors[error.field] = message;
    else if (!error.field || !(error.field in errors)) general.push(message);
  }
  const forState = state.kind === 'state';
  return renderCard('stateForm', {
    notice: state.notice ?? '',
    formId: state.formId,
    verb: forState ? 'state.create' : 'authority.create',
    formError: (state.errors ?? []).length > 0 ? [t('states.form.fixErrors'), ...general].join(' ') : '',
    requiredMessage: t('states.form.required'),
    labels: {
      title: t(forState ? 'states.form.titleState' : 'states.form.titleAuthority'),
      intro: t(forState ? 'states.form.introState' : 'states.form.introAuthority'),
      country: t('states.form.country'),
      countryPlaceholder: t('states.form.countryPlaceholder'),
      shortName: t('states.form.shortName'),
      nameLocal: t('states.form.nameLocal'),
      nameEn: t('states.form.nameEn'),
      type: t('states.form.type'),
      emailDomains: t('states.form.emailDomains'),
      tenantIds: t('states.form.tenantIds'),
      submit: t(forState ? 'states.form.submitState' : 'states.form.submitAuthority'),
    },
    values: state.values,
    errors,
    countryChoices: byTitleChoices(
      language,
      state.countries.map((code) => ({ title: countryName(code, language), value: code })),
    ),
    typeChoices: vocabularyChoices(t, 'authorityType', JOINING_AUTHORITY_TYPES),
  });
}

/** EU member states that are not (and never were) in the cooperation: those a new state can be. */
export function joinableCountries(states: ParticipatingState[]): string[] {
  const known = new Set(states.map((state) => state.code));
  return EU_COUNTRIES.filter((code) => !known.has(code));
}

/** The member states, active first, each with its authorities; an optional message above. */
export function stateListCard(t: Translate, language: Language, states: ParticipatingState[], options: { message?: string; notice?: string | null } = {}): AdaptiveCard {
  return renderCard('stateList', {
    notice: options.notice ?? '',
    message: options.message ?? '',
    title: t('states.list.title'),
    usage: t('states.usage'),
    states: states.map((state) => ({
      active: state.active,
      line: t(state.active ? 'states.list.state' : 'states.list.stateInactive', { country: countryName(state.code, language), code: state.code, year: state.joinedYear }),
      authorities: state.authorities.map((authority) => ({
        active: authority.active,
        line:
          authority.active && state.active
            ? t('states.list.authority', { id: authority.id, type: t(`authorityType.${authority.type}`), domains: authority.emailDomains.join(', ') })
            : t('states.list.authorityInactive', { id: authority.id, type: t(`authorityType.${authority.type}`) }),
      })),
    })),
  });
}

import type { DomainErrorDetail } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { Member } from '../../src/identity/members';
import type { Authority, MemberState } from '../../src/reference/participants';
import type { InspectionDraft } from '../../src/inspections/inspectionInput';
import { TARGET_IDENTIFIER_TYPES } from '../../src/inspections/inspectionInput';
import type { OverlappingInspection } from '../../src/inspections/inspectionQueries';
import { INSPECTION_KINDS, MAX_TARGET_COMPANIES } from '../../src/inspections/vocabulary';
import { countryName } from '../../src/reference/countries';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { sectorChoices, splitMultiSelect, vocabularyChoices } from '../cards/choices';
import { datesText, statusLabel } from './inspectionText';

/** What the form shows in its inputs: exactly what the user typed, as strings. */
export type FormValues = Record<string, string>;

const SCALAR_FIELDS = ['kind', 'hostState', 'states', 'authorities', 'leadAuthority', 'sector', 'city', 'region', 'placeState', 'startDate', 'endDate', 'actionRef', 'elaSupport', 'notes', 'imiRequestNumber'] as const;

const rowIds = (index: number) => ({ valueId: `companyValue${index}`, typeId: `companyType${index}`, nameId: `companyName${index}` });

/** Where the form was opened: from an alert card it must not replace that card for everyone. */
export interface FormOrigin {
  alertRef: string | null;
}

export interface PlanActionChoice {
  ref: string;
  title: string;
}

export interface InspectionFormState {
  formId: string;
  values: FormValues;
  origin: FormOrigin;
  memberStates: MemberState[];
  authorities: Authority[];
  /** The plan actions of the inspection's year and the year before; null when neither has a plan. */
  planActions: PlanActionChoice[] | null;
  planYear: number;
  errors?: DomainErrorDetail[];
  overlapping?: OverlappingInspection[];
  notice?: string | null;
}

export interface InspectionSubmission {
  formId: string | null;
  values: FormValues;
  draft: InspectionDraft;
  origin: FormOrigin;
  overlapConfirmed: boolean;
}

/** Reads a form submission: the values to show again, the draft to check, and the form's identity. */
export function readInspectionSubmission(data: Record<string, unknown>): InspectionSubmission {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : typeof data[key] === 'number' || typeof data[key] === 'boolean' ? String(data[key]) : '');
  const values: FormValues = {};
  for (const field of SCALAR_FIELDS) values[field] = text(field);
  for (let i = 0; i < MAX_TARGET_COMPANIES; i++) {
    const ids = rowIds(i);
    values[ids.valueId] = text(ids.valueId);
    values[ids.typeId] = text(ids.typeId);
    values[ids.nameId] = text(ids.nameId);
  }
  const draft: InspectionDraft = {
    kind: values.kind,
    hostState: values.hostState,
    states: splitMultiSelect(values.states),
    authorities: splitMultiSelect(values.authorities),
    leadAuthority: values.leadAuthority,
    sector: values.sector,
    city: values.city,
    region: values.region,
    placeState: values.placeState,
    startDate: values.startDate,
    endDate: values.endDate,
    companies: Array.from({ length: MAX_TARGET_COMPANIES }, (_, i) => {
      const ids = rowIds(i);
      return { value: values[ids.valueId], type: values[ids.typeId], name: values[ids.nameId] };
    }),
    actionRef: values.actionRef,
    elaSupport: values.elaSupport === 'true',
    notes: values.notes,
    imiRequestNumber: values.imiRequestNumber,
  };
  const formId = typeof data.formId === 'string' && /^[0-9a-f-]{36}$/i.test(data.formId) ? data.formId : null;
  const alertRef = typeof data.alertRef === 'string' && /^AL-\d{4}-\d{4,}$/.test(data.alertRef) ? data.alertRef : null;
  return { formId, values, draft, origin: { alertRef }, overlapConfirmed: text('overlapConfirmed') === 'create' };
}

/** A new form starts from the member's own authority and state, and from the companies given (e.g. an alert's). */
export function initialValues(member: Member, companies: Array<{ value: string; type: string }> = [], sector: string | null = null): FormValues {
  const state = member.authority.memberState;
  const values: FormValues = {
    hostState: state ?? '',
    states: state ?? '',
    placeState: state ?? '',
    authorities: state ? member.authority.id : '',
    leadAuthority: state ? member.authority.id : '',
    sector: sector ?? '',
    elaSupport: 'false',
  };
  companies.slice(0, MAX_TARGET_COMPANIES).forEach((company, i) => {
    values[rowIds(i).valueId] = company.value;
    values[rowIds(i).typeId] = (TARGET_IDENTIFIER_TYPES as readonly string[]).includes(company.type) ? company.type : '';
  });
  return values;
}

/** Long plan titles would push the form over Teams' card size limit; the reference identifies the action. */
const ACTION_TITLE_SHOWN = 50;
const ACTIONS_SHOWN = 30;

export function inspectionFormCard(t: Translate, language: Language, state: InspectionFormState): AdaptiveCard {
  const errors: Record<string, string> = {};
  for (const field of SCALAR_FIELDS) errors[field] = '';
  const rowErrors = Array.from({ length: MAX_TARGET_COMPANIES }, () => '');
  for (const error of state.errors ?? []) {
    const message = t(error.key, error.vars);
    const row = /^companies\.(\d+)$/.exec(error.field ?? '');
    if (row) rowErrors[Number(row[1])] = message;
    else if (error.field && error.field in errors) errors[error.field] = message;
  }
  const values = state.values;
  const stateChoices = state.memberStates.map((s) => ({ title: countryName(s.code, language), value: s.code }));
  const participants = state.authorities.filter((authority) => authority.memberState);
  const authorityChoices = participants.map((a) => ({ title: `${a.memberState} · ${a.shortName} – ${a.names[language] ?? a.names.en}`, value: a.id }));
  // The lead is picked among authorities already named in full just above: the short form keeps the card small.
  const leadChoices = participants.map((a) => ({ title: `${a.memberState} · ${a.shortName}`, value: a.id }));
  const actions = (state.planActions ?? []).slice(0, ACTIONS_SHOWN).map((action) => ({
    title: `${action.ref} – ${action.title.length > ACTION_TITLE_SHOWN ? `${action.title.slice(0, ACTION_TITLE_SHOWN - 1)}…` : action.title}`,
    value: action.ref,
  }));
  return renderCard('cjiForm', {
    notice: state.notice ?? '',
    formId: state.formId,
    alertRef: state.origin.alertRef ?? '',
    fromAlert: state.origin.alertRef ? t('inspections.form.fromAlert', { ref: state.origin.alertRef }) : '',
    formError: (state.errors ?? []).length > 0 ? t('inspections.form.fixErrors') : '',
    requiredMessage: t('inspections.errors.required'),
    labels: t('inspections.form', { returnObjects: true }) as unknown as Record<string, string>,
    values: Object.fromEntries(SCALAR_FIELDS.map((field) => [field, values[field] ?? ''])),
    errors,
    overlapping: (state.overlapping ?? []).slice(0, 5).map((o) => ({
      line: t('inspections.form.overlapLine', {
        ref: o.ref,
        place: `${o.city} (${o.placeState})`,
        dates: datesText(o.startDate, o.endDate, language),
        status: statusLabel(t, o.status),
        lead: o.leadShortName,
      }),
    })),
    companyRows: Array.from({ length: MAX_TARGET_COMPANIES }, (_, i) => ({
      ...rowIds(i),
      value: values[rowIds(i).valueId] ?? '',
      type: values[rowIds(i).typeId] ?? '',
      name: values[rowIds(i).nameId] ?? '',
      error: rowErrors[i],
      labelValue: t('inspections.form.companyValue'),
      labelType: t('inspections.form.companyType'),
      labelName: t('inspections.form.companyName'),
      typePlaceholder: t('inspections.form.companyTypeDetect'),
    })),
    kindChoices: vocabularyChoices(t, 'inspections.kind', INSPECTION_KINDS),
    stateChoices,
    authorityChoices,
    leadChoices,
    identifierTypeChoices: vocabularyChoices(t, 'alerts.identifierType', TARGET_IDENTIFIER_TYPES),
    sectorChoices: sectorChoices(language),
    hasPlan: state.planActions !== null && actions.length > 0,
    actionChoices: actions,
    noPlan: t('inspections.form.noPlan', { year: state.planYear, previous: state.planYear - 1 }),
  }, language);
}

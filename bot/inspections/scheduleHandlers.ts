import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../src/errors';
import { TARGET_IDENTIFIER_TYPES, validateInspectionDraft } from '../../src/inspections/inspectionInput';
import { inspectionReference, scheduleInspection, type ScheduleResult } from '../../src/inspections/scheduleInspection';
import { companyProfile } from '../../src/companies/companyDossier';
import { getAlert } from '../../src/alerts/alertQueries';
import { getPlanView } from '../../src/plans/planQueries';
import { listAuthorities, listMemberStates } from '../../src/reference/participants';
import { outboxState } from '../../src/outbox/outbox';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { identityNotice, replyWithCard } from '../reply';
import { turnInfo, actingTurn } from '../turn';
import { postedKey } from './inspectionChannel';
import { initialValues, inspectionFormCard, readInspectionSubmission, type FormOrigin, type FormValues, type InspectionFormState } from './inspectionForm';
import { datesText, kindLabel, placeText } from './inspectionText';
import { newFormId } from '../cards/formId';

const INSPECTION_ACTION_TYPES: readonly string[] = ['concerted_inspection', 'joint_inspection'];

/**
 * The plan actions an inspection can still serve (not cancelled): those of the inspection's year,
 * then of the year before (an action agreed for last year is often inspected early in the next),
 * inspection actions first since the form shows a limited number. The year is the typed first
 * day's when the form comes back with it, else this year; null when neither year has a plan.
 */
function planActions(deps: BotDeps, startDate?: string): { year: number; actions: InspectionFormState['planActions'] } {
  const typed = /^(\d{4})-\d{2}-\d{2}$/.exec(startDate ?? '');
  const year = typed ? Number(typed[1]) : deps.clock.now().getUTCFullYear();
  const plans = [getPlanView(deps.db, year), getPlanView(deps.db, year - 1)].filter((plan) => plan !== null);
  if (plans.length === 0) return { year, actions: null };
  const open = plans.map((plan) => plan.actions.filter((action) => action.status !== 'cancelled'));
  const ordered = [
    ...open.flatMap((actions) => actions.filter((a) => INSPECTION_ACTION_TYPES.includes(a.type))),
    ...open.flatMap((actions) => actions.filter((a) => !INSPECTION_ACTION_TYPES.includes(a.type))),
  ];
  return { year, actions: ordered.map((action) => ({ ref: action.ref, title: action.title })) };
}

function formCard(context: TurnContext, deps: BotDeps, formId: string, values: FormValues, origin: FormOrigin, extra: Pick<InspectionFormState, 'errors' | 'overlapping'> = {}): AdaptiveCard {
  const { t, language } = turnInfo(context);
  const plan = planActions(deps, values.startDate);
  return inspectionFormCard(t, language, {
    formId,
    values,
    origin,
    memberStates: listMemberStates(deps.db),
    authorities: listAuthorities(deps.db),
    planActions: plan.actions,
    planYear: plan.year,
    notice: identityNotice(context),
    ...extra,
  });
}

/** `/cji new`: the form, starting from the member's own authority and state. */
export async function sendNewInspectionForm(context: TurnContext, deps: BotDeps): Promise<void> {
  const { member } = actingTurn(context);
  await replyWithCard(context, formCard(context, deps, newFormId(), initialValues(member), { alertRef: null }));
}

/**
 * "Schedule inspection" on an alert card: the form with the alert's company (by its first
 * identifier the form knows) and the cooperation states the alert concerns.
 */
export async function onScheduleFromAlert(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard> {
  const { member } = actingTurn(context);
  const company = Number.isSafeInteger(Number(data.companyId)) ? companyProfile(deps.db, Number(data.companyId)) : null;
  const alert = typeof data.ref === 'string' ? getAlert(deps.db, data.ref) : null;
  const identifier = company?.identifiers.find((i) => (TARGET_IDENTIFIER_TYPES as readonly string[]).includes(i.type));
  const values = initialValues(member, identifier ? [identifier] : [], company?.sector ?? null);
  if (alert) {
    const cooperating = new Set(listMemberStates(deps.db).map((state) => state.code));
    const concerned = [alert.registrationCountry, ...alert.countriesConcerned].filter((code) => cooperating.has(code));
    values.states = [...new Set([...values.states.split(',').filter(Boolean), ...concerned])].join(',');
    // The inspection usually follows the same IMI request as the alert.
    if (alert.imiRequestNumber) values.imiRequestNumber = alert.imiRequestNumber;
  }
  return formCard(context, deps, newFormId(), values, { alertRef: alert?.ref ?? null });
}

function postedCard(context: TurnContext, deps: BotDeps, result: Exclude<ScheduleResult, { kind: 'overlap' }>, origin: FormOrigin): AdaptiveCard {
  const { t, language } = turnInfo(context);
  const inspection = result.inspection;
  const posted = outboxState(deps.db, postedKey(inspection.ref)) !== null;
  const text =
    result.kind === 'already_submitted'
      ? t('inspections.posted.alreadySubmitted', { ref: inspection.ref })
      : posted
        ? t('inspections.posted.body', { kind: kindLabel(t, inspection.kind), place: placeText(inspection, language), dates: datesText(inspection.startDate, inspection.endDate, language) })
        : t('inspections.posted.noChannel', { ref: inspection.ref });
  return renderCard('cjiPosted', {
    notice: identityNotice(context) ?? '',
    title: t('inspections.posted.title', { ref: inspection.ref }),
    lines: [{ text }],
    ref: inspection.ref,
    showLabel: t('inspections.posted.show'),
    alertRef: origin.alertRef ?? '',
    backLabel: origin.alertRef ? t('inspections.posted.backToAlert', { ref: origin.alertRef }) : '',
  });
}

/**
 * The form's submission: checks everything and re-shows the form with messages and the typed
 * values, warns about another inspection at the same place and dates, or stores and announces.
 * A scheduled inspection replaces its form for everyone, except a form opened from an alert card,
 * which must stay the alert for the others.
 */
export async function onInspectionSubmit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<{ card: AdaptiveCard; updateForAll: boolean }> {
  const { member, correlationId } = actingTurn(context);
  const { formId, values, draft, origin, overlapConfirmed } = readInspectionSubmission(data);
  const form = (extra: Pick<InspectionFormState, 'errors' | 'overlapping'>) => ({ card: formCard(context, deps, formId ?? newFormId(), values, origin, extra), updateForAll: false });
  if (!formId) return form({ errors: [{ key: 'inspections.errors.formExpired' }] });
  const checked = validateInspectionDraft(draft, inspectionReference(deps.db));
  if (!checked.ok) return form({ errors: checked.errors });
  let result: ScheduleResult;
  try {
    result = scheduleInspection(deps.db, deps.clock, member, checked.input, {
      formId,
      overlapConfirmed,
      correlationId,
    });
  } catch (error) {
    if (isDomainError(error)) return form({ errors: error.details });
    throw error;
  }
  if (result.kind === 'overlap') return form({ overlapping: result.overlapping });
  deps.notify();
  return { card: postedCard(context, deps, result, origin), updateForAll: origin.alertRef === null };
}

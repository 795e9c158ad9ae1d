import type { TurnContext } from 'botbuilder';
import type { DomainErrorDetail } from '../../src/errors';
import { isDomainError } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { FRAUD_TYPES } from '../../src/alerts/vocabulary';
import { getInspection, normaliseInspectionRef, type InspectionView } from '../../src/inspections/inspectionQueries';
import { inspectionToReport, recordInspectionOutcome, validateOutcomeDraft, type OutcomeDraft } from '../../src/inspections/inspectionOutcome';
import { MAX_COUNT } from '../../src/inspections/vocabulary';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import { identityNotice, replyWithCard } from '../reply';
import { turnInfo, actingTurn } from '../turn';
import { cardForViewer, clickedOnChannelPost } from './inspectionChannel';
import type { FormValues } from './inspectionForm';
import { datesText, errorText, kindLabel, placeText } from './inspectionText';
import { newFormId } from '../cards/formId';

const infringementId = (type: string) => `infringement_${type}`;

function readOutcomeSubmission(data: Record<string, unknown>): { formId: string | null; ref: string; values: FormValues; draft: OutcomeDraft } {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : typeof data[key] === 'number' ? String(data[key]) : '');
  const values: FormValues = {};
  for (const field of ['companiesInspected', 'workersChecked', 'followUp', 'reportReference', ...FRAUD_TYPES.map(infringementId)]) values[field] = text(field);
  const draft: OutcomeDraft = {
    companiesInspected: values.companiesInspected,
    workersChecked: values.workersChecked,
    infringements: Object.fromEntries(FRAUD_TYPES.map((type) => [type, values[infringementId(type)]])),
    followUp: values.followUp,
    reportReference: values.reportReference,
  };
  const formId = typeof data.formId === 'string' && /^[0-9a-f-]{36}$/i.test(data.formId) ? data.formId : null;
  return { formId, ref: text('ref'), values, draft };
}

export function outcomeFormCard(t: Translate, language: Language, inspection: InspectionView, state: { formId: string; values: FormValues; errors?: DomainErrorDetail[]; notice?: string | null }): AdaptiveCard {
  const errors: Record<string, string> = { companiesInspected: '', workersChecked: '', followUp: '', reportReference: '' };
  const infringementErrors: Record<string, string> = {};
  for (const error of state.errors ?? []) {
    const message = t(error.key, error.vars);
    if (error.field?.startsWith('infringements.')) infringementErrors[error.field.slice('infringements.'.length)] = message;
    else if (error.field && error.field in errors) errors[error.field] = message;
  }
  const cell = (type: string) => ({ id: infringementId(type), label: t(`alerts.fraudType.${type}`), value: state.values[infringementId(type)] ?? '', error: infringementErrors[type] ?? '' });
  // Two fraud types per row; an odd last one stands alone.
  const rows = [];
  for (let i = 0; i < FRAUD_TYPES.length; i += 2) rows.push({ a: cell(FRAUD_TYPES[i]), b: i + 1 < FRAUD_TYPES.length ? cell(FRAUD_TYPES[i + 1]) : null, hasB: i + 1 < FRAUD_TYPES.length });
  return renderCard('cjiReport', {
    notice: state.notice ?? '',
    formId: state.formId,
    ref: inspection.ref,
    title: t('inspections.report.title', { ref: inspection.ref }),
    intro: t('inspections.report.intro', { kind: kindLabel(t, inspection.kind), place: placeText(inspection, language), dates: datesText(inspection.startDate, inspection.endDate, language) }),
    formError: (state.errors ?? []).length > 0 ? t('inspections.report.fixErrors') : '',
    requiredMessage: t('inspections.errors.required'),
    countMessage: t('inspections.errors.badCount', { max: MAX_COUNT }),
    labels: t('inspections.report', { returnObjects: true }) as unknown as Record<string, string>,
    values: { companiesInspected: state.values.companiesInspected ?? '', workersChecked: state.values.workersChecked ?? '', followUp: state.values.followUp ?? '', reportReference: state.values.reportReference ?? '' },
    errors,
    infringementRows: rows,
  }, language);
}

/** The outcome form of an inspection the member may report on, or why they cannot (yet). */
function outcomeFormOrReason(context: TurnContext, deps: BotDeps, ref: string): AdaptiveCard | string {
  const { t, language, member } = actingTurn(context);
  try {
    const inspection = inspectionToReport(deps.db, member, ref);
    return outcomeFormCard(t, language, inspection, { formId: newFormId(), values: {}, notice: identityNotice(context) });
  } catch (error) {
    if (isDomainError(error)) return errorText(t, language, error.details[0]);
    throw error;
  }
}

/** `/cji report <ref>`. */
export async function sendOutcomeForm(context: TurnContext, deps: BotDeps, command: ParsedCommand): Promise<void> {
  const { t } = turnInfo(context);
  // Only a reference goes further, as for /cji <ref>: the reasons then quote references the bot
  // parsed or stored, never a text as typed (which Teams would read as markdown in a text reply).
  const ref = normaliseInspectionRef(command.args[1] ?? '');
  if (!ref) {
    await context.sendActivity(t('inspections.report.usage'));
    return;
  }
  const reply = outcomeFormOrReason(context, deps, ref);
  if (typeof reply === 'string') await context.sendActivity(reply);
  else await replyWithCard(context, reply);
}

/** "Share outcome" on the card: the form, for the person who clicked. */
export async function onOutcomeFormRequested(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  return outcomeFormOrReason(context, deps, typeof data.ref === 'string' ? data.ref : '');
}

/**
 * The outcome form's submission: the form again with messages and values, or the inspection's
 * card in "report shared" for everyone who sees this message (and the channel's card follows).
 */
export async function onOutcomeSubmit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<string | { card: AdaptiveCard; updateForAll: boolean }> {
  const { t, language, member, correlationId } = actingTurn(context);
  const { formId, ref, values, draft } = readOutcomeSubmission(data);
  const known = getInspection(deps.db, ref);
  if (!known) return t('inspections.errors.notFound', { ref: ref.slice(0, 40) });
  // Sent twice (Teams resends, double click): the first submission shared it; show the result.
  if (formId && known.outcome?.formId === formId) return { card: cardForViewer(context, deps, known), updateForAll: false };
  let inspection: InspectionView;
  try {
    inspection = inspectionToReport(deps.db, member, ref);
  } catch (error) {
    if (isDomainError(error)) return errorText(t, language, error.details[0]);
    throw error;
  }
  const form = (errors: DomainErrorDetail[]) => ({ card: outcomeFormCard(t, language, inspection, { formId: formId ?? newFormId(), values, errors, notice: identityNotice(context) }), updateForAll: false });
  if (!formId) return form([{ key: 'inspections.errors.formExpired' }]);
  const checked = validateOutcomeDraft(draft);
  if (!checked.ok) return form(checked.errors);
  try {
    const onChannelPost = clickedOnChannelPost(context, deps, ref);
    const result = recordInspectionOutcome(deps.db, deps.clock, member, { ref, outcome: checked.input, formId, onChannelPost, correlationId });
    deps.notify();
    return { card: cardForViewer(context, deps, result.inspection), updateForAll: true };
  } catch (error) {
    if (isDomainError(error)) return errorText(t, language, error.details[0]);
    throw error;
  }
}

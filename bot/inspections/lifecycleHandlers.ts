import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../src/errors';
import { changeInspectionStatus } from '../../src/inspections/inspectionLifecycle';
import { answerInvitation } from '../../src/inspections/inspectionRsvp';
import { getInspection, type InspectionView } from '../../src/inspections/inspectionQueries';
import { translator } from '../../src/i18n/translate';
import type { AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { turnInfo, actingTurn } from '../turn';
import { cardForViewer, refreshChannelCard } from './inspectionChannel';
import { datesText, errorsText, kindLabel, placeText } from './inspectionText';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The line on the plan action's timeline, in the shared language, as the channel reads it. */
function timelineNote(deps: BotDeps, inspection: InspectionView): string {
  const language = deps.config.defaultLanguage;
  const t = translator(language);
  return t('inspections.timeline.carriedOut', {
    kind: kindLabel(t, inspection.kind),
    ref: inspection.ref,
    dates: datesText(inspection.startDate, inspection.endDate, language),
    place: placeText(inspection, language),
  });
}

/** Runs a change of the shared record and answers with the card everyone sees now, or the reason it was refused. */
function changed(context: TurnContext, deps: BotDeps, change: () => InspectionView, fieldLabels: Record<string, string> = {}): AdaptiveCard | string {
  const { t, language } = turnInfo(context);
  try {
    const inspection = change();
    refreshChannelCard(context, deps, inspection);
    return cardForViewer(context, deps, inspection);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return errorsText(t, language, error.details, fieldLabels);
  }
}

/** A status button of the card (agree, carried out, postpone with new dates, cancel with a reason, close). */
export async function onStatusChange(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t, member, correlationId } = actingTurn(context);
  const to = text(data.to) ?? '';
  const request = {
    ref: text(data.ref) ?? '',
    to,
    startDate: text(data.postponeStart),
    endDate: text(data.postponeEnd),
    reason: to === 'postponed' ? text(data.postponeReason) : text(data.cancelReason),
    correlationId,
  };
  const fieldLabels = {
    startDate: t('inspections.card.postponeStart'),
    endDate: t('inspections.card.postponeEnd'),
    reason: t(to === 'postponed' ? 'inspections.card.postponeReason' : 'inspections.card.cancelReason'),
  };
  const options = { timelineNote: (inspection: InspectionView) => timelineNote(deps, inspection) };
  return changed(context, deps, () => changeInspectionStatus(deps.db, deps.clock, member, request, options), fieldLabels);
}

/** "I'll join" / "Can't join": one answer per person, shown per state on the card. */
export async function onRsvp(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { member, correlationId } = actingTurn(context);
  return changed(context, deps, () => answerInvitation(deps.db, deps.clock, member, { ref: text(data.ref) ?? '', answer: text(data.answer) ?? '', correlationId }));
}

export async function onShowInspection(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t } = turnInfo(context);
  const ref = text(data.ref) ?? '';
  const inspection = getInspection(deps.db, ref);
  if (!inspection) return t('inspections.errors.notFound', { ref: ref.slice(0, 40) });
  return cardForViewer(context, deps, inspection);
}

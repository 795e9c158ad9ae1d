import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../src/errors';
import { changeInspectionStatus } from '../../src/inspections/inspectionLifecycle';
import { answerInvitation } from '../../src/inspections/inspectionRsvp';
import { getInspection, type InspectionView } from '../../src/inspections/inspectionQueries';
import { translator } from '../../src/i18n/translate';
import type { AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { turnInfo, actingTurn } from '../turn';
import { cardForViewer, clickedOnChannelPost } from './inspectionChannel';
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

/**
 * Runs a change of the shared record and answers with the card everyone sees now, or the reason
 * it was refused; the channel's card follows when the click was on a copy elsewhere.
 */
function changed(context: TurnContext, deps: BotDeps, ref: string, change: (onChannelPost: boolean) => InspectionView, fieldLabels: Record<string, string> = {}): AdaptiveCard | string {
  const { t, language } = turnInfo(context);
  try {
    const inspection = change(clickedOnChannelPost(context, deps, ref));
    deps.notify();
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
  // Carrying out changes none of the fields the note names, so it is written from the inspection as it is now.
  const known = to === 'carried_out' ? getInspection(deps.db, request.ref) : null;
  const options = { timelineNote: known ? timelineNote(deps, known) : undefined };
  return changed(context, deps, request.ref, (onChannelPost) => changeInspectionStatus(deps.db, deps.clock, member, { ...request, onChannelPost }, options), fieldLabels);
}

/** "I'll join" / "Can't join": one answer per person, shown per state on the card. */
export async function onRsvp(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { member, correlationId } = actingTurn(context);
  const ref = text(data.ref) ?? '';
  return changed(context, deps, ref, (onChannelPost) => answerInvitation(deps.db, deps.clock, member, { ref, answer: text(data.answer) ?? '', onChannelPost, correlationId }));
}

export async function onShowInspection(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t } = turnInfo(context);
  const ref = text(data.ref) ?? '';
  const inspection = getInspection(deps.db, ref);
  if (!inspection) return t('inspections.errors.notFound', { ref: ref.slice(0, 40) });
  return cardForViewer(context, deps, inspection);
}

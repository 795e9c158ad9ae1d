import type { TurnContext } from 'botbuilder';
import { getAlert } from '../../src/alerts/alertQueries';
import { editAlert, isStaleAlertError, mayEditAlert, withdrawAlert } from '../../src/alerts/editAlert';
import { isAlertParticipant } from '../../src/alerts/alertAccess';
import { isDomainError, type DomainErrorDetail } from '../../src/errors';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import { identityNotice } from '../reply';
import { actingTurn, turnInfo } from '../turn';
import { alertEditFormCard, readEditSubmission, storedValues, type EditValues } from './alertEditForm';
import { cardForViewer, clickedOnChannelPost } from './alertHandlers';

const refText = (value: unknown) => (typeof value === 'string' ? value.slice(0, 20) : '');

/**
 * "Correct or withdraw" on an alert card: the form prefilled with the alert as it is now (a card
 * older than the alert opens it at the current version), for the person who clicked only. Someone
 * who may not change the alert is told so at once, before typing anything.
 */
export async function onAlertEdit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, language, member } = actingTurn(context);
  const ref = refText(data.ref);
  const alert = getAlert(deps.db, ref);
  if (!alert || !isAlertParticipant(member)) return t('alerts.errors.notFound', { ref });
  if (!mayEditAlert(member, alert)) return t('alertEdit.errors.notAllowed', { ref: alert.ref, state: alert.reportingAuthority.memberState ?? alert.reportingAuthority.shortName });
  if (alert.withdrawal) return t('alertEdit.errors.withdrawn', { ref: alert.ref });
  if (alert.status !== 'open') return t('alerts.errors.alreadyClosed', { ref: alert.ref });
  return { card: alertEditFormCard(t, language, { alert, values: storedValues(alert), notice: identityNotice(context) }), updateForAll: false };
}

/**
 * A correction or a withdrawal: the channel's card follows for everyone (through the click on it,
 * or the alert.changed event for a copy elsewhere). A refusal goes back in the form to its person
 * only, with what they typed: field messages beside the fields, a stale view at the current
 * version with a message, a refusal of the person in words of its own.
 */
async function changeFromForm(context: TurnContext, deps: BotDeps, data: Record<string, unknown>, values: EditValues, change: (onChannelPost: boolean) => Promise<unknown>): Promise<CardReply> {
  const { t, language } = turnInfo(context);
  const ref = refText(data.ref);
  try {
    await change(clickedOnChannelPost(context, deps, ref));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const alert = isStaleAlertError(error) ? error.current : getAlert(deps.db, ref);
    const onForm: DomainErrorDetail[] = error.details.filter((detail) => detail.field);
    if (!alert || onForm.length === 0) return t(error.details[0].key, error.details[0].vars);
    const stale = isStaleAlertError(error);
    return {
      card: alertEditFormCard(t, language, {
        alert,
        values,
        errors: stale ? [] : onForm,
        message: stale ? t(error.details[0].key, error.details[0].vars) : '',
        notice: identityNotice(context),
      }),
      updateForAll: false,
    };
  }
  deps.notify();
  return { card: cardForViewer(context, deps, getAlert(deps.db, ref)!), updateForAll: true };
}

export async function onAlertSaveEdit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { member, correlationId } = actingTurn(context);
  const { values, draft } = readEditSubmission(data);
  return changeFromForm(context, deps, data, values, (onChannelPost) =>
    editAlert(deps.db, deps.clock, member, { ref: refText(data.ref), expectedVersion: data.version, draft, answerDays: deps.config.alertAnswerDays, onChannelPost, correlationId }),
  );
}

export async function onAlertWithdraw(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { member, correlationId } = actingTurn(context);
  const { values } = readEditSubmission(data);
  return changeFromForm(context, deps, data, values, (onChannelPost) =>
    withdrawAlert(deps.db, deps.clock, member, { ref: refText(data.ref), expectedVersion: data.version, reason: data.reason, onChannelPost, correlationId }),
  );
}

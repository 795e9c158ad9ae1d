import type { TurnContext } from 'botbuilder';
import { isDomainError, type DomainErrorDetail } from '../../src/errors';
import { getActionDetail, type ActionDetail } from '../../src/plans/actionQueries';
import { isCoordinator } from '../../src/plans/actionAccess';
import { cleanNote } from '../../src/plans/actionTimeline';
import { isStaleActionError, planErrorText } from '../../src/plans/planErrors';
import { postActionUpdate } from '../../src/plans/postActionUpdate';
import { ACTION_STATUSES } from '../../src/plans/vocabulary';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import { identityNotice, replyQuotingInput, replyWithCard } from '../reply';
import { turnInfo, actingTurn } from '../turn';
import type { AdaptiveCard } from '../cards/renderCard';
import { actionCard, type ActionCardOptions } from './actionViews';
import { openActionForm } from './actionFormHandlers';
import { boardLink } from './planLinks';
import { isKeyword, matchStatus, normaliseRef } from './planWords';

/** Marks the data of our own action card, whose reply replaces it; other cards get a message instead. */
export const ACTION_CARD_ORIGIN = 'actionCard';

function errorText(context: TurnContext, details: DomainErrorDetail[]): string {
  const { t, language } = turnInfo(context);
  return details.map((detail) => planErrorText(t, language, detail)).join(' ');
}

function cardFor(context: TurnContext, deps: BotDeps, action: ActionDetail, options: ActionCardOptions = {}): AdaptiveCard {
  const { t, language } = turnInfo(context);
  return actionCard(t, language, action, { notice: identityNotice(context), boardUrl: boardLink(deps, action.year), ...options });
}

/** The text after the first `count` arguments, as typed (quotes, spacing and all). */
export function textAfterArguments(rest: string, count: number): string {
  const pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  let end = 0;
  for (let i = 0; i < count; i++) {
    const match = pattern.exec(rest);
    if (!match) return '';
    end = match.index + match[0].length;
  }
  return rest.slice(end).trim();
}

type Outcome = { kind: 'done'; action: ActionDetail; message: string } | { kind: 'refused'; error: unknown };

/** One status update (or note), however it arrives: a card, a one-liner, another feature's card. */
function applyUpdate(context: TurnContext, deps: BotDeps, current: ActionDetail, request: { status: string; note: string; version: unknown }): Outcome {
  const { t, member, correlationId } = actingTurn(context);
  try {
    const posted = postActionUpdate(deps.db, deps.clock, member, { ref: current.ref, status: request.status, note: request.note, expectedVersion: request.version, correlationId });
    if (posted.kind === 'note') return { kind: 'done', action: posted.action, message: t('plan.card.noteAdded') };
    deps.notify();
    const { action, from } = posted;
    return { kind: 'done', action, message: t('plan.card.statusChanged', { ref: action.ref, from: t(`plan.status.${from}`), to: t(`plan.status.${action.status}`) }) };
  } catch (error) {
    if (isDomainError(error)) return { kind: 'refused', error };
    throw error;
  }
}

/** The action card's "Post update" (and the same verb on other features' cards). */
export async function onActionStatus(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t } = turnInfo(context);
  const ref = String(data.ref ?? '');
  const current = getActionDetail(deps.db, ref);
  if (!current) return t('plan.errors.actionNotFound', { ref: ref.slice(0, 20) });
  const request = { status: typeof data.status === 'string' ? data.status : '', note: typeof data.note === 'string' ? data.note : '', version: data.version };
  const outcome = applyUpdate(context, deps, current, request);
  const ownCard = data.origin === ACTION_CARD_ORIGIN;
  if (outcome.kind === 'done') {
    // Our card now shows the new version to everyone; another feature's card stays as it is.
    return ownCard ? { card: cardFor(context, deps, outcome.action, { message: outcome.message, messageColor: 'Good' }), updateForAll: true } : outcome.message;
  }
  const error = outcome.error;
  if (!isDomainError(error)) throw error;
  if (!ownCard) return errorText(context, error.details);
  const values = { status: request.status, note: request.note };
  if (isStaleActionError(error)) {
    return { card: cardFor(context, deps, error.current, { message: errorText(context, error.details), messageColor: 'Warning', values }), updateForAll: false };
  }
  const fieldErrors: ActionCardOptions['errors'] = {};
  const general: DomainErrorDetail[] = [];
  for (const detail of error.details) {
    if (detail.field === 'status' || detail.field === 'note') fieldErrors[detail.field] = errorText(context, [detail]);
    else general.push(detail);
  }
  const message = general.length > 0 ? errorText(context, general) : t('plan.form.fixErrors');
  return { card: cardFor(context, deps, getActionDetail(deps.db, ref)!, { message, messageColor: 'Attention', values, errors: fieldErrors }), updateForAll: false };
}

export async function onActionShow(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t } = turnInfo(context);
  const ref = normaliseRef(String(data.ref ?? '')) ?? String(data.ref ?? '');
  const action = getActionDetail(deps.db, ref);
  if (!action) return t('plan.errors.actionNotFound', { ref: ref.slice(0, 20) });
  return cardFor(context, deps, action);
}

function statusNames(context: TurnContext): string {
  const { t, language } = turnInfo(context);
  return new Intl.ListFormat(language, { type: 'disjunction' }).format(ACTION_STATUSES.map((status) => t(`plan.status.${status}`).toLowerCase()));
}

/**
 * `/action <ref>` shows the card; `/action <ref> <status> [note]` and `/action <ref> note <text>`
 * update in one line (status words in the user's language or English); `/action new` opens the
 * creation form for coordinators.
 */
export async function actionCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language, member } = actingTurn(context);
  const [first, second] = command.args;
  if (!first) {
    await context.sendActivity(t('plan.bot.actionUsage'));
    return;
  }
  if (isKeyword(language, first, 'new')) {
    if (!isCoordinator(member)) {
      await context.sendActivity(t('plan.bot.coordinatorsOnlyCreate'));
      return;
    }
    await openActionForm(context, deps);
    return;
  }
  const ref = normaliseRef(first);
  if (!ref) {
    await replyQuotingInput(context, t('plan.bot.notARef', { text: first.slice(0, 40) }));
    return;
  }
  const current = getActionDetail(deps.db, ref);
  if (!current) {
    await context.sendActivity(`${t('plan.errors.actionNotFound', { ref })} ${t('plan.bot.findActions', { year: ref.slice(0, 4) })}`);
    return;
  }
  if (!second) {
    await replyWithCard(context, cardFor(context, deps, current));
    return;
  }
  let request: { status: string; note: string };
  if (isKeyword(language, second, 'note')) {
    request = { status: current.status, note: textAfterArguments(command.rest, 2) };
    if (!cleanNote(request.note)) {
      await context.sendActivity(t('plan.errors.noteRequired'));
      return;
    }
  } else {
    const status = matchStatus(language, command.args, 1);
    if (!status) {
      await replyQuotingInput(context, t('plan.bot.unknownStatus', { text: second.slice(0, 40), statuses: statusNames(context) }));
      return;
    }
    request = { status: status.value, note: textAfterArguments(command.rest, 1 + status.length) };
  }
  // Typed in the chat, not read off a card: the person acts on the action as it is now.
  const outcome = applyUpdate(context, deps, current, { ...request, version: current.version });
  if (outcome.kind === 'refused') {
    await context.sendActivity(errorText(context, isDomainError(outcome.error) ? outcome.error.details : []));
    return;
  }
  await replyWithCard(context, cardFor(context, deps, outcome.action, { message: outcome.message, messageColor: 'Good' }));
}

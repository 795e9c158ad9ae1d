import { isSubcommand } from '../commands/commandWords';
import { dossierExportCard } from './dossierExport';
import type { TurnContext } from 'botbuilder';
import { validateAlertDraft } from '../../src/alerts/alertInput';
import { createAlert, type CompanyChoice, type CreateAlertResult } from '../../src/alerts/createAlert';
import { closeAlert, respondToAlert } from '../../src/alerts/respondToAlert';
import { getAlert, type AlertView } from '../../src/alerts/alertQueries';
import { readAlert, readAlertList } from '../../src/alerts/alertReading';
import { ALERT_STATUSES, type AlertStatus } from '../../src/alerts/vocabulary';
import { detectIdentifier } from '../../src/companies/identifiers';
import { searchCompanies } from '../../src/companies/companyMatching';
import { viewCompanyDossier } from '../../src/companies/companyDossier';
import { isKnownCountry } from '../../src/reference/countries';
import { isDomainError } from '../../src/errors';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import { identityNotice, replyQuotingInput, replyWithCard } from '../reply';
import { turnInfo, actingTurn } from '../turn';
import { channelPostId } from '../channelPost';
import type { EventPosts } from '../notifier';
import { hasCooperationChannel } from '../../src/conversations/conversationReferences';
import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { markClickedChannelPost } from '../channelViews';
import type { AdaptiveCard } from '../cards/renderCard';
import { alertFormCard, prefilledValues, readAlertSubmission, type FormValues } from './alertForm';
import { alertCard } from './alertCard';
import { ALERTS_PAGE_SIZE, alertListCard, confirmationCard, dossierCard } from './alertViews';
import { renderCard } from '../cards/renderCard';
import { newFormId } from '../cards/formId';
import { demoAnswerHint } from '../handlers/demo';
import { answerReminderPosts } from './answerReminder';

export const postedKey = (ref: string) => `alert:${ref}:posted`;

/** The channel's card is posted in the deployment's default language; each reader's view, in theirs. */
function channelCard(deps: BotDeps, alert: AlertView, language: Language = deps.config.defaultLanguage): AdaptiveCard {
  return alertCard(translator(language), language, alert);
}

/** The alert's channel card as it is when sent, or null once retention has deleted the alert. */
export function channelCardOf(deps: BotDeps, ref: string, language?: Language): AdaptiveCard | null {
  const alert = getAlert(deps.db, ref);
  return alert ? channelCard(deps, alert, language) : null;
}

/** The channel's card of an alert when it is created, and shown again after each change made elsewhere. */
export const alertEventPosts: EventPosts = {
  ...answerReminderPosts((ref) => postedKey(ref)),
  'alert.created': ({ ref }) => [{ to: 'channel', key: postedKey(ref), card: { kind: 'alert', subject: ref } }],
  'alert.changed': ({ ref, version, onChannelPost }) =>
    onChannelPost ? [] : [{ to: 'channel-update', of: postedKey(ref), key: `alert:${ref}:v${version}`, card: { kind: 'alert', subject: ref } }],
};

/** The clicked card is the channel's own post: the turn updates it for everyone already. */
export function clickedOnChannelPost(context: TurnContext, deps: BotDeps, ref: string): boolean {
  const replyToId = context.activity.replyToId;
  return !!replyToId && replyToId === channelPostId(deps, postedKey(ref));
}

/** `/alert [identifier] [company name]`: the form, prefilled with what was typed. */
export async function alertCommand(context: TurnContext, command: ParsedCommand, _deps: BotDeps): Promise<void> {
  const { t, language } = turnInfo(context);
  const [first, ...rest] = command.args;
  const detected = first ? detectIdentifier(first) : null;
  const values = prefilledValues({
    identifier: first ?? '',
    identifierType: detected?.type ?? (first ? 'eu_vat' : ''),
    companyName: detected ? rest.join(' ') : command.args.join(' '),
    registrationCountry: detected?.country ?? '',
  });
  if (!detected && first) {
    values.identifierValue0 = '';
    values.identifierType0 = '';
  }
  await replyWithCard(context, alertFormCard(t, language, { formId: newFormId(), values, notice: identityNotice(context) }));
}

function companyChoiceOf(raw: string | null, askedBefore: boolean): CompanyChoice {
  if (raw?.startsWith('existing:')) return { kind: 'existing', companyId: Number(raw.slice('existing:'.length)) };
  if (raw === 'new') return { kind: 'new' };
  return askedBefore ? { kind: 'new' } : { kind: 'ask' };
}

export type SubmissionOutcome = { kind: 'form'; card: AdaptiveCard } | { kind: 'done'; card: AdaptiveCard; result: CreateAlertResult };

/**
 * The alert form's submission, from a card in chat or from the message-extension dialog: checks
 * everything, re-shows the form with messages and the typed values, or stores and announces.
 */
export async function submitAlert(context: TurnContext, deps: BotDeps, data: Record<string, unknown>, mode: 'message' | 'dialog'): Promise<SubmissionOutcome> {
  const { t, language, member, correlationId } = actingTurn(context);
  const notice = identityNotice(context);
  const { formId, values, draft, companyChoice } = readAlertSubmission(data);
  const form = (extra: { errors?: Parameters<typeof alertFormCard>[2]['errors']; flagged?: Parameters<typeof alertFormCard>[2]['flagged'] }, id = formId ?? newFormId()) =>
    ({ kind: 'form', card: alertFormCard(t, language, { formId: id, values, mode, notice, ...extra }) }) as const;
  if (!formId) return form({ errors: [{ key: 'alerts.errors.formExpired' }] });
  const checked = validateAlertDraft(draft);
  if (!checked.ok) return form({ errors: checked.errors });
  let result: CreateAlertResult;
  try {
    result = await createAlert(deps.db, deps.clock, member, checked.input, {
      formId,
      companyChoice: companyChoiceOf(companyChoice, typeof data.companyChoice === 'string'),
      answerDays: deps.config.alertAnswerDays,
      correlationId,
    });
  } catch (error) {
    if (isDomainError(error)) return form({ errors: error.details });
    throw error;
  }
  if (result.kind === 'possible_duplicate') return form({ flagged: result.flagged });
  deps.notify();
  const alert = result.alert;
  // Its event queued the channel post, if the app is in a channel yet.
  const posted = result.kind === 'created' && hasCooperationChannel(deps.db);
  const lines =
    result.kind === 'already_submitted'
      ? [t('alerts.posted.alreadySubmitted', { ref: alert.ref })]
      : posted
        ? [t('alerts.posted.body', { company: alert.company.name })]
        : [t('alerts.posted.noChannel', { ref: alert.ref })];
  // Local mode: the playground's single user tells how to answer their own alert as another authority.
  const hint = posted ? demoAnswerHint(context, deps, 'identity.demo.tryAnswering') : null;
  if (hint) lines.push(hint);
  return { kind: 'done', result, card: confirmationCard(t('alerts.posted.title', { ref: alert.ref }), lines, notice) };
}

export function cardForViewer(context: TurnContext, deps: BotDeps, alert: AlertView): AdaptiveCard {
  // The channel's own card is updated for everyone as posted (see registerCardActions); a copy elsewhere follows its reader.
  if (clickedOnChannelPost(context, deps, alert.ref)) {
    markClickedChannelPost(context, { kind: 'alert', subject: alert.ref });
    return channelCard(deps, alert);
  }
  const { t, language } = turnInfo(context);
  return alertCard(t, language, alert, identityNotice(context));
}

/** A posted alert replaces the form for everyone; a form with errors goes back to its author only. */
export async function onAlertSubmit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<{ card: AdaptiveCard; updateForAll: boolean }> {
  const outcome = await submitAlert(context, deps, data, 'message');
  // In a personal chat the invoke response already replaces the form for its only reader.
  const shared = context.activity.conversation?.conversationType !== 'personal';
  return { card: outcome.card, updateForAll: outcome.kind === 'done' && shared };
}

/**
 * An answer or a closing: the card of whoever clicked follows the change, and the channel's card
 * too when the click was on a copy elsewhere; a refused change (closed alert, own alert, no
 * outcome) is told in their language.
 */
async function changeAlert(context: TurnContext, deps: BotDeps, ref: string, change: (onChannelPost: boolean) => Promise<AlertView>): Promise<AdaptiveCard | string> {
  try {
    const alert = await change(clickedOnChannelPost(context, deps, ref));
    deps.notify();
    return cardForViewer(context, deps, alert);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const refusal = turnInfo(context).t(error.details[0].key, error.details[0].vars);
    const hint = error.details[0].key === 'alerts.errors.ownAlert' ? demoAnswerHint(context, deps, 'identity.demo.answerAsAnother') : null;
    return hint ? `${refusal} ${hint}` : refusal;
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

export async function onAlertRespond(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { member, correlationId } = actingTurn(context);
  const ref = String(data.ref ?? '');
  return changeAlert(context, deps, ref, (onChannelPost) =>
    respondToAlert(deps.db, deps.clock, member, { ref, answer: String(data.answer ?? ''), note: text(data.note), onChannelPost, correlationId }),
  );
}

export async function onAlertClose(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { member, correlationId } = actingTurn(context);
  const ref = String(data.ref ?? '');
  return changeAlert(context, deps, ref, (onChannelPost) =>
    closeAlert(deps.db, deps.clock, member, { ref, outcome: String(data.outcome ?? ''), note: text(data.closeNote), onChannelPost, correlationId }),
  );
}

export async function onAlertShow(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t, language, member } = actingTurn(context);
  const alert = readAlert(deps.db, member, String(data.ref ?? ''));
  if (!alert) return t('alerts.errors.notFound', { ref: String(data.ref ?? '') });
  return alertCard(t, language, alert, identityNotice(context));
}

interface ListRequest {
  text: string | null;
  country: string | null;
  status: AlertStatus | null;
  mine: boolean;
}

/** `/alerts [text] [country] [status] [mine]`: two-letter country codes, open/closed and "mine" are filters; the rest is text. */
export function parseListArguments(args: string[], statusWords: Record<string, AlertStatus>, mineWords: string[]): ListRequest {
  const request: ListRequest = { text: null, country: null, status: null, mine: false };
  const text: string[] = [];
  for (const arg of args) {
    const lower = arg.toLowerCase();
    if (/^[a-z]{2}$/i.test(arg) && isKnownCountry(arg.toUpperCase()) && !request.country) request.country = arg.toUpperCase();
    else if (statusWords[lower] && !request.status) request.status = statusWords[lower];
    else if (mineWords.includes(lower)) request.mine = true;
    else text.push(arg);
  }
  request.text = text.join(' ') || null;
  return request;
}

function statusWords(t: (key: string) => string): Record<string, AlertStatus> {
  const words: Record<string, AlertStatus> = {};
  for (const status of ALERT_STATUSES) {
    words[status] = status;
    words[t(`alerts.status.${status}`).toLowerCase()] = status;
  }
  return words;
}

function listCard(context: TurnContext, deps: BotDeps, request: ListRequest, offset: number): AdaptiveCard {
  const { t, language, member } = actingTurn(context);
  const page = readAlertList(deps.db, member, {
    text: request.text,
    country: request.country,
    status: request.status,
    reporterUserId: request.mine ? member.userId : null,
    offset,
    limit: ALERTS_PAGE_SIZE,
  });
  return alertListCard(t, language, { ...page, filter: { ...request }, offset }, identityNotice(context));
}

export async function alertsCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t } = turnInfo(context);
  const request = parseListArguments(command.args, statusWords(t), ['mine', t('alerts.list.mine').toLowerCase()]);
  await replyWithCard(context, listCard(context, deps, request, 0));
}

export async function onAlertsPage(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard> {
  let filter: Partial<ListRequest> = {};
  try {
    filter = JSON.parse(String(data.filter ?? '{}')) as Partial<ListRequest>;
  } catch {
    filter = {};
  }
  const status = (ALERT_STATUSES as readonly string[]).includes(String(filter.status)) ? (filter.status as AlertStatus) : null;
  const country = typeof filter.country === 'string' && isKnownCountry(filter.country) ? filter.country : null;
  const request: ListRequest = { text: typeof filter.text === 'string' ? filter.text.slice(0, 100) : null, country, status, mine: filter.mine === true };
  const offset = Math.max(0, Math.min(Number(data.offset) || 0, 1_000_000));
  return listCard(context, deps, request, offset);
}

/** `/company <identifier or name>`: the dossier, or a choice when several companies match. */
export async function companyCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language, member, correlationId } = actingTurn(context);
  const notice = identityNotice(context);
  // `/company <identifier or name> export` (the word in any language): a quoted name is never the word.
  const exporting = command.args.length > 1 && isSubcommand('company', 'export', command.args[command.args.length - 1]);
  const query = exporting ? command.args.slice(0, -1).join(' ') : command.rest.trim();
  if (!query) {
    await context.sendActivity(t('alerts.dossier.usage'));
    return;
  }
  const matches = searchCompanies(deps.db, query, detectIdentifier(query), 10);
  if (matches.length === 0) {
    await replyQuotingInput(context, t('alerts.dossier.notFound', { query }));
    return;
  }
  if (matches.length > 1) {
    await replyWithCard(
      context,
      renderCard('companyChoice', {
        notice: notice ?? '',
        title: t('alerts.dossier.choose', { query }),
        companies: matches.map((match) => ({ companyId: String(match.companyId), label: match.country ? `${match.name} (${match.country})` : match.name })),
      }),
    );
    return;
  }
  if (exporting) {
    const card = await dossierExportCard(context, deps, matches[0].companyId);
    if (typeof card === 'string') await context.sendActivity(card);
    else await replyWithCard(context, card);
    return;
  }
  const dossier = viewCompanyDossier(deps.db, deps.clock, member, matches[0].companyId, correlationId)!;
  await replyWithCard(context, dossierCard(t, language, dossier, notice));
}

export async function onCompanyDossier(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t, language, member, correlationId } = actingTurn(context);
  const dossier = viewCompanyDossier(deps.db, deps.clock, member, Number(data.companyId), correlationId);
  if (!dossier) return t('alerts.dossier.notFound', { query: String(data.companyId ?? '') });
  return dossierCard(t, language, dossier, identityNotice(context));
}

export type { FormValues };

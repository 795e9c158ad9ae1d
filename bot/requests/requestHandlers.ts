import type { TurnContext } from 'botbuilder';
import { isDomainError, type DomainErrorDetail } from '../../src/errors';
import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { listAuthorities } from '../../src/reference/participants';
import { createRequest } from '../../src/requests/createRequest';
import { acknowledgeRequest, answerRequest, closeRequest, decideDeadline, proposeDeadline, withdrawRequest } from '../../src/requests/requestLifecycle';
import { getRequest, REQUEST_LIST_VIEWS, REQUEST_PAGE_SIZE, type RequestListView, type RequestView } from '../../src/requests/requestQueries';
import { readCompanyRequestList, readRequest, readRequestList } from '../../src/requests/requestReading';
import type { RawAnswer } from '../../src/requests/answers';
import { getAlert } from '../../src/alerts/alertQueries';
import { getInspection } from '../../src/inspections/inspectionQueries';
import { companyProfile } from '../../src/companies/companyDossier';
import { hasCooperationChannel } from '../../src/conversations/conversationReferences';
import type { Member } from '../../src/identity/members';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import type { EventPosts } from '../notifier';
import type { AdaptiveCard } from '../cards/renderCard';
import { newFormId } from '../cards/formId';
import { identityNotice, replyQuotingInput, replyWithCard } from '../reply';
import { renderCard } from '../cards/renderCard';
import { searchCompanies } from '../../src/companies/companyMatching';
import { detectIdentifier } from '../../src/companies/identifiers';
import { actingTurn, turnInfo } from '../turn';
import { confirmationCard } from '../alerts/alertViews';
import { reminderSubject } from './reminderJob';
import { progressPosts } from './requestNotices';
import { readRequestSubmission, requestFormCard, type FormValues } from './requestForm';
import { answerFieldIds, answerFormCard, requestListCard, requestNoticeCard, requestViewCard, type AnswerFormValues } from './requestCards';

const postedKey = (ref: string) => `request:${ref}:posted`;

/** The channel's notice, drawn when it is sent, in the post's language or one reader's. */
export function noticeCardOf(deps: BotDeps, ref: string, language: Language = deps.config.defaultLanguage): AdaptiveCard | null {
  const request = getRequest(deps.db, ref);
  return request ? requestNoticeCard(translator(language), language, request) : null;
}

/** A notice in the channel when a request is sent, shown again as its parts move on. */
export const requestEventPosts: EventPosts = {
  'request.created': ({ ref }) => [{ to: 'channel', key: postedKey(ref), card: { kind: 'request', subject: ref } }],
  'request.changed': (event) => [
    { to: 'channel-update', of: postedKey(event.ref), key: `request:${event.ref}:v${event.version}`, card: { kind: 'request', subject: event.ref } },
    ...progressPosts(postedKey, event),
  ],
  'request.reminder_due': ({ ref, authorityId, kind, forDate }) => {
    const subject = reminderSubject(ref, authorityId, kind, forDate);
    return [{ to: 'channel', key: `request-reminder:${subject}`, card: { kind: 'request-reminder', subject } }];
  },
};

/** Participating authorities of another state than the asker's: whom a request may go to. */
function addressable(deps: BotDeps, member: Member) {
  return listAuthorities(deps.db).filter((a) => a.role === 'participant' && a.memberState && a.memberState !== member.authority.memberState);
}

function formCard(context: TurnContext, deps: BotDeps, formId: string, values: FormValues, errors?: DomainErrorDetail[]): AdaptiveCard {
  const { t, language, member } = actingTurn(context);
  return requestFormCard(t, language, { formId, values, errors, notice: identityNotice(context), addressable: addressable(deps, member) });
}

/** `/request new` (the form), `/request <ref>` (the content, for the two sides only). */
export async function requestCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t } = turnInfo(context);
  const [first] = command.args;
  if (first && /^RQ-\d{4}-\d{4,}$/i.test(first)) {
    const answer = openContent(context, deps, first.toUpperCase());
    await (typeof answer === 'string' ? context.sendActivity(answer) : replyWithCard(context, answer));
    return;
  }
  if (first && first.toLowerCase() !== 'new' && first.toLowerCase() !== t('requests.commandNew').toLowerCase()) {
    await context.sendActivity(t('requests.usage'));
    return;
  }
  await replyWithCard(context, formCard(context, deps, newFormId(), { urgency: 'normal' }));
}

/**
 * The form's submission: every problem shown at once with the typed values kept (to its author
 * only); a sent request replaces the form with a confirmation that names no content, and its
 * event queues the channel's notice.
 */
export async function onRequestSubmit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<{ card: AdaptiveCard; updateForAll: boolean }> {
  const { t, member, correlationId } = actingTurn(context);
  const { formId, values, draft } = readRequestSubmission(data);
  if (!formId) return { card: formCard(context, deps, newFormId(), values, [{ key: 'requests.errors.formExpired' }]), updateForAll: false };
  try {
    const result = await createRequest(deps.db, deps.clock, member, draft, { formId, correlationId });
    deps.notify();
    const request = result.request;
    const to = request.addressees.map((a) => `${a.shortName} (${a.memberState})`).join(', ');
    const lines = [
      result.kind === 'already_submitted' ? t('requests.sent.alreadySubmitted', { ref: request.ref }) : t('requests.sent.body', { to }),
      ...(hasCooperationChannel(deps.db) ? [] : [t('requests.sent.noChannel')]),
    ];
    const shared = context.activity.conversation?.conversationType !== 'personal';
    return { card: confirmationCard(t('requests.sent.title', { ref: request.ref }), lines, identityNotice(context)), updateForAll: shared };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { card: formCard(context, deps, formId, values, error.details), updateForAll: false };
  }
}

/** The content for an authorised reader (audited); a polite refusal for anyone else. */
function openContent(context: TurnContext, deps: BotDeps, ref: string): AdaptiveCard | string {
  const { t, language, member, correlationId } = actingTurn(context);
  const reading = readRequest(deps.db, deps.clock, member, ref, correlationId);
  if (reading.kind === 'not_found') return t('requests.errors.notFound', { ref });
  if (reading.kind === 'refused') return t('requests.view.refused', { ref });
  return requestViewCard(t, language, reading.request, member, identityNotice(context));
}

const refOf = (data: Record<string, unknown>) => String(data.ref ?? '').slice(0, 40);

export async function onRequestOpen(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  return openContent(context, deps, refOf(data));
}

/** The answer form, for members of an addressed authority of an open request. */
export async function onAnswerForm(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t, language, member } = actingTurn(context);
  const ref = refOf(data);
  const request = getRequest(deps.db, ref);
  if (!request) return t('requests.errors.notFound', { ref });
  if (!request.addressees.some((a) => a.authorityId === member.authority.id)) return t('requests.view.refusedAnswer', { ref: request.ref });
  if (request.status !== 'open') return t(`requests.errors.already_${request.status}`, { ref: request.ref });
  return answerFormCard(t, language, request, {}, [], identityNotice(context));
}

function readAnswerValues(request: RequestView, data: Record<string, unknown>): { values: AnswerFormValues; answers: Record<string, RawAnswer> } {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const values: AnswerFormValues = { freeText: text('freeText'), sourcesNote: text('sourcesNote') };
  const answers: Record<string, RawAnswer> = {};
  for (const id of request.questionIds) {
    const ids = answerFieldIds(id);
    values[ids.value] = text(ids.value);
    values[ids.from] = text(ids.from);
    values[ids.to] = text(ids.to);
    answers[id] = { value: values[ids.value], from: values[ids.from], to: values[ids.to] };
  }
  return { values, answers };
}

export async function onAnswerSubmit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t, language, member, correlationId } = actingTurn(context);
  const ref = refOf(data);
  const request = getRequest(deps.db, ref);
  if (!request) return t('requests.errors.notFound', { ref });
  const { values, answers } = readAnswerValues(request, data);
  try {
    const answered = await answerRequest(deps.db, deps.clock, member, { ref: request.ref, answers, freeText: values.freeText, sourcesNote: values.sourcesNote, correlationId });
    deps.notify();
    return requestViewCard(t, language, answered, member, identityNotice(context));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // Refusals of the whole answer (not addressed, request ended) are sentences; typing mistakes go back into the form.
    if (error.details.every((d) => !d.field) && error.details[0].key !== 'requests.errors.answerSomething') return t(error.details[0].key, error.details[0].vars);
    return answerFormCard(t, language, request, values, error.details, identityNotice(context));
  }
}

/** Acknowledge, close, withdraw: the reader's view follows the change, a wrong move is told in their language. */
function lifecycleVerb(change: typeof acknowledgeRequest) {
  return async (context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> => {
    const { t, language, member, correlationId } = actingTurn(context);
    try {
      const request = await change(deps.db, deps.clock, member, { ref: refOf(data), correlationId });
      deps.notify();
      return requestViewCard(t, language, request, member, identityNotice(context));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return t(error.details[0].key, error.details[0].vars);
    }
  };
}

export const onAcknowledge = lifecycleVerb(acknowledgeRequest);
export const onClose = lifecycleVerb(closeRequest);
export const onWithdraw = lifecycleVerb(withdrawRequest);

function listWord(t: (key: string) => string, word: string | undefined): RequestListView | null {
  if (!word) return 'mine';
  const lower = word.toLowerCase();
  return REQUEST_LIST_VIEWS.find((view) => view === lower || t(`requests.list.word.${view}`).toLowerCase() === lower) ?? null;
}

function listCard(context: TurnContext, deps: BotDeps, view: RequestListView, offset: number): AdaptiveCard {
  const { t, language, member, correlationId } = actingTurn(context);
  const page = readRequestList(deps.db, deps.clock, member, view, Math.floor(offset / REQUEST_PAGE_SIZE), correlationId);
  return requestListCard(t, language, { view }, { ...page, offset }, identityNotice(context));
}

/** The requests about one company the reader may read; null when the company is not known (any more). */
function companyListCard(context: TurnContext, deps: BotDeps, companyId: number, offset: number): AdaptiveCard | null {
  const { t, language, member, correlationId } = actingTurn(context);
  const company = companyProfile(deps.db, companyId);
  if (!company) return null;
  const page = readCompanyRequestList(deps.db, deps.clock, member, company.id, Math.floor(offset / REQUEST_PAGE_SIZE), correlationId);
  return requestListCard(t, language, { view: 'company', company }, { ...page, offset }, identityNotice(context));
}

/**
 * `/requests [mine | to-us | overdue | <company>]`: newest first, paged, with each part's
 * deadline and who is late. Any other words name a company, by identifier or name, as /company
 * does; several matches are offered as a choice.
 */
export async function requestsCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t } = turnInfo(context);
  const view = command.args.length <= 1 ? listWord(t, command.args[0]) : null;
  if (view) {
    await replyWithCard(context, listCard(context, deps, view, 0));
    return;
  }
  const query = command.rest.trim().slice(0, 200);
  const matches = searchCompanies(deps.db, query, detectIdentifier(query), 10);
  if (matches.length === 0) {
    await replyQuotingInput(context, t('requests.list.noCompany', { query }));
    return;
  }
  if (matches.length > 1) {
    await replyWithCard(
      context,
      renderCard('requestCompanyChoice', {
        notice: identityNotice(context) ?? '',
        title: t('requests.list.chooseCompany', { query }),
        companies: matches.map((match) => ({ companyId: String(match.companyId), label: match.country ? `${match.name} (${match.country})` : match.name })),
      }),
    );
    return;
  }
  await replyWithCard(context, companyListCard(context, deps, matches[0].companyId, 0)!);
}

export async function onRequestsPage(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const offset = Math.max(0, Math.min(Math.floor(Number(data.offset) || 0), 1_000_000));
  const start = offset - (offset % REQUEST_PAGE_SIZE);
  if (data.view === 'company') {
    const companyId = typeof data.companyId === 'string' && /^\d{1,15}$/.test(data.companyId) ? Number(data.companyId) : 0;
    return companyListCard(context, deps, companyId, start) ?? turnInfo(context).t('alerts.dossier.notFound', { query: String(data.companyId ?? '').slice(0, 40) });
  }
  const view = REQUEST_LIST_VIEWS.find((v) => v === data.view) ?? 'mine';
  return listCard(context, deps, view, start);
}

/** An addressed authority proposes a later deadline: a wrong date or no reason comes back in the card, typed values kept. */
export async function onProposeDeadline(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t, language, member, correlationId } = actingTurn(context);
  const ref = refOf(data);
  const values = { dueDate: typeof data.dueDate === 'string' ? data.dueDate : '', reason: typeof data.reason === 'string' ? data.reason : '' };
  try {
    const request = await proposeDeadline(deps.db, deps.clock, member, { ref, ...values, correlationId });
    deps.notify();
    return requestViewCard(t, language, request, member, identityNotice(context));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const request = getRequest(deps.db, ref);
    if (!request || error.details.every((d) => !d.field)) return t(error.details[0].key, error.details[0].vars);
    return requestViewCard(t, language, request, member, identityNotice(context), { values, errors: error.details });
  }
}

/** The requester accepts (the deadline moves) or declines a proposed deadline. */
export async function onDecideDeadline(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t, language, member, correlationId } = actingTurn(context);
  try {
    const request = await decideDeadline(deps.db, deps.clock, member, { ref: refOf(data), authorityId: String(data.authorityId ?? '').slice(0, 40), accept: data.accept === 'yes', correlationId });
    deps.notify();
    return requestViewCard(t, language, request, member, identityNotice(context));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return t(error.details[0].key, error.details[0].vars);
  }
}

/** The form's company fields from a company's first identifier (the type left to recognise for "other"). */
function companyValues(company: { name: string; identifiers: Array<{ type: string; value: string }> }): FormValues {
  const [identifier] = company.identifiers;
  return {
    companyName: company.name,
    companyIdentifier: identifier?.value ?? '',
    companyIdentifierType: identifier && identifier.type !== 'other' ? identifier.type : '',
  };
}

/**
 * "Ask for information" on an alert card, a company dossier or an inspection card: the request
 * form prefilled with the company (its first identifier and name) and the alert's or the
 * inspection's reference (an inspection's first target company). A record gone since is told.
 */
export async function onAskForInformation(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t } = turnInfo(context);
  const field = (key: string) => (typeof data[key] === 'string' ? (data[key] as string).trim().slice(0, 40) : '');
  let values: FormValues;
  if (field('alertRef')) {
    const alert = getAlert(deps.db, field('alertRef'));
    if (!alert) return t('requests.errors.noSuchAlert', { ref: field('alertRef') });
    values = { alertRef: alert.ref, ...companyValues(alert.company) };
  } else if (field('inspectionRef')) {
    const inspection = getInspection(deps.db, field('inspectionRef').toUpperCase());
    if (!inspection) return t('requests.errors.noSuchInspection', { ref: field('inspectionRef') });
    const [company] = inspection.companies;
    values = { inspectionRef: inspection.ref, ...(company ? companyValues(company) : {}) };
  } else {
    const company = /^\d{1,15}$/.test(field('companyId')) ? companyProfile(deps.db, Number(field('companyId'))) : null;
    if (!company) return t('alerts.dossier.notFound', { query: field('companyId') });
    values = companyValues(company);
  }
  return formCard(context, deps, newFormId(), { urgency: 'normal', ...values });
}

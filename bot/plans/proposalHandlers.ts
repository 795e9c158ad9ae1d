import type { TurnContext } from 'botbuilder';
import { isDomainError, type DomainErrorDetail } from '../../src/errors';
import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { listAuthorities, listMemberStates } from '../../src/reference/participants';
import { validateActionDraft } from '../../src/plans/actionInput';
import { planErrorText } from '../../src/plans/planErrors';
import { submitProposal } from '../../src/plans/submitProposal';
import { listPriorities, priorityLabel } from '../../src/plans/priorities';
import {
  acceptProposal,
  assertMayChangeProposal,
  checkProposalFields,
  commentOnProposal,
  declineProposal,
  editProposal,
  getProposal,
  isStaleProposalError,
  joinProposal,
  listProposals,
  mergeProposal,
  supportProposal,
  withdrawProposal,
  type Proposal,
} from '../../src/plans/proposals';
import { proposalForReader } from '../../src/plans/proposalReading';
import type { Member } from '../../src/identity/members';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import type { EventPosts } from '../notifier';
import type { AdaptiveCard } from '../cards/renderCard';
import { newFormId } from '../cards/formId';
import { splitMultiSelect } from '../cards/choices';
import { channelPostId } from '../channelPost';
import { markClickedChannelPost } from '../channelViews';
import { recentReaders } from '../channelReaders';
import { withReaderViews } from '../cards/readerViews';
import { identityNotice, replyWithCard } from '../reply';
import { actingTurn, turnInfo } from '../turn';
import { actionFormCard, emptyActionForm, readActionSubmission, type ActionFormValues } from './actionForm';
import { proposalCard, proposalListCard, type ProposalCardOptions } from './proposalViews';
import { isKeyword } from './planWords';

const postedKey = (ref: string) => `proposal:${ref}:posted`;

/** What this member may do with the proposal, and who they are: the card's view for them. */
function viewerOf(deps: BotDeps, member: Member, ref: string): ProposalCardOptions['viewer'] {
  const read = proposalForReader(deps.db, member, ref);
  return read ? { rights: read.rights, authority: { shortName: member.authority.shortName, memberState: member.authority.memberState } } : undefined;
}

/**
 * The proposal's card in the channel, drawn when it goes out: the post itself in its language,
 * with nobody's buttons; or one reader's view (their refresh), in their language with their moves.
 */
export function proposalChannelCardOf(deps: BotDeps, ref: string, language: Language = deps.config.defaultLanguage, reader?: Member): AdaptiveCard | null {
  const proposal = getProposal(deps.db, ref);
  if (!proposal) return null;
  const viewer = reader ? viewerOf(deps, reader, ref) : undefined;
  return proposalCard(translator(language), language, proposal, { mergeTargets: viewer?.rights.mayMerge ? listProposals(deps.db, proposal.year) : [], viewer });
}

/** A new proposal is posted in the channel; each change made elsewhere than on that post updates it. */
export const proposalEventPosts: EventPosts = {
  'proposal.created': ({ ref }) => [{ to: 'channel', key: postedKey(ref), card: { kind: 'proposal', subject: ref } }],
  'proposal.changed': ({ ref, version, onChannelPost }) =>
    onChannelPost ? [] : [{ to: 'channel-update', of: postedKey(ref), key: `proposal:${ref}:v${version}`, card: { kind: 'proposal', subject: ref } }],
};

function clickedOnChannelPost(context: TurnContext, deps: BotDeps, ref: string): boolean {
  const replyToId = context.activity.replyToId;
  return !!replyToId && replyToId === channelPostId(deps, postedKey(ref));
}

/** Others see this message too (a channel, a group chat): its card holds nobody's buttons, each reader asks for theirs. */
function sharedConversation(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType !== 'personal';
}

/**
 * The card after a change: the channel's post (or another copy others see) as everyone sees it,
 * which the turn updates for everyone and answers the clicker with their own view; or, in a
 * personal chat, the clicker's own card.
 */
function cardForViewer(context: TurnContext, deps: BotDeps, proposal: Proposal, options: ProposalCardOptions = {}): AdaptiveCard {
  if (clickedOnChannelPost(context, deps, proposal.ref) || sharedConversation(context)) {
    markClickedChannelPost(context, { kind: 'proposal', subject: proposal.ref });
    return proposalChannelCardOf(deps, proposal.ref)!;
  }
  return cardForClicker(context, deps, proposal, options);
}

/** The card as it is, for the one who clicked only, with their moves: with what they typed and why it was refused. */
function cardForClicker(context: TurnContext, deps: BotDeps, proposal: Proposal, options: ProposalCardOptions): AdaptiveCard {
  const { t, language, member } = actingTurn(context);
  const viewer = viewerOf(deps, member, proposal.ref);
  return proposalCard(t, language, proposal, { notice: identityNotice(context), mergeTargets: viewer?.rights.mayMerge ? listProposals(deps.db, proposal.year) : [], viewer, ...options });
}

/** The card in a conversation others read: as the channel's post is, each reader's moves in their own view (its refresh). */
function sharedCard(context: TurnContext, deps: BotDeps, proposal: Proposal): AdaptiveCard {
  const { t, language } = turnInfo(context);
  const card = proposalCard(t, language, proposal, { notice: identityNotice(context) });
  return withReaderViews(card, { kind: 'proposal', subject: proposal.ref }, recentReaders(deps), t, { button: true });
}

interface ProposalFormState {
  formId: string;
  values: ActionFormValues;
  rationale: string;
  priorities: string;
  errors?: DomainErrorDetail[];
  /** The proposal being edited, at the version the form was opened on. */
  editing?: { ref: string; version: number };
}

function formCard(context: TurnContext, deps: BotDeps, state: ProposalFormState): AdaptiveCard {
  const { t, language } = turnInfo(context);
  const labels = t('cycle.proposal.form', { returnObjects: true }) as unknown as Record<string, string>;
  const year = /^\d{4}$/.test(state.values.year.trim()) ? Number(state.values.year.trim()) : deps.clock.now().getUTCFullYear() + 1;
  const priorities = listPriorities(deps.db, year);
  return actionFormCard(
    t,
    language,
    { formId: state.formId, values: state.values, errors: state.errors, notice: identityNotice(context), memberStates: listMemberStates(deps.db), authorities: listAuthorities(deps.db) },
    {
      template: 'proposalForm',
      labels: state.editing ? { ...labels, title: t('proposals.edit.title', { ref: state.editing.ref }), submit: t('proposals.edit.submit') } : labels,
      values: { rationale: state.rationale, priorities: state.priorities },
      choices: { priorities: priorities.map((priority) => ({ title: priorityLabel(t, language, priority), value: String(priority.id) })) },
      data: {
        verb: state.editing ? 'proposal.update' : 'proposal.create',
        ref: state.editing?.ref ?? '',
        version: state.editing ? String(state.editing.version) : '',
        noPriorities: priorities.length === 0 ? t('priorities.noneSetYet', { year }) : '',
      },
    },
  );
}

/** `/proposal new`: the form, for next year's plan; `/proposal P2027-01`: that proposal's card. */
export async function proposalCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language } = actingTurn(context);
  const [first] = command.args;
  if (command.args.length === 1 && isKeyword(language, first, 'new')) {
    const year = deps.clock.now().getUTCFullYear() + 1;
    await replyWithCard(context, formCard(context, deps, { formId: newFormId(), values: emptyActionForm(year), rationale: '', priorities: '' }));
    return;
  }
  const proposal = command.args.length === 1 ? getProposal(deps.db, first.toUpperCase()) : null;
  if (proposal) await replyWithCard(context, sharedConversation(context) ? sharedCard(context, deps, proposal) : cardForClicker(context, deps, proposal, {}));
  else if (command.args.length === 1) await context.sendActivity(`${t('cycle.errors.proposalNotFound', { ref: first.slice(0, 20) })} ${t('cycle.proposal.bot.usage')}`);
  else await context.sendActivity(t('cycle.proposal.bot.usage'));
}

/** `/plan <year> proposals`. */
export async function proposalsOfYear(context: TurnContext, deps: BotDeps, year: number): Promise<void> {
  const { t, language } = actingTurn(context);
  await replyWithCard(context, proposalListCard(t, language, year, listProposals(deps.db, year), identityNotice(context)));
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The form's fields, checked: the action's, the proposal's own, and the priorities chosen. */
function readProposalForm(deps: BotDeps, data: Record<string, unknown>) {
  const { formId, values, draft } = readActionSubmission(data);
  const rationale = text(data.rationale);
  const priorities = text(data.priorities);
  const checked = validateActionDraft(draft, { memberStates: listMemberStates(deps.db).map((state) => state.code), authorities: listAuthorities(deps.db), thisYear: deps.clock.now().getUTCFullYear() });
  const own = checkProposalFields({ rationale });
  const errors = [...(checked.ok ? [] : checked.errors), ...('errors' in own ? own.errors : [])];
  const ready = checked.ok && !('errors' in own) ? { input: checked.input, rationale: own.rationale, priorities: splitMultiSelect(priorities) } : null;
  return { formId, values, draft, rationale, priorities, errors, ready };
}

/** The form's submission: back with every message and value, or the new proposal's card. */
export async function onProposalCreate(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, member, correlationId } = actingTurn(context);
  const form = readProposalForm(deps, data);
  const again = (errors: DomainErrorDetail[], id = form.formId ?? newFormId()) => ({ card: formCard(context, deps, { ...form, formId: id, errors }), updateForAll: false });
  if (!form.formId) return again([{ key: 'plan.errors.formExpired' }]);
  try {
    // The same command as the tab's form.
    const result = submitProposal(deps.db, deps.clock, member, { draft: form.draft, rationale: form.rationale, priorities: form.priorities }, { formId: form.formId, correlationId });
    if (!result.ok) return again(result.errors);
    deps.notify();
    const message =
      result.kind === 'created' ? t('cycle.proposal.created', { ref: result.proposal.ref, year: result.proposal.year }) : t('cycle.proposal.alreadyCreated', { ref: result.proposal.ref });
    return { card: cardForViewer(context, deps, result.proposal, { message }), updateForAll: true };
  } catch (error) {
    if (isDomainError(error)) return again(error.details);
    throw error;
  }
}

function refusal(context: TurnContext, error: unknown): string {
  const { t, language } = turnInfo(context);
  if (!isDomainError(error)) throw error;
  return error.details.map((detail) => planErrorText(t, language, detail)).join(' ');
}

const TYPED_FIELDS = ['reason', 'comment', 'into'] as const;

/**
 * A button of the proposal card: the card is shown again, as it now is, to everyone who sees it.
 * A refusal of a typed field (reason, comment, merge target) comes back on the card with what was
 * typed; a stale card, and any other refusal, comes back to the clicker as the proposal now is,
 * with the reason; an unknown proposal is told in a message.
 */
function cardVerb(change: (context: TurnContext, deps: BotDeps, ref: string, data: Record<string, unknown>, onChannelPost: boolean) => { proposal: Proposal; message: string }) {
  return async (context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> => {
    const { t, language } = actingTurn(context);
    const ref = text(data.ref).slice(0, 20);
    try {
      const { proposal, message } = change(context, deps, ref, data, clickedOnChannelPost(context, deps, ref));
      deps.notify();
      return { card: cardForViewer(context, deps, proposal, { message }), updateForAll: true };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (isStaleProposalError(error)) {
        return { card: cardForClicker(context, deps, error.current, { message: planErrorText(t, language, error.details[0]), messageColor: 'Warning' }), updateForAll: false };
      }
      const current = getProposal(deps.db, ref);
      const detail = error.details.find((d) => (TYPED_FIELDS as readonly string[]).includes(d.field ?? ''));
      if (detail && current) {
        const typed = Object.fromEntries(TYPED_FIELDS.map((field) => [field, text(data[field]).slice(0, 2000)]));
        const message = planErrorText(t, language, detail);
        return { card: cardForClicker(context, deps, current, { ...typed, [`${detail.field}Error`]: message, message, messageColor: 'Attention' }), updateForAll: false };
      }
      // Someone else's move, or one the proposal no longer allows (a stale or forwarded card): the
      // reason, on the clicker's own view of the proposal as it is now, with the moves they have.
      if (current) return { card: cardForClicker(context, deps, current, { message: refusal(context, error), messageColor: 'Attention' }), updateForAll: false };
      return refusal(context, error);
    }
  };
}

export const onProposalJoin = cardVerb((context, deps, ref, _data, onChannelPost) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = joinProposal(deps.db, deps.clock, member, { ref, onChannelPost, correlationId });
  return { proposal, message: t('cycle.proposal.card.joined', { state: member.authority.memberState ?? '', ref }) };
});

export const onProposalSupport = cardVerb((context, deps, ref, _data, onChannelPost) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = supportProposal(deps.db, deps.clock, member, { ref, onChannelPost, correlationId });
  return { proposal, message: t('cycle.proposal.card.supported', { authority: member.authority.shortName, ref }) };
});

export const onProposalAccept = cardVerb((context, deps, ref, _data, onChannelPost) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = acceptProposal(deps.db, deps.clock, member, { ref, onChannelPost, correlationId });
  return { proposal, message: t('cycle.proposal.card.accepted', { ref, action: proposal.actionRef ?? '' }) };
});

export const onProposalDecline = cardVerb((context, deps, ref, data, onChannelPost) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = declineProposal(deps.db, deps.clock, member, { ref, reason: data.reason, onChannelPost, correlationId });
  return { proposal, message: t('cycle.proposal.card.wasDeclined', { ref }) };
});

export const onProposalMerge = cardVerb((context, deps, ref, data, onChannelPost) => {
  const { t, member, correlationId } = actingTurn(context);
  const { merged } = mergeProposal(deps.db, deps.clock, member, { ref, into: data.into, onChannelPost, correlationId });
  return { proposal: merged, message: t('proposals.card.wasMerged', { ref, into: merged.mergedInto ?? '' }) };
});

export const onProposalWithdraw = cardVerb((context, deps, ref, data, onChannelPost) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = withdrawProposal(deps.db, deps.clock, member, { ref, expectedVersion: data.version, onChannelPost, correlationId });
  return { proposal, message: t('proposals.card.wasWithdrawn', { ref }) };
});

export const onProposalComment = cardVerb((context, deps, ref, data, onChannelPost) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = commentOnProposal(deps.db, deps.clock, member, { ref, body: data.comment, seenVersion: data.version, onChannelPost, correlationId });
  return { proposal, message: t('proposals.card.commented', { authority: member.authority.shortName }) };
});

function formValuesOf(proposal: Proposal): ActionFormValues {
  const input = proposal.input;
  return {
    year: String(proposal.year),
    period: input.period ?? '',
    actionTitle: input.title,
    description: input.description,
    type: input.type,
    scope: input.scope,
    states: input.states.join(','),
    leadState: input.leadState,
    leadAuthority: input.leadAuthorityId ?? '',
    topics: input.topics.join(','),
    sectors: input.sectors.join(','),
    funding: input.funding.join(','),
  };
}

/** The card's Edit: the proposer's form, filled with the proposal as it is, for the one who clicked. */
export async function onProposalEdit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { member } = actingTurn(context);
  try {
    const proposal = assertMayChangeProposal(deps.db, member, text(data.ref).slice(0, 20));
    return formCard(context, deps, {
      formId: newFormId(),
      values: formValuesOf(proposal),
      rationale: proposal.rationale,
      priorities: proposal.priorities.filter((priority) => !priority.removed).map((priority) => String(priority.id)).join(','),
      editing: { ref: proposal.ref, version: proposal.version },
    });
  } catch (error) {
    const current = getProposal(deps.db, text(data.ref).slice(0, 20));
    return current ? cardForClicker(context, deps, current, { message: refusal(context, error), messageColor: 'Attention' }) : refusal(context, error);
  }
}

/** The edit form's submission: back with its messages, or the proposal as changed (for everyone who sees the card). */
export async function onProposalUpdate(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, language, member, correlationId } = actingTurn(context);
  const ref = text(data.ref).slice(0, 20);
  const version = Number(text(data.version)) || 0;
  const form = readProposalForm(deps, data);
  const again = (errors: DomainErrorDetail[]) => ({ card: formCard(context, deps, { ...form, formId: form.formId ?? newFormId(), errors, editing: { ref, version } }), updateForAll: false });
  if (!getProposal(deps.db, ref)) return t('cycle.errors.proposalNotFound', { ref });
  if (!form.ready) return again(form.errors);
  try {
    const proposal = editProposal(deps.db, deps.clock, member, { ref, ...form.ready, expectedVersion: data.version, onChannelPost: clickedOnChannelPost(context, deps, ref), correlationId });
    deps.notify();
    return { card: cardForViewer(context, deps, proposal, { message: t('proposals.card.edited', { ref }) }), updateForAll: true };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (isStaleProposalError(error)) {
      return { card: cardForClicker(context, deps, error.current, { message: planErrorText(t, language, error.details[0]), messageColor: 'Warning' }), updateForAll: false };
    }
    if (error.details.some((detail) => detail.field)) return again(error.details);
    return refusal(context, error);
  }
}

/** The list's entries open the proposal's card for the person who clicked. */
export async function onProposalShow(context: TurnContext, deps: BotDeps, data: Record<string, unknown>) {
  const { t } = actingTurn(context);
  const proposal = typeof data.ref === 'string' ? getProposal(deps.db, data.ref) : null;
  return proposal ? cardForClicker(context, deps, proposal, {}) : t('cycle.errors.proposalNotFound', { ref: String(data.ref ?? '').slice(0, 20) });
}

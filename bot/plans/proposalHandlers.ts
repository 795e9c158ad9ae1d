import type { TurnContext } from 'botbuilder';
import { isDomainError, type DomainErrorDetail } from '../../src/errors';
import { listAuthorities, listMemberStates } from '../../src/reference/participants';
import { submitProposal } from '../../src/plans/submitProposal';
import { planErrorText } from '../../src/plans/planErrors';
import { acceptProposal, declineProposal, getProposal, joinProposal, listProposals, supportProposal, type Proposal } from '../../src/plans/proposals';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import { newFormId } from '../cards/formId';
import { identityNotice, replyWithCard } from '../reply';
import { actingTurn, turnInfo } from '../turn';
import { actionFormCard, emptyActionForm, readActionSubmission, type ActionFormValues } from './actionForm';
import { proposalCard, proposalListCard } from './proposalViews';
import { isKeyword } from './planWords';

type ProposalExtra = { rationale: string; priority: string };

function formCard(context: TurnContext, deps: BotDeps, formId: string, values: ActionFormValues, extra: ProposalExtra, errors?: DomainErrorDetail[]) {
  const { t, language } = turnInfo(context);
  const labels = t('cycle.proposal.form', { returnObjects: true }) as unknown as Record<string, string>;
  return actionFormCard(
    t,
    language,
    { formId, values, errors, notice: identityNotice(context), memberStates: listMemberStates(deps.db), authorities: listAuthorities(deps.db) },
    { template: 'proposalForm', labels, values: extra },
  );
}

/** `/proposal new`: the form, for next year's plan; `/proposal P2027-01`: that proposal's card. */
export async function proposalCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language } = actingTurn(context);
  const [first] = command.args;
  if (command.args.length === 1 && isKeyword(language, first, 'new')) {
    const year = deps.clock.now().getUTCFullYear() + 1;
    await replyWithCard(context, formCard(context, deps, newFormId(), emptyActionForm(year), { rationale: '', priority: '' }));
    return;
  }
  const proposal = command.args.length === 1 ? getProposal(deps.db, first.toUpperCase()) : null;
  if (proposal) await replyWithCard(context, proposalCard(t, language, proposal, { notice: identityNotice(context) }));
  else if (command.args.length === 1) await context.sendActivity(`${t('cycle.errors.proposalNotFound', { ref: first.slice(0, 20) })} ${t('cycle.proposal.bot.usage')}`);
  else await context.sendActivity(t('cycle.proposal.bot.usage'));
}

/** `/plan <year> proposals`. */
export async function proposalsOfYear(context: TurnContext, deps: BotDeps, year: number): Promise<void> {
  const { t, language } = actingTurn(context);
  await replyWithCard(context, proposalListCard(t, language, year, listProposals(deps.db, year), identityNotice(context)));
}

/** The form's submission: back with every message and value, or the new proposal's card. */
export async function onProposalCreate(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, language, member, correlationId } = actingTurn(context);
  const { formId, values, draft } = readActionSubmission(data);
  const extra = { rationale: typeof data.rationale === 'string' ? data.rationale : '', priority: typeof data.priority === 'string' ? data.priority : '' };
  const again = (errors: DomainErrorDetail[], id = formId ?? newFormId()) => ({ card: formCard(context, deps, id, values, extra, errors), updateForAll: false });
  if (!formId) return again([{ key: 'plan.errors.formExpired' }]);
  try {
    const result = submitProposal(deps.db, deps.clock, member, { draft, ...extra }, { formId, correlationId });
    if (!result.ok) return again(result.errors);
    const message =
      result.kind === 'created' ? t('cycle.proposal.created', { ref: result.proposal.ref, year: result.proposal.year }) : t('cycle.proposal.alreadyCreated', { ref: result.proposal.ref });
    return { card: proposalCard(t, language, result.proposal, { notice: identityNotice(context), message }), updateForAll: true };
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

/** A button of the proposal card: the card is shown again, as it now is, to everyone who sees it. */
function cardVerb(change: (context: TurnContext, deps: BotDeps, ref: string, data: Record<string, unknown>) => { proposal: Proposal; message: string }) {
  return async (context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> => {
    const { t, language } = actingTurn(context);
    const ref = typeof data.ref === 'string' ? data.ref : '';
    try {
      const { proposal, message } = change(context, deps, ref, data);
      return { card: proposalCard(t, language, proposal, { message }), updateForAll: true };
    } catch (error) {
      const detail = isDomainError(error) ? error.details.find((d) => d.field === 'reason') : undefined;
      const current = getProposal(deps.db, ref);
      // A missing or too long reason comes back on the card, with what was typed.
      if (detail && current) {
        const reason = typeof data.reason === 'string' ? data.reason.slice(0, 2000) : '';
        return { card: proposalCard(t, language, current, { reason, reasonError: planErrorText(t, language, detail) }), updateForAll: false };
      }
      return refusal(context, error);
    }
  };
}

export const onProposalJoin = cardVerb((context, deps, ref) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = joinProposal(deps.db, deps.clock, member, { ref, correlationId });
  return { proposal, message: t('cycle.proposal.card.joined', { state: member.authority.memberState ?? '', ref }) };
});

export const onProposalSupport = cardVerb((context, deps, ref) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = supportProposal(deps.db, deps.clock, member, { ref, correlationId });
  return { proposal, message: t('cycle.proposal.card.supported', { authority: member.authority.shortName, ref }) };
});

export const onProposalAccept = cardVerb((context, deps, ref) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = acceptProposal(deps.db, deps.clock, member, { ref, correlationId });
  return { proposal, message: t('cycle.proposal.card.accepted', { ref, action: proposal.actionRef ?? '' }) };
});

export const onProposalDecline = cardVerb((context, deps, ref, data) => {
  const { t, member, correlationId } = actingTurn(context);
  const proposal = declineProposal(deps.db, deps.clock, member, { ref, reason: data.reason, correlationId });
  return { proposal, message: t('cycle.proposal.card.wasDeclined', { ref }) };
});

/** The list's entries open the proposal's card for the person who clicked. */
export async function onProposalShow(context: TurnContext, deps: BotDeps, data: Record<string, unknown>) {
  const { t, language } = actingTurn(context);
  const proposal = typeof data.ref === 'string' ? getProposal(deps.db, data.ref) : null;
  return proposal ? proposalCard(t, language, proposal) : t('cycle.errors.proposalNotFound', { ref: String(data.ref ?? '').slice(0, 20) });
}

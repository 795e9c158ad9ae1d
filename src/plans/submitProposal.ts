import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { DomainErrorDetail } from '../errors';
import type { Member } from '../identity/members';
import { listAuthorities, listMemberStates } from '../reference/participants';
import { validateActionDraft, type ActionDraft } from './actionInput';
import { checkProposalFields, createProposal, type CreateProposalResult } from './proposals';

/** What a person typed into a proposal form (the bot's card or the tab's), before any checking. */
export interface ProposalSubmission {
  draft: ActionDraft;
  rationale: unknown;
  /** The ids of the year's priorities chosen ("3,5" from a card, ["3", "5"] from the tab). */
  priorities: unknown;
}

function priorityIds(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return list.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter(Boolean).slice(0, 50);
}

export type SubmitProposalResult = ({ ok: true } & CreateProposalResult) | { ok: false; errors: DomainErrorDetail[] };

/**
 * The one way a proposal form is handled, from Teams or the tab: the action's fields and the
 * proposal's own are checked together (every problem at once, each on its field), then the
 * proposal is made. A refusal of the proposer (not a participating state) is thrown as a domain
 * error, like the other commands' refusals.
 */
export function submitProposal(db: Db, clock: Clock, member: Member, submission: ProposalSubmission, options: { formId: string; correlationId?: string }): SubmitProposalResult {
  const checked = validateActionDraft(submission.draft, {
    memberStates: listMemberStates(db).map((state) => state.code),
    authorities: listAuthorities(db),
    thisYear: clock.now().getUTCFullYear(),
  });
  const own = checkProposalFields({ rationale: submission.rationale });
  if (!checked.ok || 'errors' in own) return { ok: false, errors: [...(checked.ok ? [] : checked.errors), ...('errors' in own ? own.errors : [])] };
  return { ok: true, ...createProposal(db, clock, member, { input: checked.input, rationale: own.rationale, priorities: priorityIds(submission.priorities) }, options) };
}

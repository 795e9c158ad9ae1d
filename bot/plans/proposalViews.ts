import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { countryName } from '../../src/reference/countries';
import { proposalPriorityText } from '../../src/plans/priorities';
import { proposalStatusKey, type Proposal } from '../../src/plans/proposals';
import type { ProposalRights } from '../../src/plans/proposalReading';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import { READER_VIEW_VERB, writtenInMark } from '../cards/readerViews';

const PROPOSALS_ON_LIST = 25;
/** The merge choice lists the year's other open proposals, as many as a card holds comfortably. */
const MERGE_TARGETS_ON_CARD = 30;

export interface ProposalCardOptions {
  notice?: string | null;
  message?: string;
  messageColor?: 'Default' | 'Good' | 'Attention' | 'Warning';
  /** What was typed, shown again with its refusal. */
  reason?: string;
  reasonError?: string;
  comment?: string;
  commentError?: string;
  into?: string;
  intoError?: string;
  /** The year's other open proposals it can be merged into. */
  mergeTargets?: readonly Proposal[];
  /**
   * Whose view this is: what they may do (the buttons), and who they are (their part in it).
   * Absent for the channel's post itself, which everyone sees: it has no one's buttons, only
   * the button that asks for one's own view.
   */
  viewer?: { rights: ProposalRights; authority: { shortName: string; memberState: string | null } };
}

const NO_RIGHTS: ProposalRights = { mayJoin: false, maySupport: false, mayComment: false, mayChange: false, mayAccept: false, mayDecline: false, mayMerge: false, takesPart: false, supports: false };

/** "Your state (PT) takes part. ACT supports it.": what the reader's side already did, so that a button gone is explained. */
function yourPart(t: Translate, viewer: ProposalCardOptions['viewer']): string {
  if (!viewer) return '';
  const { rights, authority } = viewer;
  return [
    rights.takesPart && authority.memberState ? t('proposalRoles.card.takesPart', { state: authority.memberState }) : null,
    rights.supports ? t('proposalRoles.card.supports', { authority: authority.shortName }) : null,
  ]
    .filter(Boolean)
    .join(' ');
}

const stateList = (codes: readonly string[], language: Language) => new Intl.ListFormat(language, { type: 'conjunction' }).format(codes.map((code) => countryName(code, language)));

/** The priorities a proposal serves, by name in the reader's language (or as typed, for an old one). */
export function proposalPriorities(t: Translate, language: Language, proposal: Pick<Proposal, 'priorities' | 'priority'>): string {
  return proposalPriorityText(t, language, proposal) || t('priorities.none');
}

const proposalStatusLabel = (t: Translate, status: Proposal['status']) => t(proposalStatusKey(status));

function decisionOf(t: Translate, proposal: Proposal): string {
  switch (proposal.status) {
    case 'accepted':
      return t('cycle.proposal.card.acceptedAs', { ref: proposal.actionRef ?? '—' });
    case 'declined':
      return t('cycle.proposal.card.declined', { reason: proposal.decisionReason ?? '' });
    case 'withdrawn':
      return t('proposals.card.withdrawnLine');
    case 'merged':
      return t('proposals.card.mergedInto', { ref: proposal.mergedInto ?? '—' });
    default:
      return '';
  }
}

/**
 * A proposal with who takes part, who supports it and the last comments. A reader's view holds
 * the moves that reader may make while it is open: join, support, comment (others' states and
 * authorities), the coordinators' decision (accept, decline, merge), the proposer's edit and
 * withdraw; a closed proposal shows its outcome and no moves.
 */
export function proposalCard(t: Translate, language: Language, proposal: Proposal, options: ProposalCardOptions = {}): AdaptiveCard {
  const open = proposal.status === 'open';
  const rights = options.viewer?.rights ?? NO_RIGHTS;
  const supporters = proposal.supporters.map((s) => (s.memberState ? `${s.shortName} (${s.memberState})` : s.shortName));
  const targets = (options.mergeTargets ?? []).filter((other) => other.ref !== proposal.ref && other.status === 'open' && other.year === proposal.year).slice(0, MERGE_TARGETS_ON_CARD);
  return renderCard('proposalCard', {
    notice: options.notice ?? '',
    message: options.message ?? '',
    messageColor: options.messageColor ?? 'Good',
    heading: `${proposal.ref} · ${proposal.input.title}`,
    subtitle: [proposalStatusLabel(t, proposal.status), t(`plan.type.${proposal.input.type}`), t(`plan.scope.${proposal.input.scope}`), String(proposal.year)].join(' · '),
    description: proposal.input.description,
    facts: [
      { label: t('cycle.proposal.card.proposedBy'), value: `${proposal.proposedBy.shortName}${proposal.proposedBy.memberState ? ` (${proposal.proposedBy.memberState})` : ''} · ${formatDate(proposal.createdAt, language)}` },
      { label: t('cycle.proposal.card.states'), value: stateList(proposal.states, language) },
      { label: t('cycle.proposal.card.priority'), value: proposalPriorities(t, language, proposal) },
      { label: t('cycle.proposal.card.rationale'), value: proposal.rationale },
      { label: t('cycle.proposal.card.supporters'), value: supporters.length > 0 ? supporters.join(', ') : t('cycle.proposal.card.noSupporters') },
      ...(proposal.mergedFrom.length > 0 ? [{ label: t('proposals.card.mergedFrom'), value: proposal.mergedFrom.join(', ') }] : []),
    ],
    commentsHeading: proposal.commentCount > 0 ? t('proposals.card.commentsHeading', { count: proposal.commentCount }) : '',
    comments: proposal.comments.map((comment) => ({
      by: `${comment.authority.shortName}${comment.authority.memberState ? ` (${comment.authority.memberState})` : ''} · ${formatDate(comment.at, language)}:`,
      body: comment.body,
      writtenIn: writtenInMark(t, language, comment.language),
    })),
    moreComments: proposal.commentCount > proposal.comments.length ? t('proposals.card.moreComments', { count: proposal.commentCount - proposal.comments.length }) : '',
    decision: decisionOf(t, proposal),
    decisionColor: proposal.status === 'accepted' ? 'Good' : 'Attention',
    yourPart: open ? yourPart(t, options.viewer) : '',
    rights,
    mayDecide: rights.mayAccept || rights.mayDecline || (rights.mayMerge && targets.length > 0),
    // The post everyone sees asks for the reader's own view (the refresh's verb) while there is something to do.
    showMine: open && !options.viewer,
    showMineVerb: READER_VIEW_VERB,
    roleLabels: t('proposalRoles.card', { returnObjects: true }) as unknown as Record<string, string>,
    reason: options.reason ?? '',
    reasonError: options.reasonError ?? '',
    comment: options.comment ?? '',
    commentError: options.commentError ?? '',
    into: options.into ?? '',
    intoError: options.intoError ?? '',
    mergeTargets: targets.map((other) => ({ title: `${other.ref} · ${other.input.title}`, value: other.ref })),
    labels: t('cycle.proposal.card', { returnObjects: true }) as unknown as Record<string, string>,
    commentLabels: t('proposals.card', { returnObjects: true }) as unknown as Record<string, string>,
    ref: proposal.ref,
    version: String(proposal.version),
    actionRef: proposal.actionRef ?? '',
    actionLabel: t('plan.list.open'),
    mergedInto: proposal.mergedInto ?? '',
    mergedLabel: t('proposals.card.openTarget', { ref: proposal.mergedInto ?? '' }),
  });
}

/** `/plan <year> proposals`: each proposal with its status, type, states, priorities and number of supporters. */
export function proposalListCard(t: Translate, language: Language, year: number, proposals: Proposal[], notice: string | null): AdaptiveCard {
  const shown = proposals.slice(0, PROPOSALS_ON_LIST);
  return renderCard('proposalList', {
    notice: notice ?? '',
    title: t('cycle.proposal.list.title', { year, count: proposals.length }),
    empty: proposals.length === 0 ? t('cycle.proposal.list.empty', { year }) : '',
    openLabel: t('cycle.proposal.list.open'),
    items: shown.map((proposal) => ({
      ref: proposal.ref,
      heading: `${proposal.ref} · ${proposal.input.title}`,
      line: [
        t('cycle.proposal.list.line', {
          status: proposal.status === 'merged' ? t('proposals.card.mergedInto', { ref: proposal.mergedInto ?? '—' }) : proposalStatusLabel(t, proposal.status),
          type: t(`plan.type.${proposal.input.type}`),
          states: proposal.states.join(', '),
          supporters: proposal.supporters.length,
        }),
        proposalPriorities(t, language, proposal),
      ].join(' · '),
    })),
    moreLine: proposals.length > shown.length ? t('cycle.more', { count: proposals.length - shown.length }) : '',
  });
}

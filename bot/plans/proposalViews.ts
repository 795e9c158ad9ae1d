import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { countryName } from '../../src/reference/countries';
import type { Proposal } from '../../src/plans/proposals';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';

const PROPOSALS_ON_LIST = 25;

export interface ProposalCardOptions {
  notice?: string | null;
  message?: string;
  messageColor?: 'Default' | 'Good' | 'Attention';
  /** The decline reason typed, shown again with its refusal. */
  reason?: string;
  reasonError?: string;
}

const stateList = (codes: readonly string[], language: Language) => new Intl.ListFormat(language, { type: 'conjunction' }).format(codes.map((code) => countryName(code, language)));

/** A proposal with who takes part and who supports it; join, support, accept and decline while it is open. */
export function proposalCard(t: Translate, language: Language, proposal: Proposal, options: ProposalCardOptions = {}): AdaptiveCard {
  const open = proposal.status === 'open';
  const supporters = proposal.supporters.map((s) => (s.memberState ? `${s.shortName} (${s.memberState})` : s.shortName));
  const decision =
    proposal.status === 'accepted'
      ? t('cycle.proposal.card.acceptedAs', { ref: proposal.actionRef ?? '—' })
      : proposal.status === 'declined'
        ? t('cycle.proposal.card.declined', { reason: proposal.decisionReason ?? '' })
        : '';
  return renderCard('proposalCard', {
    notice: options.notice ?? '',
    message: options.message ?? '',
    messageColor: options.messageColor ?? 'Good',
    heading: `${proposal.ref} · ${proposal.input.title}`,
    subtitle: [t(`cycle.proposal.status.${proposal.status}`), t(`plan.type.${proposal.input.type}`), t(`plan.scope.${proposal.input.scope}`), String(proposal.year)].join(' · '),
    description: proposal.input.description,
    facts: [
      { label: t('cycle.proposal.card.proposedBy'), value: `${proposal.proposedBy.shortName}${proposal.proposedBy.memberState ? ` (${proposal.proposedBy.memberState})` : ''} · ${formatDate(proposal.createdAt, language)}` },
      { label: t('cycle.proposal.card.states'), value: stateList(proposal.states, language) },
      { label: t('cycle.proposal.card.priority'), value: proposal.priority },
      { label: t('cycle.proposal.card.rationale'), value: proposal.rationale },
      { label: t('cycle.proposal.card.supporters'), value: supporters.length > 0 ? supporters.join(', ') : t('cycle.proposal.card.noSupporters') },
    ],
    decision,
    decisionColor: proposal.status === 'accepted' ? 'Good' : 'Attention',
    open,
    reason: options.reason ?? '',
    reasonError: options.reasonError ?? '',
    labels: t('cycle.proposal.card', { returnObjects: true }) as unknown as Record<string, string>,
    ref: proposal.ref,
    actionRef: proposal.actionRef ?? '',
    actionLabel: t('plan.list.open'),
  });
}

/** `/plan <year> proposals`: each proposal with its status, type, states and number of supporters. */
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
      line: t('cycle.proposal.list.line', {
        status: t(`cycle.proposal.status.${proposal.status}`),
        type: t(`plan.type.${proposal.input.type}`),
        states: proposal.states.join(', '),
        supporters: proposal.supporters.length,
      }),
    })),
    moreLine: proposals.length > shown.length ? t('cycle.more', { count: proposals.length - shown.length }) : '',
  });
}

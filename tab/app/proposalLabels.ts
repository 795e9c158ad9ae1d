import { countryName } from '../../src/reference/countries';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { Proposal } from './plan';

/** Every text shown about one proposal, in the reader's language; the stage and the board share them. */
export function proposalLabels(t: Translate, language: Language, proposal: Proposal) {
  const list = (items: string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  const supporters = proposal.supporters.map((supporter) => (supporter.memberState ? `${supporter.shortName} (${supporter.memberState})` : supporter.shortName));
  return {
    type: t(`plan.type.${proposal.input.type}`, { defaultValue: t('plan.type.other') }),
    // Withdrawn and merged are the proposals' own statuses (see proposalStatusKey), merged saying where it went.
    status:
      proposal.status === 'merged'
        ? t('proposals.card.mergedInto', { ref: proposal.mergedInto ?? '—' })
        : t(proposal.status === 'withdrawn' ? 'proposals.status.withdrawn' : `cycle.proposal.status.${proposal.status}`),
    lead: t('tab.tile.leadState', { state: countryName(proposal.input.leadState, language) }),
    states: t('stage.proposals.states', { states: list(proposal.states.map((state) => countryName(state, language))) }),
    joined: proposal.joined.length > 0 ? t('stage.proposals.joined', { states: list(proposal.joined.map((entry) => countryName(entry.state, language))) }) : null,
    supporters: supporters.length > 0 ? t('stage.proposals.supportedBy', { count: supporters.length, names: list(supporters) }) : t('cycle.proposal.card.noSupporters'),
    proposedBy: t('stage.proposals.proposedBy', { authority: proposal.proposedBy.shortName, state: proposal.proposedBy.memberState ?? 'EU' }),
    priority: proposal.priority.trim() ? proposal.priority : t('stage.proposals.noPriority'),
  };
}

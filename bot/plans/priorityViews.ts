import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { DomainErrorDetail } from '../../src/errors';
import type { DraftOrigin, DraftPlan } from '../../src/plans/draftPlan';
import { planErrorText } from '../../src/plans/planErrors';
import { priorityLabel, type Priority, type PriorityDraft } from '../../src/plans/priorities';
import { ACTION_TOPICS } from '../../src/plans/vocabulary';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { sectorChoices, vocabularyChoices } from '../cards/choices';

/** New priorities a coordinator can add in one go; the form comes back to add more. */
export const PRIORITY_ROWS = 3;
const DRAFT_ACTIONS_ON_CARD = 30;
const ORIGIN_COLOR: Record<DraftOrigin, string> = { carried_over: 'Accent', proposal: 'Good', added: 'Default' };

export interface PrioritiesForm {
  /** Coordinators get the form; others the list. */
  editable: boolean;
  version: number;
  /** The ids ticked to keep, as submitted (all of them on a fresh form). */
  keep?: string;
  rows?: PriorityDraft[];
  errors?: DomainErrorDetail[];
  message?: string;
  messageColor?: 'Good' | 'Attention' | 'Warning';
  notice?: string | null;
}

/** `/plan <year> priorities`: the year's priorities; for coordinators, which to keep and up to three to add. */
export function prioritiesCard(t: Translate, language: Language, year: number, priorities: readonly Priority[], form: PrioritiesForm): AdaptiveCard {
  const fieldErrors = new Map<string, string>();
  const general: string[] = [];
  for (const error of form.errors ?? []) {
    if (error.field) fieldErrors.set(error.field, planErrorText(t, language, error));
    else general.push(planErrorText(t, language, error));
  }
  const message = form.message ?? ((form.errors ?? []).length > 0 ? [t('plan.form.fixErrors'), ...general].join(' ') : '');
  const rows = Array.from({ length: PRIORITY_ROWS }, (_, index) => ({
    sectorId: `sector${index + 1}`,
    topicId: `topic${index + 1}`,
    sector: form.rows?.[index]?.sector ?? '',
    topic: form.rows?.[index]?.topic ?? '',
    sectorError: fieldErrors.get(`sector${index + 1}`) ?? '',
    topicError: fieldErrors.get(`topic${index + 1}`) ?? '',
  }));
  return renderCard('planPriorities', {
    title: t('priorities.card.title', { year }),
    notice: form.notice ?? '',
    message,
    messageColor: form.messageColor ?? (form.errors?.length ? 'Attention' : 'Good'),
    intro: t(form.editable ? 'priorities.card.introCoordinator' : 'priorities.card.intro'),
    empty: priorities.length === 0 ? t('priorities.noneSetYet', { year }) : '',
    editable: form.editable,
    current: priorities.map((priority) => ({ title: priorityLabel(t, language, priority), value: String(priority.id) })),
    keep: form.keep ?? priorities.map((priority) => String(priority.id)).join(','),
    rows,
    sectors: sectorChoices(language),
    topics: vocabularyChoices(t, 'plan.topic', ACTION_TOPICS),
    labels: t('priorities.card', { returnObjects: true }) as unknown as Record<string, string>,
    year: String(year),
    version: String(form.version),
  });
}

/** `/plan <year+1> draft`: the draft's actions marked by where they come from, and the proposals still open. */
export function draftCard(t: Translate, language: Language, draft: DraftPlan, notice: string | null): AdaptiveCard {
  const shown = draft.actions.slice(0, DRAFT_ACTIONS_ON_CARD);
  return renderCard('planDraft', {
    title: t('priorities.draft.title', { year: draft.year }),
    notice: notice ?? '',
    subtitle: draft.plan ? t(`tab.planStatus.${draft.plan.status}`) : t('priorities.draft.notStarted'),
    counts: (['carried_over', 'proposal', 'added'] as const).map((origin) => ({ title: t(`priorities.draft.origin.${origin}`), value: String(draft.counts[origin]) })),
    empty: draft.actions.length === 0 ? t('priorities.draft.empty', { year: draft.year }) : '',
    openLabel: t('plan.list.open'),
    items: shown.map(({ action, origin, originRef, priorities }) => ({
      ref: action.ref,
      origin: t(`priorities.draft.from.${origin}`, { ref: originRef ?? '' }),
      originColor: ORIGIN_COLOR[origin],
      heading: `${action.ref} · ${action.title}`,
      line: [
        t(`plan.type.${action.type}`),
        t(`plan.status.${action.status}`),
        action.states.join(', '),
        priorities.length > 0 ? priorities.map((priority) => priorityLabel(t, language, priority)).join('; ') : null,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    moreLine: draft.actions.length > shown.length ? t('cycle.more', { count: draft.actions.length - shown.length }) : '',
    openProposals: draft.openProposals.length > 0 ? t('priorities.draft.openProposals', { count: draft.openProposals.length, year: draft.year }) : '',
  });
}

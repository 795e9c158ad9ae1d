import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { countryName } from '../../src/reference/countries';
import type { ActionSummary } from '../../src/plans/actionRows';
import type { EndorsementStatus } from '../../src/plans/endorsement';
import type { PlanCycleReport } from '../../src/plans/frozenAssessment';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';

const ACTIONS_ON_CARD = 30;
const AMENDMENTS_ON_CARD = 15;

export interface PlaceForm {
  place: string;
  /** The refusal of what was typed, shown under the field; '' when none. */
  error: string;
}

/** `/plan <year> endorse`: the draft's actions that involve the coordinator's state, the place, the button. */
export function endorseCard(t: Translate, language: Language, request: { year: number; state: string; actions: ActionSummary[] }, form: PlaceForm, notice: string | null): AdaptiveCard {
  const state = countryName(request.state, language);
  const shown = request.actions.slice(0, ACTIONS_ON_CARD);
  return renderCard('planEndorse', {
    notice: notice ?? '',
    title: t('cycle.endorse.title', { year: request.year, state }),
    intro: request.actions.length > 0 ? t('cycle.endorse.intro', { count: request.actions.length, state }) : t('cycle.endorse.empty', { state }),
    items: shown.map((action) => ({ heading: `${action.ref} · ${action.title}`, line: [t(`plan.type.${action.type}`), t(`plan.status.${action.status}`)].join(' · ') })),
    moreLine: request.actions.length > shown.length ? t('cycle.more', { count: request.actions.length - shown.length }) : '',
    placeLabel: t('cycle.endorse.placeLabel'),
    placePlaceholder: t('cycle.endorse.placePlaceholder'),
    place: form.place,
    placeError: form.error,
    verb: 'plan.endorse',
    submit: t('cycle.endorse.submit', { state }),
    year: String(request.year),
  });
}

/** `/plan <year> agree`: a coordinator records the meeting place. */
export function agreeCard(t: Translate, year: number, form: PlaceForm, notice: string | null): AdaptiveCard {
  return renderCard('planEndorse', {
    notice: notice ?? '',
    title: t('cycle.agree.title', { year }),
    intro: t('cycle.agree.intro'),
    items: [],
    moreLine: '',
    placeLabel: t('cycle.agree.placeLabel'),
    placePlaceholder: t('cycle.endorse.placePlaceholder'),
    place: form.place,
    placeError: form.error,
    verb: 'plan.agree',
    submit: t('cycle.agree.submit'),
    year: String(year),
  });
}

function agreementLine(t: Translate, language: Language, plan: EndorsementStatus['plan']): string {
  if (plan.status === 'draft' || !plan.agreedAt) return plan.meetingPlace ? t('cycle.endorsement.meetingPlace', { place: plan.meetingPlace }) : '';
  const vars = { date: formatDate(plan.agreedAt, language), count: plan.agreedActionCount ?? 0 };
  return plan.agreedPlace ? t('cycle.endorsement.agreed', { ...vars, place: plan.agreedPlace }) : t('cycle.endorsement.agreedNoPlace', vars);
}

/**
 * `/plan <year> endorsement`, and the channel's post when the plan is agreed (`agreedPost`): each
 * participating state, endorsed when and by whom, and the agreement's date and place.
 */
export function endorsementCard(t: Translate, language: Language, status: EndorsementStatus, options: { agreedPost: boolean; notice: string | null }): AdaptiveCard {
  const done = status.states.filter((state) => state.endorsedAt !== null).length;
  return renderCard('planEndorsement', {
    notice: options.notice ?? '',
    title: options.agreedPost ? t('cycle.endorsement.agreedTitle', { year: status.plan.year }) : t('cycle.endorsement.title', { year: status.plan.year }),
    subtitle: t(`tab.planStatus.${status.plan.status}`),
    agreement: agreementLine(t, language, status.plan),
    progress: t('cycle.endorsement.progress', { done, count: status.states.length }),
    states: status.states.map((state) => ({
      state: countryName(state.state, language),
      value: state.endorsedAt ? t('cycle.endorsement.endorsed', { date: formatDate(state.endorsedAt, language), authority: state.authorityShortName ?? '—' }) : t('cycle.endorsement.pending'),
    })),
    reportLabel: t('plan.summary.labels.report'),
    year: String(status.plan.year),
  });
}

/** The report's lines of the annual cycle: when the figures were frozen, what moved since, the amendments. */
export function cycleReportLines(t: Translate, language: Language, report: PlanCycleReport): Array<{ text: string; weight: string }> {
  const lines: Array<{ text: string; weight: string }> = [];
  if (report.frozenAt) {
    lines.push({ text: t('cycle.report.frozen', { date: formatDate(report.frozenAt, language) }), weight: 'Bolder' });
    if (report.changes.length === 0) lines.push({ text: t('cycle.report.noChanges'), weight: 'Default' });
    else {
      lines.push({ text: t('cycle.report.changesHeading'), weight: 'Bolder' });
      for (const change of report.changes) {
        const figure = change.figure === 'total' ? t('cycle.report.total') : t(`plan.status.${change.figure}`);
        lines.push({ text: t('cycle.report.change', { figure, frozen: change.frozen, now: change.now }), weight: 'Default' });
      }
    }
  }
  if (report.amendments.length > 0) {
    lines.push({ text: t('cycle.report.amendmentsHeading', { count: report.amendments.length }), weight: 'Bolder' });
    for (const amendment of report.amendments.slice(0, AMENDMENTS_ON_CARD)) {
      lines.push({
        text: t(`cycle.report.amendment.${amendment.kind}`, { ref: amendment.ref, title: amendment.title, date: formatDate(amendment.at, language), authority: amendment.authorityShortName ?? '—' }),
        weight: 'Default',
      });
    }
  }
  return lines;
}

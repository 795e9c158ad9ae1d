import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { countryName } from '../../src/reference/countries';
import { naceLabel } from '../../src/reference/nace';
import { pairLabel } from '../../src/plans/assessmentCsv';
import type { CarryOverPlan, CarryOverResult } from '../../src/plans/carryOver';
import type { Breakdown, PlanAssessment, PlanSummary } from '../../src/plans/planSummary';
import { ACTION_STATUSES, type ActionTopic } from '../../src/plans/vocabulary';
import { priorityLabel } from '../../src/plans/priorities';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import type { ReportLinks } from './planLinks';

const NOT_IMPLEMENTED_ON_CARD = 12;
const SECTORS_ON_CARD = 8;
const CARRY_OVER_ITEMS_ON_CARD = 25;
const NOTE_ON_CARD = 160;

function percentFormat(language: Language): (rate: number) => string {
  const format = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  return (rate) => format.format(rate);
}

function subtitle(t: Translate, summary: PlanSummary): string {
  const status = t(`tab.planStatus.${summary.status}`);
  if (typeof summary.agreedActionCount === 'number' && summary.agreedActionCount > 0) {
    return `${status} · ${t('tab.progress.recorded', { count: summary.total, agreed: summary.agreedActionCount })}`;
  }
  return status;
}

function headline(t: Translate, language: Language, summary: PlanSummary): string {
  return t('plan.report.headline', { count: summary.total, implemented: summary.counts.implemented, percent: percentFormat(language)(summary.implementedRate) });
}

export interface PlanCardLinks {
  boardUrl: string | null;
}

/** `/plan [year]`: actions by status, share implemented, by state (lead or participant), by type. */
export function planSummaryCard(t: Translate, language: Language, summary: PlanSummary, links: PlanCardLinks, notice: string | null): AdaptiveCard {
  const percent = percentFormat(language);
  return renderCard('planSummary', {
    notice: notice ?? '',
    year: String(summary.year),
    title: t('plan.summary.title', { year: summary.year }),
    subtitle: subtitle(t, summary),
    headline: headline(t, language, summary),
    empty: summary.total === 0 ? t('plan.summary.empty', { year: summary.year }) : '',
    labels: t('plan.summary.labels', { returnObjects: true }) as unknown as Record<string, string>,
    byStatus: ACTION_STATUSES.map((status) => ({
      title: t(`plan.status.${status}`),
      value: t('plan.summary.countShare', { count: summary.counts[status], percent: percent(summary.total === 0 ? 0 : summary.counts[status] / summary.total) }),
    })),
    byState: summary.byState.map((state) => ({
      state: countryName(state.key, language),
      lead: String(state.lead),
      participant: String(state.participant),
      implemented: t('plan.summary.ofTotal', { implemented: state.counts.implemented, count: state.total }),
    })),
    byType: summary.byType.map((group) => ({ title: t(`plan.type.${group.key}`), value: t('plan.summary.ofTotal', { implemented: group.counts.implemented, count: group.total }) })),
    hint: t('plan.summary.hint', { year: summary.year, next: summary.year + 1 }),
    boardUrl: links.boardUrl ?? '',
    filterJson: JSON.stringify({ year: summary.year }),
  });
}

function breakdownFacts(t: Translate, language: Language, groups: Breakdown[], label: (key: string) => string) {
  const percent = percentFormat(language);
  return groups.map((group) => ({
    title: label(group.key),
    value: t('plan.report.rateLine', { implemented: group.counts.implemented, count: group.total, percent: percent(group.implementedRate) }),
  }));
}

/** `/plan <year> report`: the annual assessment, with links to the printable page and the CSV files. */
export function planReportCard(
  t: Translate,
  language: Language,
  assessment: PlanAssessment,
  links: (ReportLinks & PlanCardLinks) | null,
  notice: string | null,
  /** The annual cycle's lines (frozen figures, changes since, amendments); none before them. */
  cycleLines: Array<{ text: string; weight: string }> = [],
): AdaptiveCard {
  const percent = percentFormat(language);
  const sectors = assessment.bySector.slice(0, SECTORS_ON_CARD);
  const shown = assessment.notImplemented.slice(0, NOT_IMPLEMENTED_ON_CARD);
  const sections = [
    {
      heading: t('plan.report.sections.byStatus'),
      empty: '',
      facts: ACTION_STATUSES.map((status) => ({ title: t(`plan.status.${status}`), value: t('plan.summary.countShare', { count: assessment.counts[status], percent: percent(assessment.statusRates[status]) }) })),
    },
    { heading: t('plan.report.sections.byType'), empty: '', facts: breakdownFacts(t, language, assessment.byType, (type) => t(`plan.type.${type}`)) },
    {
      heading: t('plan.report.sections.byState'),
      empty: '',
      facts: assessment.byState.map((state) => ({
        title: countryName(state.key, language),
        value: t('plan.report.stateLine', { implemented: state.counts.implemented, count: state.total, percent: percent(state.implementedRate), lead: state.lead }),
      })),
    },
    {
      heading: t('plan.report.sections.byPair'),
      empty: assessment.byPair.length === 0 ? t('plan.report.noPairs') : '',
      facts: breakdownFacts(t, language, assessment.byPair, (pair) => pairLabel(pair, language)),
    },
    {
      heading: t('plan.report.sections.bySector'),
      empty: assessment.bySector.length > SECTORS_ON_CARD ? t('plan.report.moreSectors', { count: assessment.bySector.length - SECTORS_ON_CARD }) : '',
      facts: breakdownFacts(t, language, sectors, (code) => (code ? `${code} – ${naceLabel(code, language)}` : t('plan.csv.noSector'))),
    },
    // By the year's priorities, named as they were when the figures were taken (frozen ones too).
    ...((assessment.byPriority ?? []).length > 0
      ? [
          {
            heading: t('priorities.report.heading'),
            empty: '',
            facts: breakdownFacts(t, language, assessment.byPriority!, (key) => {
              const priority = assessment.priorities?.find((p) => String(p.id) === key);
              return priority ? priorityLabel(t, language, { sector: priority.sector, topic: priority.topic as ActionTopic | null }) : t('priorities.report.untagged');
            }),
          },
        ]
      : []),
  ];
  return renderCard('planReport', {
    notice: notice ?? '',
    title: t('plan.report.title', { year: assessment.year }),
    subtitle: subtitle(t, assessment),
    headline: headline(t, language, assessment),
    cycleLines,
    sections,
    notImplementedHeading: t('plan.report.notImplementedHeading', { count: assessment.notImplemented.length }),
    allImplemented: assessment.notImplemented.length === 0 ? t('plan.report.allImplemented') : '',
    openLabel: t('plan.list.open'),
    notImplemented: shown.map((action) => ({
      ref: action.ref,
      heading: `${action.ref} · ${action.title}`,
      line: [
        t(`plan.status.${action.status}`),
        action.lastNote
          ? t('plan.report.noteLine', { date: formatDate(action.lastNote.at, language), authority: action.lastNote.authorityShortName ?? '—', note: action.lastNote.note.length > NOTE_ON_CARD ? `${action.lastNote.note.slice(0, NOTE_ON_CARD - 1)}…` : action.lastNote.note })
          : t('plan.report.noNote'),
        action.carriedToRef ? t('plan.report.carriedTo', { ref: action.carriedToRef }) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    moreLine: assessment.notImplemented.length > shown.length ? t('plan.report.moreNotImplemented', { count: assessment.notImplemented.length - shown.length }) : '',
    linksHint: links ? t('plan.report.linksHint') : '',
    labels: t('plan.report.labels', { returnObjects: true }) as unknown as Record<string, string>,
    reportUrl: links?.report ?? '',
    assessmentCsvUrl: links?.assessmentCsv ?? '',
    actionsCsvUrl: links?.actionsCsv ?? '',
    boardUrl: links?.boardUrl ?? '',
  });
}

function carryItems(t: Translate, items: CarryOverPlan['toCopy'], done: boolean) {
  return items.slice(0, CARRY_OVER_ITEMS_ON_CARD).map((item) => ({
    heading: done && item.toRef ? t('plan.carryOver.copiedHeading', { from: item.fromRef, to: item.toRef, title: item.title }) : `${item.fromRef} · ${item.title}`,
    line: t(`plan.status.${item.status}`),
  }));
}

function carryNotes(t: Translate, plan: CarryOverPlan): Array<{ text: string }> {
  const notes: string[] = [];
  if (plan.alreadyCarried.length > 0) notes.push(t('plan.carryOver.alreadyCarried', { count: plan.alreadyCarried.length, year: plan.toYear }));
  if (plan.cancelled > 0) notes.push(t('plan.carryOver.cancelledStay', { count: plan.cancelled }));
  return notes.map((text) => ({ text }));
}

/** The confirmation card of `/plan <next year> carry-over`: what would be copied, and the button. */
export function carryOverConfirmationCard(t: Translate, plan: CarryOverPlan, notice: string | null, boardUrl: string | null): AdaptiveCard {
  const nothing = plan.toCopy.length === 0;
  return renderCard('planCarryOver', {
    notice: notice ?? '',
    title: t('plan.carryOver.title', { from: plan.fromYear, to: plan.toYear }),
    intro: nothing
      ? t('plan.carryOver.nothingToCopy', { from: plan.fromYear, to: plan.toYear })
      : t(plan.targetStatus === null ? 'plan.carryOver.introNewPlan' : 'plan.carryOver.intro', { count: plan.toCopy.length, from: plan.fromYear, to: plan.toYear }),
    items: carryItems(t, plan.toCopy, false),
    moreLine: plan.toCopy.length > CARRY_OVER_ITEMS_ON_CARD ? t('plan.carryOver.more', { count: plan.toCopy.length - CARRY_OVER_ITEMS_ON_CARD }) : '',
    notes: carryNotes(t, plan),
    confirmLabel: nothing ? '' : t('plan.carryOver.confirm', { count: plan.toCopy.length }),
    fromYear: String(plan.fromYear),
    toYear: String(plan.toYear),
    boardLabel: t('plan.card.labels.openBoard'),
    boardUrl: boardUrl ?? '',
  });
}

/** What the confirmation did: each copy with its new reference. */
export function carryOverResultCard(t: Translate, result: CarryOverResult, notice: string | null, boardUrl: string | null): AdaptiveCard {
  return renderCard('planCarryOver', {
    notice: notice ?? '',
    title: t('plan.carryOver.doneTitle', { to: result.toYear }),
    intro:
      result.copied.length === 0
        ? t('plan.carryOver.nothingToCopy', { from: result.fromYear, to: result.toYear })
        : t('plan.carryOver.done', { count: result.copied.length, from: result.fromYear, to: result.toYear }),
    items: carryItems(t, result.copied, true),
    moreLine: result.copied.length > CARRY_OVER_ITEMS_ON_CARD ? t('plan.carryOver.more', { count: result.copied.length - CARRY_OVER_ITEMS_ON_CARD }) : '',
    notes: carryNotes(t, { ...result, alreadyCarried: result.alreadyCarried }),
    confirmLabel: '',
    fromYear: String(result.fromYear),
    toYear: String(result.toYear),
    boardLabel: t('plan.card.labels.openBoard'),
    boardUrl: boardUrl ?? '',
  });
}

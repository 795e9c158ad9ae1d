import type { Language } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import type { FigureChange, PlanCycleReport } from './frozenAssessment';

export interface CycleReportText {
  /** "Figures frozen on 3 December 2026"; null while the assessment is not frozen. */
  frozen: string | null;
  /** One line per published figure that moved since: "Implemented: 6 then, 7 now". */
  changes: string[];
  /** One line per amendment, oldest first: "2026-25 · Title: added on … by ACT". */
  amendments: Array<{ ref: string; kind: string; date: string; text: string }>;
}

function longDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}

export function figureLabel(t: Translate, change: FigureChange): string {
  return change.figure === 'total' ? t('cycle.report.total') : t(`plan.status.${change.figure}`);
}

/**
 * The annual cycle's part of a report in the reader's words, once for the printable page, the CSV
 * and the meeting stage: when the figures were frozen, what moved since, the amendments.
 */
export function cycleReportText(t: Translate, language: Language, report: PlanCycleReport): CycleReportText {
  return {
    frozen: report.frozenAt ? t('cycle.report.frozen', { date: longDate(report.frozenAt, language) }) : null,
    changes: report.changes.map((change) => t('cycle.report.change', { figure: figureLabel(t, change), frozen: change.frozen, now: change.now })),
    amendments: report.amendments.map((amendment) => ({
      ref: amendment.ref,
      kind: amendment.kind,
      date: amendment.at.slice(0, 10),
      text: t(`cycle.report.amendment.${amendment.kind}`, { ref: amendment.ref, title: amendment.title, date: longDate(amendment.at, language), authority: amendment.authorityShortName ?? '—' }),
    })),
  };
}

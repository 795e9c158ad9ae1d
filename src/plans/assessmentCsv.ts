import { stringify } from 'csv-stringify/sync';
import { priorityLabel } from './priorities';
import type { Language } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import { countryName } from '../reference/countries';
import { naceLabel } from '../reference/nace';
import type { ActionSummary } from './actionRows';
import type { Breakdown, PlanAssessment } from './planSummary';
import type { PlanCycleReport } from './frozenAssessment';
import { cycleReportText } from './cycleReportText';
import { ACTION_STATUSES, type ActionTopic } from './vocabulary';

// A spreadsheet would run a cell starting with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Percent with one decimal, dot-separated: the same in every language, so formulas keep working. */
export function percent(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  // The byte-order mark makes Excel read the accents of every language correctly.
  return `\ufeff${stringify([header, ...rows.map((row) => row.map(cell))], { record_delimiter: '\r\n' })}`;
}

export function pairLabel(pair: string, language: Language): string {
  return pair
    .split('-')
    .map((code) => countryName(code, language))
    .join(' – ');
}

/**
 * The assessment as one table a spreadsheet can pivot: a row per group (the plan, each status,
 * type, state, bilateral pair and sector) with the number of actions in each status and the share
 * implemented. Headers and labels in the reader's language; codes kept in their own column.
 */
export function assessmentCsv(assessment: PlanAssessment, t: Translate, language: Language, cycle?: PlanCycleReport): string {
  const header = [
    t('plan.csv.section'),
    t('plan.csv.code'),
    t('plan.csv.label'),
    t('plan.csv.actions'),
    ...ACTION_STATUSES.map((status) => t(`plan.status.${status}`)),
    t('plan.csv.implementedPercent'),
  ];
  const row = (section: string, group: Breakdown, label: string) => [
    section,
    group.key,
    label,
    group.total,
    ...ACTION_STATUSES.map((status) => group.counts[status]),
    percent(group.implementedRate),
  ];
  const rows: Array<Array<string | number | null>> = [
    row(t('plan.csv.sections.plan'), { key: String(assessment.year), total: assessment.total, counts: assessment.counts, implementedRate: assessment.implementedRate }, t('plan.csv.planLabel', { year: assessment.year })),
    ...ACTION_STATUSES.map((status) => [
      t('plan.csv.sections.status'),
      status,
      t(`plan.status.${status}`),
      assessment.counts[status],
      ...ACTION_STATUSES.map((column) => (column === status ? assessment.counts[status] : 0)),
      percent(assessment.statusRates[status]),
    ]),
    ...assessment.byType.map((group) => row(t('plan.csv.sections.type'), group, t(`plan.type.${group.key}`))),
    ...assessment.byState.map((group) => row(t('plan.csv.sections.state'), group, countryName(group.key, language))),
    ...assessment.byPair.map((group) => row(t('plan.csv.sections.pair'), group, pairLabel(group.key, language))),
    ...assessment.bySector.map((group) => row(t('plan.csv.sections.sector'), group, group.key ? naceLabel(group.key, language) : t('plan.csv.noSector'))),
    ...(assessment.byPriority ?? []).map((group) => {
      const priority = assessment.priorities?.find((p) => String(p.id) === group.key);
      return row(t('priorities.report.column'), group, priority ? priorityLabel(t, language, { sector: priority.sector, topic: priority.topic as ActionTopic | null }) : t('priorities.report.untagged'));
    }),
    ...(cycle ? cycleRows(cycle, t, language, header.length) : []),
  ];
  return toCsv(header, rows);
}

/**
 * The annual cycle's rows after the figures, in the same columns: when the figures were frozen,
 * each figure that moved since (its code, the change in words, the number now in the actions
 * column) and each amendment (the action's reference, what happened, when and by whom).
 */
function cycleRows(cycle: PlanCycleReport, t: Translate, language: Language, width: number): Array<Array<string | number | null>> {
  const text = cycleReportText(t, language, cycle);
  const pad = (cells: Array<string | number | null>) => [...cells, ...Array<null>(width - cells.length).fill(null)];
  return [
    ...(cycle.frozenAt && text.frozen ? [pad([t('stage.csv.sections.frozen'), cycle.frozenAt.slice(0, 10), text.frozen])] : []),
    ...cycle.changes.map((change, i) => pad([t('stage.csv.sections.change'), change.figure, text.changes[i], change.now])),
    ...text.amendments.map((amendment) => pad([t('stage.csv.sections.amendment'), amendment.ref, amendment.text])),
  ];
}

/** Every action of the year, one row each, with its last note: the plan as a spreadsheet. */
export function actionsCsv(actions: ReadonlyArray<ActionSummary>, lastNotes: ReadonlyMap<string, { note: string; at: string }>, t: Translate): string {
  const header = ['ref', 'title', 'type', 'scope', 'leadState', 'leadAuthority', 'states', 'sectors', 'topics', 'period', 'status', 'statusReason', 'originRef', 'lastNote', 'lastNoteAt'].map(
    (column) => t(`plan.csv.columns.${column}`),
  );
  const rows = actions.map((action) => {
    const note = lastNotes.get(action.ref) ?? null;
    return [
      action.ref,
      action.title,
      t(`plan.type.${action.type}`),
      t(`plan.scope.${action.scope}`),
      action.leadState,
      action.leadAuthority?.shortName ?? null,
      action.states.join(' '),
      action.sectors.join(' '),
      action.topics.map((topic) => t(`plan.topic.${topic}`)).join('; '),
      action.period,
      t(`plan.status.${action.status}`),
      action.statusReason,
      action.originRef,
      note?.note ?? null,
      note?.at.slice(0, 10) ?? null,
    ];
  });
  return toCsv(header, rows);
}

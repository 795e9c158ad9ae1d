import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { countryName } from '../../src/reference/countries';
import { naceLabel } from '../../src/reference/nace';
import { pairLabel } from '../../src/plans/assessmentCsv';
import type { Breakdown, PlanAssessment } from '../../src/plans/planSummary';
import { ACTION_STATUSES, type ActionTopic } from '../../src/plans/vocabulary';
import { priorityLabel } from '../../src/plans/priorities';
import type { PlanCycleReport } from '../../src/plans/frozenAssessment';
import { cycleReportText } from '../../src/plans/cycleReportText';

/** Self-contained page: no script, no external file; printing it is the browser's job. */
export const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** Shared by the other printable pages (the dossier export). */
export const STYLE = `
  :root { color-scheme: light; font-family: "Segoe UI", system-ui, -apple-system, sans-serif; color: #1b1b1b; }
  body { margin: 2rem auto; max-width: 60rem; padding: 0 1.5rem; line-height: 1.45; }
  header { border-bottom: 3px solid #1f5f8b; margin-bottom: 1.5rem; padding-bottom: .75rem; }
  .brand { color: #4a4a4a; margin: 0; font-size: .9rem; }
  h1 { margin: .2rem 0; font-size: 1.8rem; }
  h2 { margin: 2rem 0 .5rem; font-size: 1.25rem; color: #1f5f8b; break-after: avoid; }
  .headline { font-size: 1.3rem; font-weight: 600; margin: .5rem 0; }
  .meta { color: #4a4a4a; margin: .2rem 0; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
  caption { text-align: start; font-weight: 600; padding: .25rem 0; }
  th, td { border: 1px solid #c8c8c8; padding: .35rem .5rem; text-align: start; vertical-align: top; }
  th { background: #eef3f7; }
  td.number, th.number { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tr { break-inside: avoid; }
  .bar { display: inline-block; height: .6rem; background: #2e7d32; vertical-align: middle; margin-inline-start: .4rem; }
  .links { margin: 1rem 0; display: flex; flex-wrap: wrap; gap: 1rem; }
  .links a { color: #0f548c; }
  .hint { color: #4a4a4a; font-size: .9rem; }
  .empty { color: #4a4a4a; font-style: italic; }
  @page { size: A4; margin: 16mm 14mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
    .no-print { display: none; }
    th { background: #eef3f7 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    a { color: inherit; text-decoration: none; }
  }
`;

export interface ReportLinks {
  assessmentCsv: string;
  actionsCsv: string;
}

function percentFormat(language: Language) {
  const format = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  return (rate: number) => format.format(rate);
}

/**
 * The annual assessment as a printable page (A4, print-to-PDF friendly): headline, tables by
 * status, type, state, bilateral pair and sector, and the actions not implemented with their last
 * note. Everything in the reader's language, every value escaped.
 */
export function renderAssessmentReport(assessment: PlanAssessment, t: Translate, language: Language, generatedAt: Date, links: ReportLinks, cycle?: PlanCycleReport): string {
  const percent = percentFormat(language);
  const date = (iso: string | Date) => new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
  const number = (value: number) => `<td class="number">${escapeHtml(value)}</td>`;
  const rateCell = (rate: number) =>
    `<td class="number">${escapeHtml(percent(rate))}<span class="bar" style="width:${Math.round(rate * 60)}px" aria-hidden="true"></span></td>`;
  const th = (key: string, numeric = false) => `<th scope="col"${numeric ? ' class="number"' : ''}>${escapeHtml(t(key))}</th>`;

  const breakdownTable = (caption: string, firstColumn: string, groups: Breakdown[], label: (key: string) => string, extra?: (group: Breakdown) => string, extraHeaders = '') =>
    groups.length === 0
      ? ''
      : `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th(firstColumn)}${extraHeaders}${th('plan.report.columns.total', true)}${th('plan.report.columns.implemented', true)}${th('plan.report.columns.rate', true)}</tr></thead><tbody>${groups
          .map((group) => `<tr><th scope="row">${escapeHtml(label(group.key))}</th>${extra ? extra(group) : ''}${number(group.total)}${number(group.counts.implemented)}${rateCell(group.implementedRate)}</tr>`)
          .join('')}</tbody></table>`;

  // By the year's priorities, named as they were when the figures were taken (frozen ones too).
  const priorityName = (key: string) => {
    const priority = assessment.priorities?.find((p) => String(p.id) === key);
    return priority ? priorityLabel(t, language, { sector: priority.sector, topic: priority.topic as ActionTopic | null }) : t('priorities.report.untagged');
  };
  const byPriority = (assessment.byPriority ?? []).length === 0
    ? ''
    : `<h2>${escapeHtml(t('priorities.report.heading'))}</h2>\n${breakdownTable(t('priorities.report.heading'), 'priorities.report.column', assessment.byPriority!, priorityName)}`;
  const statusRows = ACTION_STATUSES.map(
    (status) => `<tr><th scope="row">${escapeHtml(t(`plan.status.${status}`))}</th>${number(assessment.counts[status])}${rateCell(assessment.statusRates[status])}</tr>`,
  ).join('');

  const byState = breakdownTable(
    t('plan.report.sections.byState'),
    'plan.report.columns.state',
    assessment.byState,
    (code) => countryName(code, language),
    (group) => {
      const state = assessment.byState.find((s) => s.key === group.key)!;
      return `${number(state.lead)}${number(state.participant)}`;
    },
    `${th('plan.report.columns.lead', true)}${th('plan.report.columns.participant', true)}`,
  );

  const notImplemented =
    assessment.notImplemented.length === 0
      ? `<p class="empty">${escapeHtml(t('plan.report.allImplemented'))}</p>`
      : `<table><thead><tr>${th('plan.report.columns.ref')}${th('plan.report.columns.title')}${th('plan.report.columns.status')}${th('plan.report.columns.lastNote')}</tr></thead><tbody>${assessment.notImplemented
          .map((action) => {
            const note = action.lastNote
              ? escapeHtml(t('plan.report.noteLine', { date: date(action.lastNote.at), authority: action.lastNote.authorityShortName ?? '—', note: action.lastNote.note }))
              : `<span class="empty">${escapeHtml(t('plan.report.noNote'))}</span>`;
            const carried = action.carriedToRef ? `<br>${escapeHtml(t('plan.report.carriedTo', { ref: action.carriedToRef }))}` : '';
            const lead = action.leadState ? ` (${escapeHtml(action.leadState)})` : '';
            return `<tr><td>${escapeHtml(action.ref)}</td><td>${escapeHtml(action.title)}${lead}</td><td>${escapeHtml(t(`plan.status.${action.status}`))}${carried}</td><td>${note}</td></tr>`;
          })
          .join('')}</tbody></table>`;

  const agreed =
    typeof assessment.agreedActionCount === 'number' && assessment.agreedActionCount > 0
      ? `<p class="meta">${escapeHtml(t('tab.progress.recorded', { count: assessment.total, agreed: assessment.agreedActionCount }))}</p>`
      : '';

  // The annual cycle: the figures above are the frozen ones once assessed; what moved since, and the amendments after the agreement.
  const cycleText = cycle ? cycleReportText(t, language, cycle) : null;
  const frozen = cycleText?.frozen
    ? `<p class="meta" data-section="frozen">${escapeHtml(cycleText.frozen)}</p>
<h2>${escapeHtml(t('cycle.report.changesHeading'))}</h2>
${
  cycleText.changes.length === 0
    ? `<p class="empty" data-section="changes">${escapeHtml(t('cycle.report.noChanges'))}</p>`
    : `<ul data-section="changes">${cycleText.changes.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
}`
    : '';
  const amendments =
    cycleText && assessment.status !== 'draft'
      ? `<h2>${escapeHtml(t('cycle.report.amendmentsHeading', { count: cycleText.amendments.length }))}</h2>
${
  cycleText.amendments.length === 0
    ? `<p class="empty" data-section="amendments">${escapeHtml(t('stage.report.noAmendments'))}</p>`
    : `<ul data-section="amendments">${cycleText.amendments.map((amendment) => `<li>${escapeHtml(amendment.text)}</li>`).join('')}</ul>`
}`
      : '';

  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('plan.report.title', { year: assessment.year }))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="brand">${escapeHtml(t('app.name'))}</p>
<h1>${escapeHtml(t('plan.report.title', { year: assessment.year }))}</h1>
<p class="meta">${escapeHtml(t(`tab.planStatus.${assessment.status}`))} · ${escapeHtml(t('plan.report.generated', { date: date(generatedAt) }))}</p>
</header>
<main>
<p class="headline">${escapeHtml(t('plan.report.headline', { count: assessment.total, implemented: assessment.counts.implemented, percent: percent(assessment.implementedRate) }))}</p>
${agreed}
${frozen}
<nav class="links no-print" aria-label="${escapeHtml(t('plan.report.downloads'))}"><a href="${escapeHtml(links.assessmentCsv)}">${escapeHtml(t('plan.report.downloadAssessmentCsv'))}</a><a href="${escapeHtml(links.actionsCsv)}">${escapeHtml(t('plan.report.downloadActionsCsv'))}</a></nav>
<p class="hint no-print">${escapeHtml(t('plan.report.printHint'))}</p>
<h2>${escapeHtml(t('plan.report.sections.byStatus'))}</h2>
<table><thead><tr>${th('plan.report.columns.status')}${th('plan.report.columns.total', true)}${th('plan.report.columns.share', true)}</tr></thead><tbody>${statusRows}</tbody></table>
<h2>${escapeHtml(t('plan.report.sections.byType'))}</h2>
${breakdownTable(t('plan.report.sections.byType'), 'plan.report.columns.type', assessment.byType, (type) => t(`plan.type.${type}`))}
<h2>${escapeHtml(t('plan.report.sections.byState'))}</h2>
${byState}
<h2>${escapeHtml(t('plan.report.sections.byPair'))}</h2>
${assessment.byPair.length === 0 ? `<p class="empty">${escapeHtml(t('plan.report.noPairs'))}</p>` : breakdownTable(t('plan.report.sections.byPair'), 'plan.report.columns.pair', assessment.byPair, (pair) => pairLabel(pair, language))}
<h2>${escapeHtml(t('plan.report.sections.bySector'))}</h2>
${breakdownTable(t('plan.report.sections.bySector'), 'plan.report.columns.sector', assessment.bySector, (code) => (code ? `${code} – ${naceLabel(code, language)}` : t('plan.csv.noSector')))}
${byPriority}
<h2>${escapeHtml(t('plan.report.sections.notImplemented'))}</h2>
${notImplemented}
${amendments}
</main>
</body>
</html>`;
}

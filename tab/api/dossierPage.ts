import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { countryName } from '../../src/reference/countries';
import type { DossierExport } from '../../src/companies/dossierExport';
import { DOSSIER_COLUMNS, DOSSIER_SECTIONS, dossierDate, dossierRows } from '../../src/companies/dossierTable';
import { escapeHtml, STYLE } from './reportPage';

/**
 * A company's dossier as a printable page for a national case file (A4, print-to-PDF friendly):
 * the same rows as its CSV, a table per section, everything in the reader's language, every value
 * escaped; no script, no external file (served with REPORT_CONTENT_SECURITY_POLICY).
 */
export function renderDossierPage(dossier: DossierExport, t: Translate, language: Language, csvLink: string): string {
  const rows = dossierRows(dossier, t, language);
  const title = t('dossierExport.title', { name: dossier.company.name });
  const th = (key: string) => `<th scope="col">${escapeHtml(t(key))}</th>`;
  const sections = DOSSIER_SECTIONS.map((section) => {
    const body =
      rows[section].length === 0
        ? `<p class="empty">${escapeHtml(t('dossierExport.none'))}</p>`
        : `<table><thead><tr>${DOSSIER_COLUMNS.map((column) => th(`dossierExport.columns.${column}`)).join('')}</tr></thead><tbody>${rows[section]
            .map((row) => `<tr>${DOSSIER_COLUMNS.map((column) => `<td>${escapeHtml(row[column])}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
    return `<h2>${escapeHtml(t(`dossierExport.sections.${section}`))}</h2>\n${body}`;
  }).join('\n');
  const subtitle = dossier.company.country ? countryName(dossier.company.country, language) : '';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="brand">${escapeHtml(t('app.name'))}</p>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(subtitle)}</p>
<p class="meta">${escapeHtml(t('dossierExport.generated', { date: dossierDate(dossier.exportedAt, language), authority: dossier.exportedBy.shortName, state: dossier.exportedBy.memberState ?? 'EU' }))}</p>
</header>
<main>
<nav class="links no-print"><a href="${escapeHtml(csvLink)}">${escapeHtml(t('dossierExport.csv'))}</a></nav>
<p class="hint no-print">${escapeHtml(t('dossierExport.print'))}</p>
${sections}
</main>
</body>
</html>`;
}

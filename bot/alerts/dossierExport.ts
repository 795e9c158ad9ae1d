import type { TurnContext } from 'botbuilder';
import { companyProfile } from '../../src/companies/companyDossier';
import { dossierPaths } from '../../src/companies/dossierLinks';
import { CARD_TICKET_SECONDS, ticketedPath } from '../../src/links/linkTickets';
import type { BotDeps } from '../deps';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { identityNotice } from '../reply';
import { actingTurn } from '../turn';

/**
 * The dossier export's two links, as for the plan report: a card's link opens in a browser
 * without a Teams token, so each carries a ticket signed for this person and this path, valid for
 * a day. The export itself (and its audit entry) happens when a link is opened.
 */
export async function dossierExportCard(context: TurnContext, deps: BotDeps, companyId: number): Promise<AdaptiveCard | string> {
  const { t, language, member } = actingTurn(context);
  const company = Number.isSafeInteger(companyId) ? companyProfile(deps.db, companyId) : null;
  if (!company) return t('alerts.dossier.notFound', { query: String(companyId).slice(0, 20) });
  const base = deps.config.publicBaseUrl;
  if (!base) return t('dossierExport.noLinks');
  const paths = dossierPaths(company.id);
  const link = async (path: string) => `${base}${await ticketedPath(deps.db, deps.clock, path, member.aadObjectId, CARD_TICKET_SECONDS, { locale: language })}`;
  return renderCard('dossierExportLinks', {
    notice: identityNotice(context) ?? '',
    title: t('dossierExport.linksTitle', { name: company.name }),
    intro: t('dossierExport.linksIntro'),
    pageLabel: t('dossierExport.page'),
    pageUrl: await link(paths.page),
    csvLabel: t('dossierExport.csv'),
    csvUrl: await link(paths.csv),
  });
}

/** The dossier card's "Export dossier" button. */
export async function onCompanyExport(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  return dossierExportCard(context, deps, Number(data.companyId));
}

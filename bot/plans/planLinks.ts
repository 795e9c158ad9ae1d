import type { Language } from '../../src/i18n/languages';
import type { Member } from '../../src/identity/members';
import { CARD_TICKET_SECONDS, ticketedPath } from '../../src/links/linkTickets';
import type { BotDeps } from '../deps';

// The personal tab of the manifest that shows the plan board.
const BOARD_ENTITY_ID = 'planBoard';

/**
 * Where "Open the plan board" goes. In Teams (production) a deep link to the app's plan tab, which
 * opens inside Teams where the tab gets its sign-in token; locally, the tab's page itself.
 */
export function boardLink(deps: BotDeps, year: number | null, view: 'board' | 'stage' = 'board'): string | null {
  const base = deps.config.publicBaseUrl;
  if (!base) return null;
  const page = `${base}/tab/?view=${view}${year ? `&year=${year}` : ''}`;
  if (!deps.config.appId) return page;
  const context = encodeURIComponent(JSON.stringify({ subEntityId: `${view}:${year ?? ''}` }));
  return `https://teams.microsoft.com/l/entity/${deps.config.appId}/${BOARD_ENTITY_ID}?webUrl=${encodeURIComponent(page)}&context=${context}`;
}

export interface ReportLinks {
  report: string;
  assessmentCsv: string;
  actionsCsv: string;
}

/**
 * The printable report and the CSV files of a year. A card's link opens in a browser without a
 * Teams token, so each carries a signed ticket for this member, valid for a day.
 */
export async function reportLinks(deps: BotDeps, member: Member, year: number, language: Language): Promise<ReportLinks | null> {
  const base = deps.config.publicBaseUrl;
  if (!base) return null;
  const link = async (path: string) => `${base}${await ticketedPath(deps.db, deps.clock, path, member.aadObjectId, CARD_TICKET_SECONDS, { locale: language })}`;
  return {
    report: await link(`/report/${year}`),
    assessmentCsv: await link(`/api/plans/${year}/assessment.csv`),
    actionsCsv: await link(`/api/plans/${year}/actions.csv`),
  };
}

import type { TurnContext } from 'botbuilder';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { listInspections, type InspectionListItem, type InspectionPeriod } from '../../src/inspections/inspectionQueries';
import { today } from '../../src/inspections/dates';
import { countryName, isKnownCountry } from '../../src/reference/countries';
import { isNaceDivision, naceLabel } from '../../src/reference/nace';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { identityNotice, replyQuotingInput, replyWithCard } from '../reply';
import { turnInfo } from '../turn';
import { datesText, kindLabel, statusLabel } from './inspectionText';
import { pagingFields } from '../cards/paging';

export const INSPECTIONS_PAGE_SIZE = 8;

export interface InspectionListRequest {
  period: InspectionPeriod;
  country: string | null;
  sector: string | null;
}

/**
 * `/cji list [upcoming|past] [country] [sector]`: the period words in English or the reader's
 * language, a two-letter country code, a two-digit NACE division. Anything else is reported back.
 */
export function parseListArguments(args: string[], periodWords: Record<string, InspectionPeriod>): { request: InspectionListRequest; unknown: string[] } {
  const request: InspectionListRequest = { period: 'upcoming', country: null, sector: null };
  const unknown: string[] = [];
  for (const arg of args) {
    const lower = arg.toLocaleLowerCase();
    if (periodWords[lower]) request.period = periodWords[lower];
    else if (/^[a-z]{2}$/i.test(arg) && isKnownCountry(arg.toUpperCase()) && !request.country) request.country = arg.toUpperCase();
    else if (/^\d{2}$/.test(arg) && isNaceDivision(arg) && !request.sector) request.sector = arg;
    else unknown.push(arg);
  }
  return { request, unknown };
}

export function periodWords(t: Translate): Record<string, InspectionPeriod> {
  return {
    upcoming: 'upcoming',
    past: 'past',
    [t('inspections.list.upcomingWord').toLocaleLowerCase()]: 'upcoming',
    [t('inspections.list.pastWord').toLocaleLowerCase()]: 'past',
  };
}

export interface InspectionListPage {
  items: InspectionListItem[];
  hasMore: boolean;
  offset: number;
  request: InspectionListRequest;
}

export function inspectionListCard(t: Translate, language: Language, page: InspectionListPage, notice: string | null): AdaptiveCard {
  const { request } = page;
  const filters = [request.country ? countryName(request.country, language) : null, request.sector ? `${request.sector} – ${naceLabel(request.sector, language)}` : null].filter(Boolean);
  return renderCard('cjiList', {
    notice: notice ?? '',
    title: t(request.period === 'upcoming' ? 'inspections.list.titleUpcoming' : 'inspections.list.titlePast'),
    filters: filters.length > 0 ? t('inspections.list.filters', { filters: filters.join(' · ') }) : t('inspections.list.noFilters'),
    empty: t('inspections.list.empty'),
    items: page.items.map((item) => ({
      ref: item.ref,
      heading: t('inspections.list.heading', { ref: item.ref, place: `${item.city} (${item.placeState})` }),
      line: t('inspections.list.line', {
        kind: kindLabel(t, item.kind),
        status: statusLabel(t, item.status),
        dates: datesText(item.startDate, item.endDate, language),
        states: item.states,
        lead: item.leadShortName,
        joining: item.joining,
      }),
    })),
    ...pagingFields(t, 'inspections.list', page, INSPECTIONS_PAGE_SIZE),
    filterJson: JSON.stringify(request),
  });
}

function listCard(context: TurnContext, deps: BotDeps, request: InspectionListRequest, offset: number): AdaptiveCard {
  const { t, language } = turnInfo(context);
  const page = listInspections(deps.db, { ...request, today: today(deps.clock), offset, limit: INSPECTIONS_PAGE_SIZE });
  return inspectionListCard(t, language, { ...page, offset, request }, identityNotice(context));
}

/** `/cji list ...` (args after the word "list"). */
export async function sendInspectionList(context: TurnContext, deps: BotDeps, args: string[]): Promise<void> {
  const { t } = turnInfo(context);
  const { request, unknown } = parseListArguments(args, periodWords(t));
  if (unknown.length > 0) {
    await replyQuotingInput(context, t('inspections.list.badFilter', { text: unknown.join(' ').slice(0, 80) }));
    return;
  }
  await replyWithCard(context, listCard(context, deps, request, 0));
}

export async function onInspectionsPage(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard> {
  let filter: Partial<InspectionListRequest> = {};
  try {
    filter = JSON.parse(String(data.filter ?? '{}')) as Partial<InspectionListRequest>;
  } catch {
    filter = {};
  }
  const request: InspectionListRequest = {
    period: filter.period === 'past' ? 'past' : 'upcoming',
    country: typeof filter.country === 'string' && isKnownCountry(filter.country) ? filter.country : null,
    sector: typeof filter.sector === 'string' && isNaceDivision(filter.sector) ? filter.sector : null,
  };
  const offset = Math.max(0, Math.min(Number(data.offset) || 0, 1_000_000));
  return listCard(context, deps, request, offset);
}

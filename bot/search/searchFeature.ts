import type { TurnContext } from 'botbuilder';
import { searchEverything, SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH } from '../../src/search/searchEverything';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import { forInteractor, type Feature } from '../feature';
import { identityNotice, replyWithCard } from '../reply';
import { actingTurn, turnInfo } from '../turn';
import type { AdaptiveCard } from '../cards/renderCard';
import { SEARCH_PAGE_SIZE, searchResultsCard } from './searchViews';

function resultsCard(context: TurnContext, deps: BotDeps, text: string, offset: number): AdaptiveCard {
  const { t, language, member, correlationId } = actingTurn(context);
  const page = searchEverything(deps.db, deps.clock, member, { text, offset, limit: SEARCH_PAGE_SIZE, correlationId });
  return searchResultsCard(t, language, text, { ...page, offset }, identityNotice(context));
}

/** `/search <text>`: companies, alerts, inspections and plan actions together, newest first. */
export async function searchCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t } = turnInfo(context);
  const text = command.rest.trim().slice(0, SEARCH_MAX_LENGTH);
  if (text.length < SEARCH_MIN_LENGTH) {
    await context.sendActivity(t('search.usage'));
    return;
  }
  await replyWithCard(context, resultsCard(context, deps, text, 0));
}

/** Previous / next: the search again from the card's text, at the requested page. */
export async function onSearchPage(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const { t } = turnInfo(context);
  const text = typeof data.text === 'string' ? data.text.slice(0, SEARCH_MAX_LENGTH) : '';
  if (text.trim().length < SEARCH_MIN_LENGTH) return t('search.usage');
  const offset = Math.max(0, Math.min(Math.floor(Number(data.offset) || 0), 1_000_000));
  return resultsCard(context, deps, text, offset - (offset % SEARCH_PAGE_SIZE));
}

/**
 * Search across everything. Typed only: the manifest's command menu holds its maximum of ten. The
 * message extension's search answers from the same query (bot/alerts/messageExtension.ts).
 */
export const searchFeature: Feature = {
  commands: [{ name: 'search', handler: searchCommand }],
  cardActions: [{ verb: 'search.page', handler: forInteractor(onSearchPage) }],
};

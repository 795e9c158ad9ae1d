import type { TurnContext } from 'botbuilder';
import { foldText, listActions, normalisePair, type ActionFilter } from '../../src/plans/actionQueries';
import { defaultPlanYear } from '../../src/plans/planQueries';
import { listMemberStates } from '../../src/reference/participants';
import { countryName } from '../../src/reference/countries';
import type { Language } from '../../src/i18n/languages';
import { readActionListQuery } from '../../src/plans/actionListQuery';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import type { AdaptiveCard } from '../cards/renderCard';
import { identityNotice, replyWithCard } from '../reply';
import { turnInfo } from '../turn';
import { ACTIONS_PAGE_SIZE, actionListCard } from './actionViews';
import { boardLink } from './planLinks';
import { matchStatus, matchType } from './planWords';

/** A member state by its code (PT) or its name in the user's language or English (Portugal, Espagne). */
function matchState(language: Language, states: string[], word: string): string | null {
  const folded = foldText(word);
  return states.find((code) => folded === code.toLowerCase() || folded === foldText(countryName(code, language)) || folded === foldText(countryName(code, 'en'))) ?? null;
}

/**
 * `/actions [year] [country] [status] [type]`, in any order: a four-digit year, a member state
 * (code or name), a pair such as ES-PT, a status, a type (several words allowed); the rest is text.
 * Without a year, the current plan.
 */
export function parseActionArguments(language: Language, args: readonly string[], states: string[]): ActionFilter {
  const filter: ActionFilter = {};
  const text: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const state = matchState(language, states, arg);
    const pair = /^[a-z]{2}[-–/][a-z]{2}$/i.test(arg) ? normalisePair(arg) : null;
    if (/^\d{4}$/.test(arg) && !filter.year) filter.year = Number(arg);
    else if (pair && !filter.pair) filter.pair = pair;
    else if (state && !filter.state) filter.state = state;
    else {
      const status = filter.status ? null : matchStatus(language, args, i);
      const type = filter.type ? null : matchType(language, args, i);
      const best = [status, type].filter(Boolean).sort((a, b) => b!.length - a!.length)[0];
      if (best === status && status) {
        filter.status = status.value;
        i += status.length - 1;
      } else if (best === type && type) {
        filter.type = type.value;
        i += type.length - 1;
      } else text.push(arg);
    }
  }
  if (text.length > 0) filter.text = text.join(' ');
  return filter;
}

function listCard(context: TurnContext, deps: BotDeps, filter: ActionFilter, offset: number): AdaptiveCard {
  const { t, language } = turnInfo(context);
  const page = listActions(deps.db, filter, { offset, limit: ACTIONS_PAGE_SIZE });
  return actionListCard(t, language, { ...page, filter }, identityNotice(context), boardLink(deps, filter.year ?? null));
}

export async function actionsCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { language } = turnInfo(context);
  const filter = parseActionArguments(language, command.args, listMemberStates(deps.db).map((state) => state.code));
  filter.year ??= defaultPlanYear(deps.db, deps.clock.now());
  await replyWithCard(context, listCard(context, deps, filter, 0));
}

/** Paging (and the summary card's "List the actions"): the filter travels in the button's data. */
export async function onActionsPage(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard> {
  let raw: Record<string, unknown> = {};
  try {
    raw = typeof data.filter === 'string' ? (JSON.parse(data.filter) as Record<string, unknown>) : {};
  } catch {
    raw = {};
  }
  const asText = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
  const query = readActionListQuery({
    year: asText(raw.year),
    state: asText(raw.state),
    status: asText(raw.status),
    type: asText(raw.type),
    sector: asText(raw.sector),
    pair: asText(raw.pair),
    text: asText(raw.text),
  });
  const filter = query.ok ? query.value.filter : {};
  const offset = Math.max(0, Math.min(Math.floor(Number(data.offset) || 0), 100_000));
  return listCard(context, deps, filter, offset);
}

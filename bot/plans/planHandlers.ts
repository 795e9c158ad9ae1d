import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../src/errors';
import { isCoordinator } from '../../src/plans/actionAccess';
import { carryOverPlan, previewCarryOver } from '../../src/plans/carryOver';
import { planErrorText } from '../../src/plans/planErrors';
import { defaultPlanYear, listPlanYears } from '../../src/plans/planQueries';
import { planSummary } from '../../src/plans/planSummary';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import type { AdaptiveCard } from '../cards/renderCard';
import { reportCard } from './reportCard';
import { cycleCommand, cycleKeyword, type CycleKeyword } from './cycleHandlers';
import { identityNotice, replyWithCard } from '../reply';
import { turnInfo, actingTurn } from '../turn';
import { boardLink } from './planLinks';
import { carryOverConfirmationCard, carryOverResultCard, planSummaryCard } from './planViews';
import { isKeyword } from './planWords';

type PlanRequest = { kind: 'summary' | 'report' | 'carryOver'; year: number | null } | { kind: 'cycle'; keyword: CycleKeyword; year: number | null } | { kind: 'usage' };

/** `/plan [year] [report | carry-over]`, the keywords in English or the user's language. */
export function parsePlanArguments(context: TurnContext, args: readonly string[]): PlanRequest {
  const { language } = turnInfo(context);
  let year: number | null = null;
  let kind: 'summary' | 'report' | 'carryOver' = 'summary';
  let cycle: CycleKeyword | null = null;
  for (const arg of args) {
    const keyword: CycleKeyword | null = kind === 'summary' && cycle === null ? cycleKeyword(language, arg) : null;
    if (/^\d{4}$/.test(arg) && year === null) year = Number(arg);
    else if (keyword) cycle = keyword;
    else if (isKeyword(language, arg, 'report') && kind === 'summary') kind = 'report';
    else if (isKeyword(language, arg, 'carryOver') && kind === 'summary') kind = 'carryOver';
    else return { kind: 'usage' };
  }
  if (cycle) return kind === 'summary' ? { kind: 'cycle', keyword: cycle, year } : { kind: 'usage' };
  return { kind, year };
}

function refusal(context: TurnContext, error: unknown): string {
  const { t, language } = turnInfo(context);
  if (!isDomainError(error)) throw error;
  return error.details.map((detail) => planErrorText(t, language, detail)).join(' ');
}

function plansHint(context: TurnContext, deps: BotDeps): string {
  const { t } = turnInfo(context);
  const years = listPlanYears(deps.db);
  return years.length > 0 ? t('plan.bot.knownPlans', { years: years.join(', ') }) : t('plan.bot.noPlans');
}

export async function planCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language, member } = actingTurn(context);
  const request = parsePlanArguments(context, command.args);
  if (request.kind === 'usage') {
    await context.sendActivity(t('plan.bot.planUsage'));
    return;
  }
  if (request.kind === 'cycle') {
    // The priorities and the draft are of the plan being prepared: next year's, unless a year is given.
    const preparing = request.keyword === 'priorities' || request.keyword === 'draft' ? deps.clock.now().getUTCFullYear() + 1 : null;
    const year = request.year ?? preparing ?? defaultPlanYear(deps.db, deps.clock.now());
    if (year === null) await context.sendActivity(t('plan.bot.noPlans'));
    else await cycleCommand(context, deps, request.keyword, year);
    return;
  }
  if (request.kind === 'carryOver') {
    if (!isCoordinator(member)) {
      await context.sendActivity(t('plan.bot.coordinatorsOnlyCarryOver'));
      return;
    }
    if (request.year === null) {
      const latest = Math.max(...listPlanYears(deps.db), deps.clock.now().getUTCFullYear() - 1);
      await context.sendActivity(t('plan.bot.carryOverUsage', { year: latest + 1 }));
      return;
    }
    try {
      const plan = previewCarryOver(deps.db, request.year - 1, request.year);
      await replyWithCard(context, carryOverConfirmationCard(t, plan, identityNotice(context), boardLink(deps, request.year)));
    } catch (error) {
      await context.sendActivity(refusal(context, error));
    }
    return;
  }
  const year = request.year ?? defaultPlanYear(deps.db, deps.clock.now());
  if (year === null) {
    await context.sendActivity(t('plan.bot.noPlans'));
    return;
  }
  try {
    const card =
      request.kind === 'report'
        ? await reportCard(context, deps, year)
        : planSummaryCard(t, language, planSummary(deps.db, year), { boardUrl: boardLink(deps, year) }, identityNotice(context));
    await replyWithCard(context, card);
  } catch (error) {
    await context.sendActivity(`${refusal(context, error)} ${plansHint(context, deps)}`);
  }
}

/** The summary card's "Assessment report" button. */
export async function onPlanReport(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  try {
    return await reportCard(context, deps, Number(data.year));
  } catch (error) {
    return refusal(context, error);
  }
}

/** The confirmation card's button: copies, then shows the copies to everyone who sees the card. */
export async function onCarryOverConfirmed(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, member, correlationId } = actingTurn(context);
  if (!isCoordinator(member)) return t('plan.bot.coordinatorsOnlyCarryOver');
  try {
    const result = carryOverPlan(deps.db, deps.clock, member, { fromYear: Number(data.fromYear), toYear: Number(data.toYear), correlationId });
    return { card: carryOverResultCard(t, result, identityNotice(context), boardLink(deps, result.toYear)), updateForAll: true };
  } catch (error) {
    return refusal(context, error);
  }
}

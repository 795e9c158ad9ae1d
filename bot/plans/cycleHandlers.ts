import type { TurnContext } from 'botbuilder';
import { isDomainError, type DomainError } from '../../src/errors';
import { translator, type Translate } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { isCoordinator } from '../../src/plans/actionAccess';
import { actionsForState, endorsePlan, endorsementStatus, endorsingState, planOrFail, setMeetingPlace } from '../../src/plans/endorsement';
import { assessPlan } from '../../src/plans/frozenAssessment';
import { planErrorText } from '../../src/plans/planErrors';
import { foldText } from '../../src/plans/actionQueries';
import type { AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import type { EventPosts } from '../notifier';
import { identityNotice, replyWithCard } from '../reply';
import { actingTurn } from '../turn';
import { agreeCard, endorseCard, endorsementCard } from './cycleViews';
import { reportCard } from './reportCard';
import { proposalsOfYear } from './proposalHandlers';
import { draftOfYear, prioritiesOfYear } from './priorityHandlers';

export type CycleKeyword = 'endorse' | 'endorsement' | 'agree' | 'assess' | 'proposals' | 'priorities' | 'draft';
export const CYCLE_KEYWORDS: readonly CycleKeyword[] = ['endorse', 'endorsement', 'agree', 'assess', 'proposals', 'priorities', 'draft'];

/** The catalogue entry listing a keyword's words: the priorities and the draft view keep theirs with their own texts. */
const wordsKey = (keyword: CycleKeyword) => (keyword === 'priorities' || keyword === 'draft' ? `priorities.words.${keyword}` : `cycle.words.${keyword}`);

/** A keyword of the annual cycle (`/plan 2025 endorse`, `/plan 2025 approuver`) in English or the user's language. */
export function cycleKeyword(language: Language, word: string): CycleKeyword | null {
  const folded = foldText(word);
  const languages = language === 'en' ? [translator('en')] : [translator(language), translator('en')];
  return CYCLE_KEYWORDS.find((keyword) => languages.some((t) => t(wordsKey(keyword)).split(',').map((w) => foldText(w.trim())).includes(folded))) ?? null;
}

function refusalText(t: Translate, language: Language, error: unknown): string {
  if (!isDomainError(error)) throw error;
  return error.details.map((detail) => planErrorText(t, language, detail)).join(' ');
}

/** The message of a refusal's `place` field, to show under the field with the typed value kept. */
function placeError(t: Translate, language: Language, error: DomainError): string | null {
  const detail = error.details.find((d) => d.field === 'place');
  return detail ? planErrorText(t, language, detail) : null;
}

/** The card of `/plan <year> endorse` for a coordinator, with what they typed and its refusal. */
function endorseFormOf(context: TurnContext, deps: BotDeps, year: number, form: { place: string; error: string }): AdaptiveCard {
  const { t, language, member } = actingTurn(context);
  const state = endorsingState(member);
  planOrFail(deps.db, year);
  return endorseCard(t, language, { year, state, actions: actionsForState(deps.db, year, state) }, form, identityNotice(context));
}

/** `/plan <year> endorse | endorsement | agree | assess`. */
export async function cycleCommand(context: TurnContext, deps: BotDeps, keyword: CycleKeyword, year: number): Promise<void> {
  const { t, language, member, correlationId } = actingTurn(context);
  try {
    if (keyword === 'proposals') {
      await proposalsOfYear(context, deps, year);
      return;
    }
    if (keyword === 'priorities') {
      await prioritiesOfYear(context, deps, year);
      return;
    }
    if (keyword === 'draft') {
      await draftOfYear(context, deps, year);
      return;
    }
    if (keyword === 'endorsement') {
      await replyWithCard(context, endorsementCard(t, language, endorsementStatus(deps.db, year), { agreedPost: false, notice: identityNotice(context) }));
      return;
    }
    if (!isCoordinator(member)) {
      await context.sendActivity(t('cycle.bot.coordinatorsOnly'));
      return;
    }
    if (keyword === 'endorse') {
      const plan = planOrFail(deps.db, year);
      // Refused before the form, so nobody fills in a place for a plan that cannot be endorsed.
      if (plan.status !== 'draft') {
        await context.sendActivity(planErrorText(t, language, { key: 'cycle.errors.notDraft', vars: { year, planStatus: plan.status } }));
        return;
      }
      await replyWithCard(context, endorseFormOf(context, deps, year, { place: '', error: '' }));
    } else if (keyword === 'agree') {
      planOrFail(deps.db, year);
      await replyWithCard(context, agreeCard(t, year, { place: '', error: '' }, identityNotice(context)));
    } else {
      assessPlan(deps.db, deps.clock, member, { year, correlationId });
      deps.notify();
      await replyWithCard(context, await reportCard(context, deps, year));
    }
  } catch (error) {
    await context.sendActivity(refusalText(t, language, error));
  }
}

/** The endorse card's button: endorses for the coordinator's state, then shows where endorsement stands. */
export async function onPlanEndorse(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, language, member, correlationId } = actingTurn(context);
  if (!isCoordinator(member)) return t('cycle.bot.coordinatorsOnly');
  const year = Number(data.year);
  const place = typeof data.place === 'string' ? data.place : '';
  try {
    const result = endorsePlan(deps.db, deps.clock, member, { year, place, correlationId });
    // The events (the endorsement, the agreement) become channel posts once committed.
    deps.notify();
    return { card: endorsementCard(t, language, result.status, { agreedPost: false, notice: t('cycle.bot.endorsed', { state: result.state, year }) }), updateForAll: true };
  } catch (error) {
    const field = isDomainError(error) ? placeError(t, language, error) : null;
    if (field) return { card: endorseFormOf(context, deps, year, { place: place.slice(0, 2000), error: field }), updateForAll: false };
    return refusalText(t, language, error);
  }
}

/** The agree card's button: records the meeting place. */
export async function onPlanAgree(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, language, member, correlationId } = actingTurn(context);
  if (!isCoordinator(member)) return t('cycle.bot.coordinatorsOnly');
  const year = Number(data.year);
  const place = typeof data.place === 'string' ? data.place : '';
  try {
    const status = setMeetingPlace(deps.db, deps.clock, member, { year, place, correlationId });
    return { card: endorsementCard(t, language, status, { agreedPost: false, notice: t('cycle.bot.placeRecorded', { year, place: place.trim() }) }), updateForAll: true };
  } catch (error) {
    const field = isDomainError(error) ? placeError(t, language, error) : null;
    if (field) return { card: agreeCard(t, year, { place: place.slice(0, 2000), error: field }, identityNotice(context)), updateForAll: false };
    return refusalText(t, language, error);
  }
}

/** The channel is told once when a plan is agreed; the post is drawn when sent. */
export const cycleEventPosts: EventPosts = {
  'plan.agreed': ({ ref }) => [{ to: 'channel', key: `plan:${ref}:agreed`, card: { kind: 'plan-agreed', subject: ref } }],
};

export function agreedPostOf(deps: BotDeps, subject: string, language: Language = deps.config.defaultLanguage): AdaptiveCard | null {
  const year = Number(subject);
  try {
    return endorsementCard(translator(language), language, endorsementStatus(deps.db, year), { agreedPost: true, notice: null });
  } catch (error) {
    if (isDomainError(error)) return null;
    throw error;
  }
}

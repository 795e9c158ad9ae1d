import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../src/errors';
import { isCoordinator } from '../../src/plans/actionAccess';
import { draftPlan } from '../../src/plans/draftPlan';
import { planErrorText } from '../../src/plans/planErrors';
import { checkPriorityDrafts, listPriorities, prioritiesVersion, setPriorities, type PriorityDraft } from '../../src/plans/priorities';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import { splitMultiSelect } from '../cards/choices';
import { identityNotice, replyWithCard } from '../reply';
import { actingTurn } from '../turn';
import { draftCard, prioritiesCard, PRIORITY_ROWS, type PrioritiesForm } from './priorityViews';

function cardOf(context: TurnContext, deps: BotDeps, year: number, form: Omit<PrioritiesForm, 'editable' | 'version' | 'notice'>) {
  const { t, language, member } = actingTurn(context);
  return prioritiesCard(t, language, year, listPriorities(deps.db, year), {
    ...form,
    editable: isCoordinator(member),
    version: prioritiesVersion(deps.db, year),
    notice: identityNotice(context),
  });
}

/** `/plan <year> priorities`: the form for coordinators, the list for everyone else. */
export async function prioritiesOfYear(context: TurnContext, deps: BotDeps, year: number): Promise<void> {
  await replyWithCard(context, cardOf(context, deps, year, {}));
}

/** `/plan <year> draft`: carried-over actions and accepted proposals together, marked by origin. */
export async function draftOfYear(context: TurnContext, deps: BotDeps, year: number): Promise<void> {
  const { t, language } = actingTurn(context);
  await replyWithCard(context, draftCard(t, language, draftPlan(deps.db, year), identityNotice(context)));
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The form's button: keeps the ticked priorities, adds the rows filled in; back with messages and values if refused. */
export async function onPrioritiesSet(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, language, member, correlationId } = actingTurn(context);
  if (!isCoordinator(member)) return t('priorities.errors.coordinatorsOnly');
  const year = Number(text(data.year));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return t('errors.invoke.cardOutOfDate');
  const keep = text(data.keep);
  const rows: PriorityDraft[] = Array.from({ length: PRIORITY_ROWS }, (_, index) => ({ sector: text(data[`sector${index + 1}`]).slice(0, 20), topic: text(data[`topic${index + 1}`]).slice(0, 60) }));
  const again = (form: Omit<PrioritiesForm, 'editable' | 'version' | 'notice'>) => ({ card: cardOf(context, deps, year, { keep, rows, ...form }), updateForAll: false });
  const checked = checkPriorityDrafts(rows);
  if (!checked.ok) return again({ errors: checked.errors });
  try {
    const ids = splitMultiSelect(keep).map(Number).filter(Number.isInteger);
    const priorities = setPriorities(deps.db, deps.clock, member, { year, keep: ids, add: checked.priorities, expectedVersion: Number(text(data.version)), correlationId });
    return { card: cardOf(context, deps, year, { message: t('priorities.card.saved', { year, count: priorities.length }) }), updateForAll: false };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.details[0].key === 'priorities.errors.stale') {
      // The list as it is now, with the rows typed kept: the keep ticks are those of the new list.
      return { card: cardOf(context, deps, year, { rows, message: planErrorText(t, language, error.details[0]), messageColor: 'Warning' }), updateForAll: false };
    }
    return again({ errors: error.details });
  }
}

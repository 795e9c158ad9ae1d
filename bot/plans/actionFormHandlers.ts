import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../src/errors';
import { listAuthorities, listMemberStates } from '../../src/reference/participants';
import { validateActionDraft } from '../../src/plans/actionInput';
import { createAction } from '../../src/plans/createAction';
import { isCoordinator } from '../../src/plans/actionAccess';
import { defaultPlanYear } from '../../src/plans/planQueries';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import { identityNotice, replyWithCard } from '../reply';
import { turnInfo, actingTurn } from '../turn';
import { actionFormCard, emptyActionForm, readActionSubmission, type ActionFormValues } from './actionForm';
import { actionCard } from './actionViews';
import type { DomainErrorDetail } from '../../src/errors';
import { boardLink } from './planLinks';
import { newFormId } from '../cards/formId';
import { splitMultiSelect } from '../cards/choices';
import { listPriorities, priorityLabel } from '../../src/plans/priorities';

function formCard(context: TurnContext, deps: BotDeps, formId: string, values: ActionFormValues, errors?: DomainErrorDetail[], priorities = '') {
  const { t, language } = turnInfo(context);
  const year = /^\d{4}$/.test(values.year.trim()) ? Number(values.year.trim()) : deps.clock.now().getUTCFullYear();
  return actionFormCard(
    t,
    language,
    {
      formId,
      values,
      errors,
      notice: identityNotice(context),
      memberStates: listMemberStates(deps.db),
      authorities: listAuthorities(deps.db),
    },
    {
      template: 'actionForm',
      labels: {},
      values: { priorities },
      choices: { priorities: listPriorities(deps.db, year).map((priority) => ({ title: priorityLabel(t, language, priority), value: String(priority.id) })) },
    },
  );
}

/** `/action new`: the empty form, for the plan that is being prepared (next year's, once this year's exists). */
export async function openActionForm(context: TurnContext, deps: BotDeps): Promise<void> {
  const thisYear = deps.clock.now().getUTCFullYear();
  const latest = defaultPlanYear(deps.db, deps.clock.now());
  const year = latest !== null && latest >= thisYear ? latest : thisYear;
  await replyWithCard(context, formCard(context, deps, newFormId(), emptyActionForm(year)));
}

/** The form's submission: comes back with every message and value, or adds the action and shows it. */
export async function onActionCreate(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> {
  const { t, language, member, correlationId } = actingTurn(context);
  const { formId, values, draft } = readActionSubmission(data);
  const priorities = typeof data.priorities === 'string' ? data.priorities : '';
  const again = (errors: DomainErrorDetail[], id = formId ?? newFormId()) => ({ card: formCard(context, deps, id, values, errors, priorities), updateForAll: false });
  if (!isCoordinator(member)) return t('plan.bot.coordinatorsOnlyCreate');
  if (!formId) return again([{ key: 'plan.errors.formExpired' }]);
  const checked = validateActionDraft(draft, {
    memberStates: listMemberStates(deps.db).map((state) => state.code),
    authorities: listAuthorities(deps.db),
    thisYear: deps.clock.now().getUTCFullYear(),
  });
  if (!checked.ok) return again(checked.errors);
  try {
    const result = createAction(deps.db, deps.clock, member, checked.input, { formId, priorities: splitMultiSelect(priorities), correlationId });
    const message = result.kind === 'created' ? t('plan.form.created', { ref: result.action.ref, year: result.action.year }) : t('plan.form.alreadyCreated', { ref: result.action.ref });
    const card = actionCard(t, language, result.action, { notice: identityNotice(context), message, messageColor: 'Good', boardUrl: boardLink(deps, result.action.year) });
    return { card, updateForAll: true };
  } catch (error) {
    if (isDomainError(error)) return again(error.details);
    throw error;
  }
}

import { listMemberStates } from '../../src/reference/participants';
import { loadCoordinators, syncCoordinators } from '../../src/plans/coordinators';
import { forInteractor, type Feature } from '../feature';
import { actionCommand, onActionShow, onActionStatus } from './actionHandlers';
import { onActionCreate } from './actionFormHandlers';
import { actionsCommand, onActionsPage } from './actionListHandlers';
import { onCarryOverConfirmed, onPlanReport, planCommand } from './planHandlers';
import { planEventPosts, statusPostOf } from './statusAnnouncement';
import { agreedPostOf, cycleEventPosts, onPlanAgree, onPlanEndorse } from './cycleHandlers';

/**
 * The annual plan: /plan, /actions, /action, their card verbs, the channel's status posts, and the
 * coordinators list applied at start.
 */
export const planFeature: Feature = {
  commands: [
    { name: 'plan', handler: planCommand },
    { name: 'actions', handler: actionsCommand },
    { name: 'action', handler: actionCommand },
  ],
  cardActions: [
    // A successful update replaces the card for everyone; a refused one goes back to its author only.
    { verb: 'action.status', handler: onActionStatus },
    { verb: 'action.create', handler: onActionCreate },
    { verb: 'action.show', handler: forInteractor(onActionShow) },
    { verb: 'actions.page', handler: forInteractor(onActionsPage) },
    { verb: 'plan.report', handler: forInteractor(onPlanReport) },
    { verb: 'plan.carryOver', handler: onCarryOverConfirmed },
    { verb: 'plan.endorse', handler: onPlanEndorse },
    { verb: 'plan.agree', handler: onPlanAgree },
  ],
  channelCards: { 'action-status': statusPostOf, 'plan-agreed': agreedPostOf },
  eventPosts: { ...planEventPosts, ...cycleEventPosts },
  jobs: (deps) => [
    {
      name: 'plan-coordinators',
      // At start (every job runs then) and nightly; the list only changes with a deployment.
      pattern: '40 3 * * *',
      run: () => syncCoordinators(deps.db, deps.clock, loadCoordinators(undefined, listMemberStates(deps.db).map((state) => state.code))),
    },
  ],
};

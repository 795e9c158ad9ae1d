import { actionWhen } from './formatting';
import type { PlanAction } from './plan';
import { useTabSession } from './TabSession';

/** Every text shown about one action, in the user's language; tiles and side-panel rows share them. */
export function useActionLabels(action: PlanAction) {
  const { t, language } = useTabSession();
  const type = t(`plan.type.${action.type}`, { defaultValue: t('plan.type.other') });
  const status = t(`plan.status.${action.status}`);
  // The store allows an action with no lead member state (one led by an EU body): show what is known.
  const lead = action.leadAuthority
    ? t('tab.tile.lead', { authority: action.leadAuthority.shortName, state: action.leadState ?? 'EU' })
    : action.leadState
      ? t('tab.tile.leadState', { state: action.leadState })
      : null;
  const states = action.states.length > 0 ? t('tab.tile.states', { states: action.states.join(', ') }) : null;
  const when = actionWhen(action, language);
  const label = t('tab.tile.label', { ref: action.ref, title: action.title, type, status });
  const origin = action.originRef ? t('tab.tile.origin', { ref: action.originRef }) : null;
  return { type, status, lead, states, when: when === null ? null : t('tab.tile.when', { when }), label, origin };
}

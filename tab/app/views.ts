import { FrameContexts } from '@microsoft/teams-js';
import type { HostEnvironment } from './teams';

export type ViewName = 'board' | 'requests' | 'sidepanel' | 'stage' | 'annual' | 'config' | 'mine' | 'states';
type RequestedView = ViewName | 'meeting';

const REQUESTED_VIEWS: readonly RequestedView[] = ['board', 'requests', 'sidepanel', 'stage', 'annual', 'config', 'mine', 'states', 'meeting'];

function requestedView(search: string): RequestedView {
  const view = new URLSearchParams(search).get('view');
  return REQUESTED_VIEWS.find((name) => name === view) ?? 'board';
}

/** `&stage=annual`: the stage shows the annual meeting (assessment, proposals, endorsement) rather than the plan's progress. */
function stageView(search: string): ViewName {
  return new URLSearchParams(search).get('stage') === 'annual' ? 'annual' : 'stage';
}

/** `?view=meeting` is saved once per meeting tab; Teams then shows it in the side panel or on the stage. */
export function viewFor(environment: HostEnvironment, search: string = location.search): ViewName {
  const view = requestedView(search);
  if (view === 'stage') return stageView(search);
  if (view !== 'meeting') return view;
  switch (environment.frameContext) {
    case FrameContexts.sidePanel:
      return 'sidepanel';
    case FrameContexts.meetingStage:
      return stageView(search);
    case FrameContexts.settings:
      return 'config';
    default:
      return 'board';
  }
}

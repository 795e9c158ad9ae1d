import type { Feature } from './feature';
import { alertFeature } from './alerts/alertFeature';
import { inspectionFeature } from './inspections/inspectionFeature';
import { planFeature } from './plans/planFeature';
import { proposalFeature } from './plans/proposalFeature';
import { requestFeature } from './requests/requestFeature';
import { membershipFeature } from './membership/membershipFeature';
import { searchFeature } from './search/searchFeature';
import { mineFeature } from './mine/mineFeature';
import { installFeature } from './handlers/install';
import { readerViewFeature } from './channelViews';

/**
 * The features of the app, in the order the help card lists their commands (the install and the
 * readers' views of channel cards have none).
 */
export const FEATURES: Feature[] = [planFeature, alertFeature, inspectionFeature, proposalFeature, requestFeature, membershipFeature, searchFeature, mineFeature, installFeature, readerViewFeature(() => FEATURES)];

import type { Feature } from './feature';
import { alertFeature } from './alerts/alertFeature';
import { inspectionFeature } from './inspections/inspectionFeature';
import { planFeature } from './plans/planFeature';
import { installFeature } from './handlers/install';

/** The features of the app, in the order the help card lists their commands (the install has none). */
export const FEATURES: Feature[] = [planFeature, alertFeature, inspectionFeature, installFeature];

import type { Feature } from './feature';
import { alertFeature } from './alerts/alertFeature';
import { inspectionFeature } from './inspections/inspectionFeature';
import { planFeature } from './plans/planFeature';

/** The features of the app, in the order the help card lists their commands. */
export const FEATURES: Feature[] = [planFeature, alertFeature, inspectionFeature];

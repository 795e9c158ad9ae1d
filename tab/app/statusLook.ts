import type { ActionStatus } from './plan';

type StatusColor = 'informative' | 'brand' | 'success' | 'warning' | 'danger';

/** Colour only reinforces the status name printed beside it; it never carries the meaning alone. */
export const STATUS_COLOR: Record<ActionStatus, StatusColor> = {
  planned: 'informative',
  initiated: 'brand',
  implemented: 'success',
  postponed: 'warning',
  cancelled: 'danger',
};

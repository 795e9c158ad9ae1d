/**
 * What the Requests view reads from the API: the API's own types (tab/api/requestApiTypes.ts,
 * built from the domain's), so a change on the server that the view does not follow fails to compile.
 */
export type { BoardRequest, BoardStatusFilter, RequestBoardBody as RequestBoard, RequestIndicatorsBody as RequestIndicators } from '../api/requestApiTypes';

export interface RequestFilters {
  status: string;
  topic: string;
  company: string;
}

export const NO_REQUEST_FILTERS: RequestFilters = { status: '', topic: '', company: '' };
export const REQUEST_FILTER_KEYS = Object.keys(NO_REQUEST_FILTERS) as Array<keyof RequestFilters>;

/**
 * The JSON bodies of the tab API's request routes, built from the domain's types (as apiTypes.ts
 * does for the plan): the server states that it sends them and the Requests view reads them.
 * Types only.
 */
import type { BoardPage, BoardRequest, BoardStatusFilter } from '../../src/requests/requestBoard';
import type { AuthorityIndicators, RequestIndicators } from '../../src/requests/requestIndicators';
import type { FacetChoice } from './apiTypes';

export type { BoardRequest, BoardStatusFilter };

/** GET /api/requests: a page of the open requests the reader may read, by deadline, with the filter choices labelled. */
export interface RequestBoardBody extends Omit<BoardPage, 'facets'> {
  facets: { statuses: FacetChoice[]; topics: FacetChoice[]; companies: FacetChoice[] };
}

/** GET /api/requests/indicators?year=: per addressed authority, its name in the reader's language. */
export interface RequestIndicatorsBody extends Omit<RequestIndicators, 'authorities'> {
  authorities: Array<Omit<AuthorityIndicators, 'names'> & { name: string }>;
}

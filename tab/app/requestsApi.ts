import { createApiCaller, type TokenSource } from './api';
import type { RequestBoard, RequestFilters, RequestIndicators } from './requests';

export interface RequestApi {
  /** Every open request matching the filters, by deadline (pages of 200 fetched until the last). */
  board(filters: RequestFilters): Promise<RequestBoard>;
  /** A year's indicators; without a year, the server's current one. */
  indicators(year: number | null): Promise<RequestIndicators>;
}

export function createRequestApi(token: TokenSource, language: string): RequestApi {
  const { call } = createApiCaller(token, language);

  return {
    async board(filters) {
      const items: RequestBoard['items'] = [];
      let page: RequestBoard;
      let offset = 0;
      do {
        const query = new URLSearchParams({ limit: '200', offset: String(offset) });
        for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
        page = await call<RequestBoard>(`/api/requests?${query.toString()}`);
        items.push(...page.items);
        offset += page.limit;
      } while (page.hasMore);
      return { ...page, items, offset: 0, hasMore: false };
    },
    indicators: (year) => call<RequestIndicators>(year === null ? '/api/requests/indicators' : `/api/requests/indicators?year=${encodeURIComponent(String(year))}`),
  };
}

import { ApiFailure, failureFrom, type TokenSource } from './api';
import type { RequestBoard, RequestFilters, RequestIndicators } from './requests';

export interface RequestApi {
  /** Every open request matching the filters, by deadline (pages of 200 fetched until the last). */
  board(filters: RequestFilters): Promise<RequestBoard>;
  /** A year's indicators; without a year, the server's current one. */
  indicators(year: number | null): Promise<RequestIndicators>;
}

export function createRequestApi(token: TokenSource, language: string): RequestApi {
  async function call<T>(path: string): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
    const bearer = await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let response: Response;
    try {
      response = await fetch(path, { headers, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      throw new ApiFailure('network', null, null, null);
    }
    if (!response.ok) throw await failureFrom(response);
    return (await response.json()) as T;
  }

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

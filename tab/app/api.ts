import type { Me, Plan, PlanYears } from './plan';

export type ApiFailureKind = 'unauthorised' | 'planNotFound' | 'network' | 'server';

/** A failed API call, classified so that the page can explain it in the user's language. */
export class ApiFailure extends Error {
  constructor(
    readonly kind: ApiFailureKind,
    readonly status: number | null,
    readonly code: string | null,
    readonly correlationId: string | null,
  ) {
    super(`${kind}${status === null ? '' : ` ${status}`}${code ? ` ${code}` : ''}`);
    this.name = 'ApiFailure';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; correlationId?: unknown };
}

function classify(status: number, code: string | null): ApiFailureKind {
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 404 && code === 'plan_not_found') return 'planNotFound';
  return 'server';
}

async function failureFrom(response: Response): Promise<ApiFailure> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy's HTML error page has no JSON body; the status alone classifies it.
  }
  const code = typeof body.error?.code === 'string' ? body.error.code : null;
  const correlationId = typeof body.error?.correlationId === 'string' ? body.error.correlationId : null;
  return new ApiFailure(classify(response.status, code), response.status, code, correlationId);
}

export type TokenSource = () => Promise<string | null>;

export interface PlanApi {
  me(): Promise<Me>;
  planYears(): Promise<PlanYears>;
  plan(year: number): Promise<Plan>;
}

export function createPlanApi(token: TokenSource, language: string): PlanApi {
  async function get<T>(path: string): Promise<T> {
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
    me: () => get<Me>('/api/me'),
    planYears: () => get<PlanYears>('/api/plans'),
    plan: (year) => get<Plan>(`/api/plans/${encodeURIComponent(String(year))}`),
  };
}

export function asApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  console.error('Unexpected failure in the plan tab', error);
  return new ApiFailure('server', null, null, null);
}

import type { MyOpenItems } from './mine';
import type { ActionDetail, ActionFilters, ActionPage, ActionUpdate, CycleReport, Endorsement, Me, Participants, Plan, PlanAssessment, PlanSummary, PlanYears, Proposal, ProposalCreated, ProposalFormValues, ProposalList, ReportLinks } from './plan';

export type ApiFailureKind = 'unauthorised' | 'planNotFound' | 'notFound' | 'forbidden' | 'invalid' | 'stale' | 'network' | 'server';

/** A failed API call, classified so that the page can explain it in the user's language. */
export class ApiFailure extends Error {
  constructor(
    readonly kind: ApiFailureKind,
    readonly status: number | null,
    readonly code: string | null,
    readonly correlationId: string | null,
    /** The server's explanation, already in the user's language (domain refusals). */
    readonly serverMessage: string | null = null,
    /** Per-field messages of a 400 answer. */
    readonly fields: Record<string, string> = {},
    /** A 409's action as it is now. */
    readonly current: ActionDetail | null = null,
  ) {
    super(`${kind}${status === null ? '' : ` ${status}`}${code ? ` ${code}` : ''}`);
    this.name = 'ApiFailure';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; correlationId?: unknown; fields?: unknown; current?: unknown };
}

function classify(status: number, code: string | null): ApiFailureKind {
  if (status === 403 && code === 'not_allowed') return 'forbidden';
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 404 && code === 'plan_not_found') return 'planNotFound';
  if (status === 404) return 'notFound';
  if (status === 409) return 'stale';
  if (status === 400) return 'invalid';
  return 'server';
}

/** An answer that is not ok, as an ApiFailure: shared by every API client of the tab. */
export async function failureFrom(response: Response): Promise<ApiFailure> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy's HTML error page has no JSON body; the status alone classifies it.
  }
  const error = body.error ?? {};
  const code = typeof error.code === 'string' ? error.code : null;
  const correlationId = typeof error.correlationId === 'string' ? error.correlationId : null;
  const message = typeof error.message === 'string' ? error.message : null;
  const fields = error.fields && typeof error.fields === 'object' ? (error.fields as Record<string, string>) : {};
  const current = error.current && typeof error.current === 'object' ? (error.current as ActionDetail) : null;
  return new ApiFailure(classify(response.status, code), response.status, code, correlationId, message, fields, current);
}

export type TokenSource = () => Promise<string | null>;

export type PlanEventListener = (event: string, data: unknown) => void;

export interface PlanApi {
  me(): Promise<Me>;
  /** What waits for the signed-in person and their authority (GET /api/mine). */
  mine(): Promise<MyOpenItems>;
  planYears(): Promise<PlanYears>;
  plan(year: number): Promise<Plan>;
  summary(year: number): Promise<PlanSummary>;
  actions(year: number, filters: ActionFilters): Promise<ActionPage>;
  action(ref: string): Promise<ActionDetail>;
  /** A status and/or a note; the server decides which it is (the status kept plus a note is a note). */
  postUpdate(ref: string, update: { status: string; note: string; version: number }): Promise<ActionUpdate>;
  reportLinks(year: number): Promise<ReportLinks>;
  /** Follows GET /api/plans/:year/events until the stream ends or `signal` aborts. */
  planEvents(year: number, signal: AbortSignal, listener: PlanEventListener): Promise<void>;
  assessment(year: number): Promise<PlanAssessment>;
  /** When the assessment was frozen, what moved since, the amendments. */
  cycleReport(year: number): Promise<CycleReport>;
  endorsement(year: number): Promise<Endorsement>;
  participants(): Promise<Participants>;
  proposals(year: number): Promise<ProposalList>;
  /** The form's values with its id: the same id sent twice makes one proposal. */
  createProposal(year: number, form: Omit<ProposalFormValues, 'year'> & { formId: string }): Promise<ProposalCreated>;
  joinProposal(ref: string): Promise<Proposal>;
  supportProposal(ref: string): Promise<Proposal>;
  /** The coordinators' decisions on an open proposal; the server checks the role and the status. */
  acceptProposal(ref: string): Promise<Proposal>;
  declineProposal(ref: string, reason: string): Promise<Proposal>;
  mergeProposal(ref: string, into: string): Promise<Proposal>;
}

/** Server-sent events read from a fetch stream: EventSource cannot send the Teams token. */
async function readEvents(body: ReadableStream<Uint8Array>, listener: PlanEventListener): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      // Comments (keep-alives) and reconnection hints carry no event.
      if (lines.every((line) => line.startsWith(':') || line.startsWith('retry:'))) continue;
      let name = 'message';
      let data = '';
      for (const line of lines) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      let parsed: unknown = null;
      try {
        parsed = data ? JSON.parse(data) : null;
      } catch {
        parsed = data;
      }
      listener(name, parsed);
    }
  }
}

/** What one call of a tab API client sends; `refused` may turn a failed answer into a more precise error first. */
export interface CallInit {
  method?: string;
  body?: unknown;
  refused?: (response: Response) => Promise<void>;
}

export interface ApiCaller {
  /** The headers of every call: JSON, the reader's language and the Teams SSO token. */
  headers(extra?: Record<string, string>): Promise<Record<string, string>>;
  /** One JSON call; a network failure or an answer that is not ok becomes an ApiFailure. */
  call<T>(path: string, init?: CallInit): Promise<T>;
}

/** Shared by every API client of the tab, so that each call carries the SSO token and fails the same way. */
export function createApiCaller(token: TokenSource, language: string): ApiCaller {
  async function headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const result: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language, ...extra };
    const bearer = await token();
    if (bearer) result.Authorization = `Bearer ${bearer}`;
    return result;
  }

  async function call<T>(path: string, init: CallInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method: init.method ?? 'GET',
        headers: await headers(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiFailure('network', null, null, null);
    }
    if (!response.ok) {
      if (init.refused) await init.refused(response);
      throw await failureFrom(response);
    }
    return (await response.json()) as T;
  }

  return { headers, call };
}

export function createPlanApi(token: TokenSource, language: string): PlanApi {
  const { headers, call } = createApiCaller(token, language);

  const year = (value: number) => encodeURIComponent(String(value));
  const ref = (value: string) => encodeURIComponent(value);

  return {
    me: () => call<Me>('/api/me'),
    mine: () => call<MyOpenItems>('/api/mine'),
    planYears: () => call<PlanYears>('/api/plans'),
    plan: (value) => call<Plan>(`/api/plans/${year(value)}`),
    summary: (value) => call<PlanSummary>(`/api/plans/${year(value)}/summary`),
    // The board shows every matching action: pages of 200 are fetched until the last one.
    actions: async (value, filters) => {
      let offset = 0;
      let page: ActionPage;
      const items: ActionPage['items'] = [];
      do {
        const query = new URLSearchParams({ year: String(value), limit: '200', offset: String(offset) });
        for (const [key, filter] of Object.entries(filters)) if (filter) query.set(key, filter);
        page = await call<ActionPage>(`/api/actions?${query.toString()}`);
        items.push(...page.items);
        offset += page.limit;
      } while (page.hasMore);
      return { ...page, items, offset: 0, hasMore: false };
    },
    action: (value) => call<ActionDetail>(`/api/actions/${ref(value)}`),
    postUpdate: (value, update) => call<ActionUpdate>(`/api/actions/${ref(value)}/status`, { method: 'POST', body: update }),
    reportLinks: (value) => call<ReportLinks>(`/api/plans/${year(value)}/links`, { method: 'POST', body: {} }),
    assessment: (value) => call<PlanAssessment>(`/api/plans/${year(value)}/assessment`),
    cycleReport: (value) => call<CycleReport>(`/api/plans/${year(value)}/amendments`),
    endorsement: (value) => call<Endorsement>(`/api/plans/${year(value)}/endorsement`),
    participants: () => call<Participants>('/api/participants'),
    proposals: (value) => call<ProposalList>(`/api/plans/${year(value)}/proposals`),
    createProposal: (value, form) => call<ProposalCreated>(`/api/plans/${year(value)}/proposals`, { method: 'POST', body: form }),
    joinProposal: (value) => call<Proposal>(`/api/proposals/${ref(value)}/join`, { method: 'POST', body: {} }),
    supportProposal: (value) => call<Proposal>(`/api/proposals/${ref(value)}/support`, { method: 'POST', body: {} }),
    acceptProposal: (value) => call<Proposal>(`/api/proposals/${ref(value)}/accept`, { method: 'POST', body: {} }),
    declineProposal: (value, reason) => call<Proposal>(`/api/proposals/${ref(value)}/decline`, { method: 'POST', body: { reason } }),
    mergeProposal: (value, into) => call<Proposal>(`/api/proposals/${ref(value)}/merge`, { method: 'POST', body: { into } }),
    async planEvents(value, signal, listener) {
      const response = await fetch(`/api/plans/${year(value)}/events`, { headers: await headers({ Accept: 'text/event-stream' }), signal, cache: 'no-store', credentials: 'same-origin' });
      if (!response.ok || !response.body) throw await failureFrom(response);
      await readEvents(response.body, listener);
    },
  };
}

export function asApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  console.error('Unexpected failure in the plan tab', error);
  return new ApiFailure('server', null, null, null);
}

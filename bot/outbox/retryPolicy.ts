export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: string;
}

/** Statuses Teams documents as transient for bot sends; everything else will not get better. */
const TRANSIENT_STATUSES = new Set([412, 429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 60_000;

interface HttpishError {
  statusCode?: number;
  status?: number;
  code?: string;
  name?: string;
  message?: string;
  response?: { status?: number; headers?: { get?: (name: string) => string | undefined } | Record<string, string> };
}

/** The HTTP status a failed send got, however the client library reports it. */
export function statusOf(error: HttpishError): number | undefined {
  return error.statusCode ?? error.status ?? error.response?.status;
}

function retryAfterMs(error: HttpishError): number | null {
  const headers = error.response?.headers;
  if (!headers) return null;
  const value = typeof headers.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string>)['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

/** Exponential backoff with jitter (half fixed, half random), honouring Retry-After when given. */
export function retryDecision(error: unknown, attempt: number, maxAttempts: number, random: () => number = Math.random): RetryDecision {
  const e = (error ?? {}) as HttpishError;
  const status = statusOf(e);
  const reason = status ? `HTTP ${status}` : (e.code ?? e.name ?? 'error');
  const transient =
    (status !== undefined && TRANSIENT_STATUSES.has(status)) ||
    (status === undefined && (TRANSIENT_CODES.has(e.code ?? '') || /timeout|timed out/i.test(e.message ?? '') || e.name === 'AbortError'));
  if (!transient || attempt >= maxAttempts) return { retry: false, delayMs: 0, reason };
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const after = retryAfterMs(e);
  return { retry: true, delayMs: Math.round(after !== null ? Math.max(after, jittered / 4) : jittered), reason };
}

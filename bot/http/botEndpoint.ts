import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
// botbuilder's own normalisation (timestamps to Dates), which CloudAdapter.process would apply.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { Request, Response } from 'restify';
import { log } from '../../src/log';
import type { CooperationDeskAdapter } from '../adapter';
import type { BotSettings } from '../settings';
import { newCorrelationId } from '../turn';
import { checkActivityEnvelope } from './activityEnvelope';
import { precheckBearerToken } from './tokenPrecheck';
import { isHandledInvoke } from '../invokeRouting';

// Long enough for a key endpoint outage to pass, short enough that the Bot Connector retries soon.
const KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

function send(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.header(name, value);
  if (body === undefined || body === null) {
    res.status(status);
    res.end();
  } else {
    res.send(status, body);
  }
}

/** One turn as the operator's metrics count it: what came in, the status it got, how long it took. */
export interface TurnObservation {
  /** The activity type, and for invokes the name when the app handles it ('invalid' for a refused envelope). */
  kind: string;
  status: number;
  seconds: number;
}

const KNOWN_TYPES = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing']);

/** A label with a bounded set of values: a sender cannot grow the metrics with names of its own. */
function turnKind(body: unknown): string {
  const { type, name } = (body ?? {}) as { type?: unknown; name?: unknown };
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) return 'other';
  if (type !== 'invoke') return type;
  return typeof name === 'string' && isHandledInvoke(name) ? `invoke:${name}` : 'invoke:other';
}

const problemBody = (code: string, message: string, correlationId?: string) => ({ error: { code, message, ...(correlationId ? { correlationId } : {}) } });

/**
 * POST /api/messages: only a usable activity becomes a turn, and every failure gets a status that
 * says whose fault it was. 400: not an activity; 401: not from the Bot Connector; 503: its
 * signing keys could not be fetched (retry); 500: the app itself failed, with a correlation id
 * and no internals.
 */
export function botEndpoint(
  adapter: CooperationDeskAdapter,
  config: BotSettings,
  logic: (context: TurnContext) => Promise<void>,
  observe?: (turn: TurnObservation) => void,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const started = process.hrtime.bigint();
    const envelope = checkActivityEnvelope(req.body);
    const kind = envelope.ok ? turnKind(req.body) : 'invalid';
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      send(res, status, body, headers);
      observe?.({ kind, status, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    };
    if (!envelope.ok) {
      log.warn('activity.refused_envelope', { problem: envelope.problem });
      answer(400, problemBody('BadRequest', `Not a usable activity (${envelope.problem}).`));
      return;
    }
    const authorization = req.header('authorization') ?? '';
    if (config.mode === 'production') {
      const token = precheckBearerToken(authorization, Date.now());
      if (!token.ok) {
        log.warn('activity.refused_token', { reason: token.reason });
        answer(401, problemBody('Unauthorized', 'A valid Bot Framework token is required.'), { 'WWW-Authenticate': 'Bearer' });
        return;
      }
    }
    let turnStarted = false;
    try {
      const activity = validateAndFixActivity(req.body as Activity);
      // A message of attachments only has no text; the SDK's mention stripping assumes a string.
      if (activity.type === 'message' && typeof activity.text !== 'string') activity.text = '';
      const invokeResponse = await adapter.runTurn(authorization, activity, async (context) => {
        turnStarted = true;
        await logic(context);
      });
      answer(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      const correlationId = newCorrelationId();
      // botbuilder reports keys it could not load as an AuthenticationError with status 500.
      const refusedToken = error instanceof AuthenticationError && (error.statusCode ?? 401) < 500;
      if (refusedToken) {
        log.warn('activity.refused_authentication', { correlationId, error });
        answer(401, problemBody('Unauthorized', 'A valid Bot Framework token is required.'), { 'WWW-Authenticate': 'Bearer' });
      } else if (!turnStarted && config.mode === 'production') {
        // Authentication did not refuse the token: it could not check it, because the OpenID
        // metadata or the signing keys could not be fetched (an error status or no network).
        // That passes; the Bot Connector retries.
        log.error('activity.signing_keys_unavailable', { correlationId, error: error as Error });
        answer(503, problemBody('ServiceUnavailable', 'The signing keys cannot be checked right now; retry later.', correlationId), { 'Retry-After': String(KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS) });
      } else {
        log.error('activity.failed', { correlationId, error: error as Error });
        answer(500, problemBody('InternalError', 'The app failed to handle this activity.', correlationId));
      }
    }
  };
}

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

// Long enough for a key endpoint outage to pass, short enough that the Bot Connector retries soon.
const KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

function answer(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.header(name, value);
  if (body === undefined || body === null) {
    res.status(status);
    res.end();
  } else {
    res.send(status, body);
  }
}

const problemBody = (code: string, message: string, correlationId?: string) => ({ error: { code, message, ...(correlationId ? { correlationId } : {}) } });

/**
 * POST /api/messages: only a usable activity becomes a turn, and every failure gets a status that
 * says whose fault it was. 400: not an activity; 401: not from the Bot Connector; 503: its
 * signing keys could not be fetched (retry); 500: the app itself failed, with a correlation id
 * and no internals.
 */
export function botEndpoint(adapter: CooperationDeskAdapter, config: BotSettings, logic: (context: TurnContext) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    const envelope = checkActivityEnvelope(req.body);
    if (!envelope.ok) {
      log.warn('activity.refused_envelope', { problem: envelope.problem });
      answer(res, 400, problemBody('BadRequest', `Not a usable activity (${envelope.problem}).`));
      return;
    }
    const authorization = req.header('authorization') ?? '';
    if (config.mode === 'production') {
      const token = precheckBearerToken(authorization, Date.now());
      if (!token.ok) {
        log.warn('activity.refused_token', { reason: token.reason });
        answer(res, 401, problemBody('Unauthorized', 'A valid Bot Framework token is required.'), { 'WWW-Authenticate': 'Bearer' });
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
      answer(res, invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      const correlationId = newCorrelationId();
      // botbuilder reports keys it could not load as an AuthenticationError with status 500.
      const refusedToken = error instanceof AuthenticationError && (error.statusCode ?? 401) < 500;
      if (refusedToken) {
        log.warn('activity.refused_authentication', { correlationId, error });
        answer(res, 401, problemBody('Unauthorized', 'A valid Bot Framework token is required.'), { 'WWW-Authenticate': 'Bearer' });
      } else if (!turnStarted && config.mode === 'production') {
        // Authentication did not refuse the token: it could not check it, because the OpenID
        // metadata or the signing keys could not be fetched (an error status or no network).
        // That passes; the Bot Connector retries.
        log.error('activity.signing_keys_unavailable', { correlationId, error: error as Error });
        answer(res, 503, problemBody('ServiceUnavailable', 'The signing keys cannot be checked right now; retry later.', correlationId), { 'Retry-After': String(KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS) });
      } else {
        log.error('activity.failed', { correlationId, error: error as Error });
        answer(res, 500, problemBody('InternalError', 'The app failed to handle this activity.', correlationId));
      }
    }
  };
}

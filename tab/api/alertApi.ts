import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { DomainError } from '../../src/errors';
import type { AnswerDays } from '../../src/alerts/answerDeadlines';
import { editAlert, isStaleAlertError, withdrawAlert } from '../../src/alerts/editAlert';
import { readAlertDetail, readEditableAlerts } from '../../src/alerts/alertReading';
import { readInspectionDetail } from '../../src/inspections/inspectionReading';
import { readRequest } from '../../src/requests/requestReading';
import { sendError } from './apiResponses';
import type { RouteWrapper } from './routes';
import { jsonBody } from './requestParts';
import { alertDetail, editableAlertsBody, inspectionDetail, requestDetail, type DetailContext } from './recordDetails';
import type { AlertChangedBody, EditableAlertsBody, RecordDetailBody } from './alertApiTypes';

export interface AlertApiContext {
  db: Db;
  clock: Clock;
  mode: 'local' | 'production';
  /** The deployment's working days for answers (ALERT_ANSWER_DAYS_*): a new urgency moves the deadline by them. */
  answerDays?: AnswerDays;
  /** Runs after a write committed: the composition root has the domain's new events posted. */
  afterWrite?: () => void;
}

const text = z.string().max(100_000);
/**
 * The correction as the tab sends it: the form's fields, typed loosely (strings and lists of
 * strings) so that every problem with what was typed is the domain's to name, field by field and
 * in the same words as on the bot's form. Only a body of the wrong shape is refused here.
 */
const editBody = z.object({
  version: z.union([z.number(), z.string()]),
  summary: text,
  identifiers: z.array(z.object({ type: text, value: text, country: text.optional() })).max(10),
  fraudTypes: z.array(text).max(50),
  countriesConcerned: z.array(text).max(50),
  urgency: text,
});
const withdrawBody = z.object({ version: z.union([z.number(), z.string()]), reason: text });

/** A body of the wrong shape: each wrong field named, in the reader's language, nothing changed. */
function shapeError(error: z.ZodError): DomainError {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'body')))];
  return new DomainError(fields.map((field) => ({ field, key: 'alertTab.errors.badValue' })));
}

const refOf = (req: Request) => String(req.params.ref ?? '').slice(0, 40);

/**
 * The tab's routes for alerts and for the other records "My open items" opens: an alert's detail
 * (with its correction form for its author or a coordinator of their state), its correction and
 * withdrawal through the same domain commands as the bot's card (who may, the checks, the audit
 * and the `alert.changed` event that updates its channel card are theirs), the open alerts the
 * reader may correct, and an inspection's and a request's detail under the same need-to-know as
 * in Teams. Every read of case data is audited by the domain.
 */
export function registerAlertApi(server: Server, route: RouteWrapper, context: AlertApiContext): void {
  const { db, clock } = context;
  const detailContext = (t: DetailContext['t'], language: DetailContext['language']): DetailContext => ({ db, mode: context.mode, t, language });

  server.get(
    '/api/alerts/editable',
    route((_req, res, member, { t, language, correlationId }) => {
      res.send(200, editableAlertsBody(t, language, readEditableAlerts(db, clock, member, correlationId)) satisfies EditableAlertsBody);
    }),
  );

  server.get(
    '/api/alerts/:ref',
    route((req, res, member, { t, language, correlationId }) => {
      const alert = readAlertDetail(db, clock, member, refOf(req), correlationId);
      if (!alert) throw new DomainError({ key: 'alerts.errors.notFound', vars: { ref: refOf(req) } });
      res.send(200, alertDetail(detailContext(t, language), member, alert) satisfies RecordDetailBody);
    }),
  );

  server.post(
    '/api/alerts/:ref/edit',
    route(async (req, res, member, { t, language, correlationId }) => {
      const parsed = editBody.safeParse(jsonBody(req));
      if (!parsed.success) throw shapeError(parsed.error);
      const input = parsed.data;
      try {
        const edited = await editAlert(db, clock, member, {
          ref: refOf(req),
          expectedVersion: input.version,
          draft: {
            summary: input.summary,
            identifiers: input.identifiers.map((identifier) => ({ type: identifier.type, value: identifier.value, country: identifier.country ?? '' })),
            fraudTypes: input.fraudTypes,
            countriesConcerned: input.countriesConcerned,
            urgency: input.urgency,
          },
          answerDays: context.answerDays,
          correlationId,
        });
        context.afterWrite?.();
        res.send(200, { ...alertDetail(detailContext(t, language), member, edited), changed: 'edited' } satisfies AlertChangedBody);
      } catch (error) {
        if (!isStaleAlertError(error)) throw error;
        // The alert as it is now: the tab keeps what was typed and takes the new version.
        sendError(res, 409, 'stale_version', t(error.details[0].key, error.details[0].vars), { current: alertDetail(detailContext(t, language), member, error.current) });
      }
    }),
  );

  server.post(
    '/api/alerts/:ref/withdraw',
    route(async (req, res, member, { t, language, correlationId }) => {
      const parsed = withdrawBody.safeParse(jsonBody(req));
      if (!parsed.success) throw shapeError(parsed.error);
      try {
        const withdrawn = await withdrawAlert(db, clock, member, { ref: refOf(req), expectedVersion: parsed.data.version, reason: parsed.data.reason, correlationId });
        context.afterWrite?.();
        res.send(200, { ...alertDetail(detailContext(t, language), member, withdrawn), changed: 'withdrawn' } satisfies AlertChangedBody);
      } catch (error) {
        if (!isStaleAlertError(error)) throw error;
        sendError(res, 409, 'stale_version', t(error.details[0].key, error.details[0].vars), { current: alertDetail(detailContext(t, language), member, error.current) });
      }
    }),
  );

  server.get(
    '/api/open-items/inspection/:ref',
    route((req, res, member, { t, language, correlationId }) => {
      const inspection = readInspectionDetail(db, clock, member, refOf(req), correlationId);
      if (!inspection) throw new DomainError({ key: 'inspections.errors.notFound', vars: { ref: refOf(req) } });
      res.send(200, inspectionDetail(detailContext(t, language), inspection) satisfies RecordDetailBody);
    }),
  );

  server.get(
    '/api/open-items/request/:ref',
    route((req, res, member, { t, language, correlationId }) => {
      if (member.authority.role !== 'participant') throw new DomainError({ key: 'requests.errors.participantsOnly' });
      const reading = readRequest(db, clock, member, refOf(req), correlationId);
      if (reading.kind === 'not_found') throw new DomainError({ key: 'requests.errors.notFound', vars: { ref: refOf(req) } });
      if (reading.kind === 'refused') {
        sendError(res, 403, 'not_allowed', t('requests.view.refused', { ref: refOf(req) }));
        return;
      }
      res.send(200, requestDetail(detailContext(t, language), reading.request) satisfies RecordDetailBody);
    }),
  );
}

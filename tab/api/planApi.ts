import type { Response, Server } from 'restify';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { DomainError } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { Member } from '../../src/identity/members';
import { countryName } from '../../src/reference/countries';
import { naceLabel } from '../../src/reference/nace';
import { getActionDetail, lastNotes, listActions, planFacets, type ActionDetail } from '../../src/plans/actionQueries';
import { actionsOfYear } from '../../src/plans/actionRows';
import { isCoordinator, mayUpdate } from '../../src/plans/actionAccess';
import { addActionNote } from '../../src/plans/addActionNote';
import { actionsCsv, assessmentCsv, pairLabel } from '../../src/plans/assessmentCsv';
import { planAssessment, planSummary } from '../../src/plans/planSummary';
import { planCycleReport } from '../../src/plans/frozenAssessment';
import { postActionUpdate } from '../../src/plans/postActionUpdate';
import { readActionListQuery } from '../../src/plans/actionListQuery';
import { sendDomainError, sendError } from './apiResponses';
import { isStaleActionError, planErrorText } from '../../src/plans/planErrors';
import { TAB_TICKET_SECONDS, ticketedPath } from '../../src/links/linkTickets';
import { createPlanEventStreams } from './planEvents';
import { REPORT_CONTENT_SECURITY_POLICY, renderAssessmentReport } from './reportPage';
import type { RouteWrapper } from './routes';
import { jsonBody, planYear } from './requestParts';
import type { ActionDetailBody, ActionPageBody, ActionUpdateBody, Facets, PlanSummaryBody, ReportLinksBody } from './apiTypes';

export interface PlanApiContext {
  db: Db;
  clock: Clock;
  /** Runs after a write committed: the composition root has the domain's new events posted. */
  afterWrite?: () => void;
}

function sendCsv(res: Response, filename: string, csv: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(csv);
}

/** Filter choices with their labels in the reader's language, so the tab shows names, not codes. */
function facetsFor(db: Db, year: number, t: Translate, language: Language): Facets {
  const facets = planFacets(db, year);
  return {
    states: facets.states.map((key) => ({ key, label: countryName(key, language) })),
    pairs: facets.pairs.map((key) => ({ key, label: pairLabel(key, language) })),
    types: facets.types.map((key) => ({ key, label: t(`plan.type.${key}`) })),
    sectors: facets.sectors.map((key) => ({ key, label: `${key} – ${naceLabel(key, language)}` })),
  };
}

/** An action as this viewer may act on it. */
function detailBody(member: Member, action: ActionDetail): ActionDetailBody {
  return { ...action, mayUpdate: mayUpdate(member, action) };
}

async function links(db: Db, clock: Clock, member: Member, year: number, language: Language): Promise<ReportLinksBody> {
  const query = { locale: language };
  return {
    report: await ticketedPath(db, clock, `/report/${year}`, member.aadObjectId, TAB_TICKET_SECONDS, query),
    assessmentCsv: await ticketedPath(db, clock, `/api/plans/${year}/assessment.csv`, member.aadObjectId, TAB_TICKET_SECONDS, query),
    actionsCsv: await ticketedPath(db, clock, `/api/plans/${year}/actions.csv`, member.aadObjectId, TAB_TICKET_SECONDS, query),
  };
}

/**
 * The plan's routes of the tab API: actions (list with filters, detail with timeline, status and
 * note updates through the same domain commands as the bot), the year's summary and assessment
 * (JSON, CSV, printable page) and live updates. Every route goes through the tab's route().
 */
export function registerPlanApi(server: Server, route: RouteWrapper, context: PlanApiContext): void {
  const { db, clock } = context;
  const subscribe = createPlanEventStreams(server, db);

  server.get(
    '/api/actions',
    route((req, res, _member, { t, language }) => {
      const query = readActionListQuery((req.query ?? {}) as Record<string, unknown>);
      if (!query.ok) {
        sendDomainError(res, new DomainError(query.errors), t, language);
        return;
      }
      const { filter, offset, limit } = query.value;
      const page = listActions(db, filter, { offset, limit });
      res.send(200, { ...page, facets: filter.year ? facetsFor(db, filter.year, t, language) : null } satisfies ActionPageBody);
    }),
  );

  server.get(
    '/api/actions/:ref',
    route((req, res, member) => {
      const action = getActionDetail(db, String(req.params.ref));
      if (!action) throw new DomainError({ key: 'plan.errors.actionNotFound', vars: { ref: String(req.params.ref).slice(0, 20) } });
      res.send(200, detailBody(member, action));
    }),
  );

  // The tab's one "post update": a status and/or a note, decided by the domain like the bot's card.
  server.post(
    '/api/actions/:ref/status',
    route((req, res, member, { correlationId, t, language }) => {
      const input = jsonBody(req);
      try {
        const posted = postActionUpdate(db, clock, member, { ref: String(req.params.ref), status: input.status, note: input.note, expectedVersion: input.version, correlationId });
        context.afterWrite?.();
        res.send(200, { ...detailBody(member, posted.action), posted: posted.kind } satisfies ActionUpdateBody);
      } catch (error) {
        if (!isStaleActionError(error)) throw error;
        // The newer state, as this viewer may act on it: the form stays, with the new version.
        sendError(res, 409, 'stale_version', planErrorText(t, language, error.details[0]), { current: detailBody(member, error.current) });
      }
    }),
  );

  server.post(
    '/api/actions/:ref/notes',
    route((req, res, member, { correlationId }) => {
      const action = addActionNote(db, clock, member, { ref: String(req.params.ref), note: jsonBody(req).note, correlationId });
      context.afterWrite?.();
      res.send(200, detailBody(member, action));
    }),
  );

  server.get(
    '/api/plans/:year/summary',
    route((req, res, member) => {
      res.send(200, { ...planSummary(db, planYear(req)), viewer: { coordinator: isCoordinator(member) } } satisfies PlanSummaryBody);
    }),
  );

  server.get(
    '/api/plans/:year/assessment',
    route((req, res) => {
      res.send(200, planAssessment(db, planYear(req)));
    }),
  );

  server.get(
    '/api/plans/:year/assessment.csv',
    route(
      (req, res, _member, { t, language }) => {
        const year = planYear(req);
        sendCsv(res, `assessment-${year}-${language}.csv`, assessmentCsv(planAssessment(db, year), t, language, planCycleReport(db, year)));
      },
      { allowTicket: true },
    ),
  );

  server.get(
    '/api/plans/:year/actions.csv',
    route(
      (req, res, _member, { t, language }) => {
        const year = planYear(req);
        planSummary(db, year); // refuses an unknown year the same way as the other routes
        sendCsv(res, `actions-${year}-${language}.csv`, actionsCsv(actionsOfYear(db, year), lastNotes(db, year), t));
      },
      { allowTicket: true },
    ),
  );

  server.post(
    '/api/plans/:year/links',
    route(async (req, res, member, { language }) => {
      const year = planYear(req);
      planSummary(db, year);
      res.send(200, await links(db, clock, member, year, language));
    }),
  );

  server.get(
    '/report/:year',
    route(
      async (req, res, member, { t, language }) => {
        const year = planYear(req);
        const assessment = planAssessment(db, year);
        const html = renderAssessmentReport(assessment, t, language, clock.now(), await links(db, clock, member, year, language), planCycleReport(db, year));
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': REPORT_CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        });
        res.end(html);
      },
      { allowTicket: true },
    ),
  );

  server.get(
    '/api/plans/:year/events',
    route((req, res) => {
      const year = planYear(req);
      planSummary(db, year);
      subscribe(req, res, year);
    }),
  );
}

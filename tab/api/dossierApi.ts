import type { Request, Response, Server } from 'restify';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { exportCompanyDossier, type DossierFormat } from '../../src/companies/dossierExport';
import { dossierCsv } from '../../src/companies/dossierTable';
import { dossierPaths } from '../../src/companies/dossierLinks';
import { TAB_TICKET_SECONDS, ticketedPath } from '../../src/links/linkTickets';
import type { Member } from '../../src/identity/members';
import { sendError } from './apiResponses';
import { REPORT_CONTENT_SECURITY_POLICY } from './reportPage';
import { renderDossierPage } from './dossierPage';
import type { RouteContext, RouteWrapper } from './routes';

function companyIdOf(req: Request): number {
  const text = String(req.params.companyId ?? '');
  return /^\d{1,15}$/.test(text) ? Number(text) : NaN;
}

/**
 * The dossier export of a company: the printable page and the CSV, each opened by a signed link
 * (the dossier card's, made for one person, valid a day) or the tab's token. Every export is
 * audited by the domain; need-to-know is the domain's too.
 */
export function registerDossierApi(server: Server, route: RouteWrapper, { db, clock }: { db: Db; clock: Clock }): void {
  function exported(req: Request, res: Response, member: Member, { t, correlationId }: RouteContext, format: DossierFormat) {
    const dossier = exportCompanyDossier(db, clock, member, companyIdOf(req), format, correlationId);
    if (!dossier) sendError(res, 404, 'company_not_found', t('alerts.dossier.notFound', { query: String(req.params.companyId ?? '').slice(0, 20) }));
    return dossier;
  }

  server.get(
    '/dossier/:companyId',
    route(
      async (req, res, member, context) => {
        const dossier = exported(req, res, member, context, 'html');
        if (!dossier) return;
        const csv = await ticketedPath(db, clock, dossierPaths(dossier.company.id).csv, member.aadObjectId, TAB_TICKET_SECONDS, { locale: context.language });
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': REPORT_CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        });
        res.end(renderDossierPage(dossier, context.t, context.language, csv));
      },
      { allowTicket: true },
    ),
  );

  server.get(
    '/api/companies/:companyId/dossier.csv',
    route(
      (req, res, member, context) => {
        const dossier = exported(req, res, member, context, 'csv');
        if (!dossier) return;
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="dossier-${dossier.company.id}-${context.language}.csv"`,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(dossierCsv(dossier, context.t, context.language));
      },
      { allowTicket: true },
    ),
  );
}

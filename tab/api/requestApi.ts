import type { Request, Server } from 'restify';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { DomainError } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { authorityName } from '../../src/reference/authorityNames';
import { countryName } from '../../src/reference/countries';
import { topicName } from '../../src/requests/questionCatalogue';
import { readBoardQuery, readRequestBoard, type BoardPage } from '../../src/requests/requestBoard';
import { readRequestIndicators } from '../../src/requests/requestIndicators';
import { sendDomainError } from './apiResponses';
import type { RouteWrapper } from './routes';
import type { RequestBoardBody, RequestIndicatorsBody } from './requestApiTypes';

export interface RequestApiContext {
  db: Db;
  clock: Clock;
}

/** The filter choices in the reader's language: status names, topic names, "Company (country)". */
function labelledFacets(facets: BoardPage['facets'], t: Translate, language: Language): RequestBoardBody['facets'] {
  return {
    statuses: facets.statuses.map((key) => ({ key, label: t(`tabRequests.status.${key}`) })),
    topics: facets.topics.map((key) => ({ key, label: topicName(key, language) })),
    companies: facets.companies.map((c) => ({ key: String(c.id), label: c.country ? `${c.name} (${countryName(c.country, language)})` : c.name })),
  };
}

function indicatorYear(req: Request, clock: Clock): number {
  const raw = String((req.query as Record<string, unknown> | undefined)?.year ?? '').trim();
  if (!raw) return clock.now().getUTCFullYear();
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < 2000 || year > 2100) throw new DomainError({ field: 'year', key: 'tabRequests.errors.badFilter', vars: { name: 'year' } });
  return year;
}

/**
 * The Requests view's routes: the open requests the reader may read (need-to-know and the audit
 * of the read are the domain's, in src/requests), and the authorities' IMI-style indicators.
 * Thin on purpose: parse, call the domain, label for the reader.
 */
export function registerRequestApi(server: Server, route: RouteWrapper, context: RequestApiContext): void {
  const { db, clock } = context;

  server.get(
    '/api/requests',
    route((req, res, member, { t, language, correlationId }) => {
      const query = readBoardQuery((req.query ?? {}) as Record<string, unknown>);
      if (!query.ok) {
        sendDomainError(res, new DomainError(query.errors), t, language);
        return;
      }
      const { filter, offset, limit } = query.value;
      const board = readRequestBoard(db, clock, member, filter, { offset, limit }, correlationId);
      res.send(200, { ...board, facets: labelledFacets(board.facets, t, language) } satisfies RequestBoardBody);
    }),
  );

  server.get(
    '/api/requests/indicators',
    route((req, res, member, { language, correlationId }) => {
      const indicators = readRequestIndicators(db, clock, member, indicatorYear(req, clock), correlationId);
      res.send(200, {
        ...indicators,
        authorities: indicators.authorities.map(({ names, ...row }) => ({ ...row, name: authorityName({ shortName: row.shortName, names }, language) })),
      } satisfies RequestIndicatorsBody);
    }),
  );
}

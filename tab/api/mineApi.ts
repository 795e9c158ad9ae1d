import type { Server } from 'restify';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { readOpenItems } from '../../src/mine/openItems';
import { describeOpenItems } from '../../src/mine/openItemLines';
import type { RouteWrapper } from './routes';
import type { MineBody } from './apiTypes';

/**
 * `GET /api/mine`: the signed-in person's open items, in their language (the tab's `locale` or
 * Accept-Language), the same query and words as `/mine` in the bot; the read is audited.
 */
export function registerMineApi(server: Server, route: RouteWrapper, context: { db: Db; clock: Clock }): void {
  server.get(
    '/api/mine',
    route((_req, res, member, { t, language, correlationId }) => {
      const items = readOpenItems(context.db, context.clock, member, correlationId);
      const text = describeOpenItems(t, language, items, member.authority);
      res.send(200, { today: items.today, authority: { id: member.authority.id, shortName: member.authority.shortName, memberState: member.authority.memberState }, ...text } satisfies MineBody);
    }),
  );
}

import type { Request, Response, Server } from 'restify';
import type { Db } from '../../src/store/database';
import { planStamp } from '../../src/plans/planChanges';

export const CHECK_INTERVAL_MS = 1000;
const KEEP_ALIVE_MS = 15_000;

interface Subscription {
  res: Response;
  lastWrite: number;
}

interface YearWatch {
  stamp: string;
  subscribers: Set<Subscription>;
}

function write(subscription: Subscription, chunk: string): void {
  subscription.res.write(chunk);
  subscription.lastWrite = Date.now();
}

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Live updates for the meeting stage: server-sent events on GET /api/plans/:year/events. One
 * ticker for the whole server compares each watched year's stamp once a second and tells that
 * year's subscribers when it changed, whichever process or route made the change. Streams end when
 * the server stops listening, so a shutdown is not held open by a meeting room's screen.
 */
export function createPlanEventStreams(server: Server, db: Db) {
  const years = new Map<number, YearWatch>();
  let ticker: NodeJS.Timeout | null = null;

  function closeAll(): void {
    for (const watch of years.values()) for (const subscription of watch.subscribers) subscription.res.end();
    years.clear();
    if (ticker) clearInterval(ticker);
    ticker = null;
  }

  function tick(): void {
    if (!server.server.listening) {
      closeAll();
      return;
    }
    const now = Date.now();
    for (const [year, watch] of years) {
      const stamp = db.open ? planStamp(db, year) : watch.stamp;
      const changed = stamp !== watch.stamp;
      watch.stamp = stamp;
      for (const subscription of watch.subscribers) {
        if (changed) write(subscription, event('plan', { year, stamp }));
        else if (now - subscription.lastWrite >= KEEP_ALIVE_MS) write(subscription, ': keep-alive\n\n');
      }
    }
  }

  return function subscribe(req: Request, res: Response, year: number): void {
    const watch = years.get(year) ?? { stamp: planStamp(db, year), subscribers: new Set<Subscription>() };
    years.set(year, watch);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Reverse proxies must pass each event on at once rather than buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    const subscription: Subscription = { res, lastWrite: Date.now() };
    watch.subscribers.add(subscription);
    write(subscription, `retry: 3000\n${event('ready', { year, stamp: watch.stamp })}`);
    res.once('close', () => {
      watch.subscribers.delete(subscription);
      if (watch.subscribers.size === 0) years.delete(year);
      if (years.size === 0 && ticker) {
        clearInterval(ticker);
        ticker = null;
      }
    });
    if (!ticker) {
      ticker = setInterval(tick, CHECK_INTERVAL_MS);
      ticker.unref();
    }
  };
}

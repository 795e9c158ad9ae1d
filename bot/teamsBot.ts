import type { RequestHandler, Server } from 'restify';
import { createAdapter, type CooperationDeskAdapter } from './adapter';
import { createBotApp } from './app';
import { channelContentRenderer, type HarnessPosts } from './channelPost';
import type { BotDeps } from './deps';
import { FEATURES } from './features';
import { botEndpoint, type TurnObservation } from './http/botEndpoint';
import type { EventPosts } from './notifier';
import { adapterSender } from './outbox/adapterSender';
import type { RenderOutboxContent, SendOutboxMessage } from './outbox/outboxDispatcher';
import type { ScheduledJob } from './scheduledJob';

/** The Teams adapter as the composition root wires it: what it serves, posts, draws and runs. */
export interface TeamsBot {
  adapter: CooperationDeskAdapter;
  /** POST /api/messages. */
  endpoint: RequestHandler;
  /** The features' own HTTP routes (the calendar feed). */
  registerRoutes(server: Server): void;
  /** What each feature posts for the domain's events. */
  eventPosts: EventPosts[];
  /** Draws a queued post when it is sent. */
  render: RenderOutboxContent;
  send: SendOutboxMessage;
  jobs: ScheduledJob[];
}

export function createTeamsBot(deps: BotDeps, options: { harnessPosts?: HarnessPosts; observeTurn?: (turn: TurnObservation) => void } = {}): TeamsBot {
  const adapter = createAdapter(deps.config);
  const app = createBotApp(adapter, deps);
  return {
    adapter,
    endpoint: botEndpoint(
      adapter,
      deps.config,
      async (context) => {
        await app.run(context);
      },
      options.observeTurn,
    ),
    registerRoutes: (server) => {
      for (const feature of FEATURES) feature.httpRoutes?.(server, deps);
    },
    eventPosts: FEATURES.flatMap((feature) => (feature.eventPosts ? [feature.eventPosts] : [])),
    render: channelContentRenderer(deps, FEATURES, options.harnessPosts),
    send: adapterSender(adapter, deps.config.appId, deps.db),
    jobs: FEATURES.flatMap((feature) => feature.jobs?.(deps) ?? []),
  };
}

import type { Db } from '../src/store/database';
import type { Clock } from '../src/clock';
import type { BotSettings } from './settings';

/** What every handler may use; built once in main.ts (or by the test harness). */
export interface BotDeps {
  db: Db;
  clock: Clock;
  config: BotSettings;
  /** After a write that recorded a domain event: its channel posts are queued and the outbox woken. */
  notify(): void;
}

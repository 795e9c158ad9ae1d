/**
 * One JSON line per event on stderr, so a national contact point can ship logs anywhere.
 * Never log message text, summaries or identifiers: they are personal or case data.
 */
type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
let threshold: number = LEVELS[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? LEVELS.info;

export function setLogLevel(level: Level): void {
  threshold = LEVELS[level];
}

export type LogListener = (level: Exclude<Level, 'silent'>, event: string) => void;
const listeners = new Set<LogListener>();

/** Hears every error and warning's event name, whatever the level printed; returns the unsubscribe. */
export function onLogEvent(listener: LogListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function write(level: Exclude<Level, 'silent'>, event: string, fields: Record<string, unknown> = {}): void {
  if (listeners.size > 0 && LEVELS[level] >= LEVELS.warn) for (const listener of listeners) listener(level, event);
  if (LEVELS[level] < threshold) return;
  const entry: Record<string, unknown> = { at: new Date().toISOString(), level, event, ...fields };
  if (fields.error instanceof Error) {
    entry.error = { name: fields.error.name, message: fields.error.message, stack: fields.error.stack };
  }
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => write('debug', event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write('error', event, fields),
};

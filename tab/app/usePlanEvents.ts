import { useEffect, useRef, useState } from 'react';
import { useTabSession } from './TabSession';

export type LiveState = 'connecting' | 'live' | 'offline';

const FALLBACK_POLL_MS = 15_000;
const MAX_RETRY_MS = 30_000;

/**
 * Follows the year's change events (server-sent, over fetch so that the Teams token goes along)
 * and calls `onChange` for each. While the stream is down it polls instead, and it reconnects with
 * a growing delay; after a reconnection it refreshes once, for what happened in between.
 */
export function usePlanEvents(year: number | null, onChange: () => void): LiveState {
  const { api } = useTabSession();
  const [state, setState] = useState<LiveState>('connecting');
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (year === null) return;
    let stopped = false;
    let controller: AbortController | null = null;
    let retryTimer: number | undefined;
    let pollTimer: number | undefined;
    let failures = 0;
    let connectedBefore = false;

    const poll = () => {
      window.clearInterval(pollTimer);
      pollTimer = window.setInterval(() => changed.current(), FALLBACK_POLL_MS);
    };

    const connect = async () => {
      controller = new AbortController();
      setState((previous) => (previous === 'live' ? previous : 'connecting'));
      try {
        await api.planEvents(year, controller.signal, (event) => {
          if (event === 'ready') {
            failures = 0;
            window.clearInterval(pollTimer);
            setState('live');
            if (connectedBefore) changed.current();
            connectedBefore = true;
          } else if (event === 'plan') {
            changed.current();
          }
        });
      } catch {
        // Aborted on unmount, or the stream failed: either way, fall through to reconnecting.
      }
      if (stopped) return;
      failures += 1;
      setState('offline');
      poll();
      retryTimer = window.setTimeout(() => void connect(), Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(failures, 5)));
    };
    void connect();

    return () => {
      stopped = true;
      controller?.abort();
      window.clearTimeout(retryTimer);
      window.clearInterval(pollTimer);
    };
  }, [year, api]);

  return state;
}

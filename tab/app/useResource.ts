import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiFailure, type ApiFailure } from './api';

export type Resource<T> =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'loaded'; value: T; refreshedAt: Date; refreshFailure: ApiFailure | null }
  | { phase: 'failed'; failure: ApiFailure; retry: () => void };

export type ReloadableResource<T> = Resource<T> & {
  /** Loads again without blanking what is shown: for live updates and after a change. */
  reload: () => void;
};

/**
 * Loads `load()` whenever `key` changes, and again every `refreshMs` when given, or when reload()
 * is called. A failed refresh keeps the data already shown (a stage must not go blank on a network
 * blip) and reports the failure beside it. Only the newest answer is shown, so a slow old answer
 * never overwrites a newer one. A null key means "nothing to load yet".
 */
export function useResource<T>(key: string | null, load: () => Promise<T>, refreshMs?: number, options: { group?: string } = {}): ReloadableResource<T> {
  const [resource, setResource] = useState<Resource<T>>({ phase: key === null ? 'idle' : 'loading' });
  const [attempt, setAttempt] = useState(0);
  const refreshNow = useRef<() => void>(() => undefined);
  const shownGroup = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (key === null) {
      setResource({ phase: 'idle' });
      return;
    }
    let current = true;
    let timer: number | undefined;
    let sequence = 0;
    // Within a group (the same year, other filters) what is shown stays until the new answer arrives,
    // so the board does not blank out at every filter change.
    const sameGroup = options.group !== undefined && options.group === shownGroup.current;
    shownGroup.current = options.group;
    setResource((previous) => (sameGroup && previous.phase === 'loaded' ? previous : { phase: 'loading' }));

    const fetchOnce = async (isRefresh: boolean) => {
      const mine = ++sequence;
      window.clearTimeout(timer);
      try {
        const value = await load();
        if (current && mine === sequence) setResource({ phase: 'loaded', value, refreshedAt: new Date(), refreshFailure: null });
      } catch (error) {
        if (!current || mine !== sequence) return;
        const failure = asApiFailure(error);
        setResource((previous) =>
          isRefresh && previous.phase === 'loaded'
            ? { ...previous, refreshFailure: failure }
            : { phase: 'failed', failure, retry: () => setAttempt((n) => n + 1) },
        );
      }
      if (current && mine === sequence && refreshMs) timer = window.setTimeout(() => void fetchOnce(true), refreshMs);
    };
    refreshNow.current = () => void fetchOnce(true);
    void fetchOnce(false);

    return () => {
      current = false;
      refreshNow.current = () => undefined;
      window.clearTimeout(timer);
    };
    // `load` is a fresh closure each render; `key` is what identifies the data.
  }, [key, refreshMs, attempt]);

  const reload = useCallback(() => refreshNow.current(), []);
  return { ...resource, reload } as ReloadableResource<T>;
}

import { useEffect, useState } from 'react';
import { asApiFailure, type ApiFailure } from './api';

export type Resource<T> =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'loaded'; value: T; refreshedAt: Date; refreshFailure: ApiFailure | null }
  | { phase: 'failed'; failure: ApiFailure; retry: () => void };

/**
 * Loads `load()` whenever `key` changes, and again every `refreshMs` when given. A failed refresh
 * keeps the data already shown (a stage must not go blank on a network blip) and reports the failure
 * beside it. A null key means "nothing to load yet".
 */
export function useResource<T>(key: string | null, load: () => Promise<T>, refreshMs?: number): Resource<T> {
  const [resource, setResource] = useState<Resource<T>>({ phase: key === null ? 'idle' : 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (key === null) {
      setResource({ phase: 'idle' });
      return;
    }
    let current = true;
    let timer: number | undefined;
    setResource({ phase: 'loading' });

    const fetchOnce = async (isRefresh: boolean) => {
      try {
        const value = await load();
        if (current) setResource({ phase: 'loaded', value, refreshedAt: new Date(), refreshFailure: null });
      } catch (error) {
        if (!current) return;
        const failure = asApiFailure(error);
        setResource((previous) =>
          isRefresh && previous.phase === 'loaded'
            ? { ...previous, refreshFailure: failure }
            : { phase: 'failed', failure, retry: () => setAttempt((n) => n + 1) },
        );
      }
      if (current && refreshMs) timer = window.setTimeout(() => void fetchOnce(true), refreshMs);
    };
    void fetchOnce(false);

    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // `load` is a fresh closure each render; `key` is what identifies the data.
  }, [key, refreshMs, attempt]);

  return resource;
}
